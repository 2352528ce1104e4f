// A caller who rings again before Zendesk's search lists the user their first call made (D292's gap, closed by
// D439): the real WASM core of two agents on one account, the sandbox's Zendesk stand-in over HTTP with its default
// 60 s search index delay. The caller rings agent 5, hangs up, and rings again 20 s later — at agent 6, then at
// agent 5 once more — each time still unknown to search. Judged from what Zendesk holds: one user for the number,
// every call's ticket on it. Before D439 each repeat call made the caller a new user.
import test from 'node:test';
import assert from 'node:assert/strict';
import { driveAgent, laggingAccount } from './helpers/drive-agent.mjs';

const START = Date.parse('2026-11-23T09:00:00Z');
const CALLER = '+1 646 555 0142'; // in no seed record: the first call creates a contact
const digits = (p) => String(p ?? '').replace(/\D/g, '');

async function register(agent, id) {
  await agent.event({
    type: 'appRegistered',
    settings: {},
    agent: { id, name: `Agent ${id}`, groupIds: [11], locale: 'en' },
    connector: { name: 'test' },
  });
  await agent.event({ type: 'connectorState', state: 'online' });
}

/** One call from CALLER at `agent`: rings, answered, 10 s talk, ended, wrap-up done; returns when it rang. */
async function takeCall(agent, callId, clock) {
  const rang = clock.ms;
  await agent.event({ type: 'callRinging', callId, ani: CALLER, dnis: '+18005550000', sessionType: 'ivr' });
  await agent.event({ type: 'answerClicked' });
  await agent.event({ type: 'callConnected', callId });
  await agent.run(10_000);
  await agent.event({ type: 'callEnded', callId, reason: 'completed', durationSec: 10 });
  await agent.event({ type: 'wrapUpDone' });
  await agent.run(5_000);
  return rang;
}

test(
  'IN-1 nothing invented (D439): a caller who rings again, at another agent or the same, before search lists their new ' +
    'user gets no second user',
  { timeout: 30_000 },
  async (t) => {
    const { core, clock, zd, send } = await laggingAccount(t, START);
    const keep = () => false;
    const first = driveAgent({ core, send, clock, lose: keep });
    const second = driveAgent({ core, send, clock, lose: keep });
    t.after(first.close);
    t.after(second.close);
    await register(first, 5);
    await register(second, 6);

    await takeCall(first, 'rep-1', clock);
    await takeCall(second, 'rep-2', clock);
    const lastRing = await takeCall(first, 'rep-3', clock);
    await first.run(5 * 60_000); // every write settles
    await second.run(0);

    const state = zd.state();
    const users = state.users.filter((u) => digits(u.phone) === digits(CALLER));
    assert.equal(users.length, 1, `users for the caller: ${JSON.stringify(users.map((u) => [u.id, u.external_id]))}`);
    for (const callId of ['rep-1', 'rep-2', 'rep-3']) {
      const tickets = state.tickets.filter((tk) => tk.external_id === callId);
      assert.equal(tickets.length, 1, `${callId}: one ticket`);
      assert.equal(tickets[0].requester_id, users[0].id, `${callId}: the caller's ticket is on the one user`);
    }
    const log = zd.log();
    const userPosts = log.filter((e) => e.method === 'POST' && e.url.replace(/\.json$/, '') === '/api/v2/users');
    assert.deepEqual(
      userPosts.map((e) => e.status),
      [201, 422, 422],
      'the repeat creates were refused by Zendesk (the number is taken), changing nothing',
    );
    assert.ok(
      lastRing < Date.parse(users[0].created_at) + 60_000,
      'every repeat call rang before search could list the first user (else this proves nothing)',
    );
    assert.equal(log.filter((e) => e.method === 'GET' && e.url.startsWith('/api/v2/search')).length, 3);
    for (const agent of [first, second]) {
      assert.equal(agent.view().sync.failed, 0, 'nothing failed');
      assert.equal(agent.view().sync.pending, 0, 'nothing left to write');
    }
  },
);
