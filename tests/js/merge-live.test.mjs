// TR-9 in the live adapter (D444), seed 001's "merge behaviour": the agent is on a call that created ticket A; while
// the call lasts a ticket B is made and A is merged into B in Zendesk. The call's end-of-call update (the
// call-finished data and the agent's note) must land on B. The real WASM core against the sandbox's Zendesk stand-in
// over HTTP, whose merge closes A (which then refuses updates, as Zendesk does) and leaves Zendesk's comments on both.
import test from 'node:test';
import assert from 'node:assert/strict';
import { driveAgent, laggingAccount } from './helpers/drive-agent.mjs';

const START = Date.parse('2026-11-23T09:00:00Z');
const CALLER = '+1 646 555 0177'; // in no seed record: the call creates a contact and ticket A
const NOTE = 'Replaced the router; customer will call back if it reboots again';

test(
  'TR-9: a call whose ticket is merged into another while it lasts writes its end-of-call update to the target',
  {
    timeout: 30_000,
  },
  async (t) => {
    const { core, clock, zd, send } = await laggingAccount(t, START);
    const agent = driveAgent({ core, send, clock, lose: () => false });
    t.after(agent.close);
    await agent.event({
      type: 'appRegistered',
      settings: {},
      agent: { id: 5, name: 'Agent 5', groupIds: [11], locale: 'en' },
      connector: { name: 'test' },
    });
    await agent.event({ type: 'connectorState', state: 'online' });
    await agent.event({ type: 'callRinging', callId: 'm-1', ani: CALLER, dnis: '+18005550000', sessionType: 'ivr' });
    await agent.event({ type: 'answerClicked' });
    await agent.event({ type: 'callConnected', callId: 'm-1' });
    await agent.run(10_000);
    const ticketA = zd.state().tickets.find((tk) => tk.external_id === 'm-1');
    assert.ok(ticketA, 'the call made its ticket A');

    // In Zendesk, while the call lasts: a ticket B for the same requester, and A merged into it.
    const made = await send('POST', '/api/v2/tickets.json', {
      ticket: {
        subject: 'Router support',
        comment: { body: 'Opened by the agent' },
        requester_id: ticketA.requester_id,
      },
    });
    assert.equal(made.status, 201);
    const ticketB = made.body.ticket.id;
    const merged = await send('POST', `/api/v2/tickets/${ticketB}/merge.json`, { ids: [ticketA.id] });
    assert.equal(merged.status, 200);
    assert.equal(merged.body.job_status.status, 'completed');

    await agent.event({ type: 'noteChanged', text: NOTE });
    await agent.event({ type: 'callEnded', callId: 'm-1', reason: 'completed', durationSec: 40 });
    await agent.event({ type: 'wrapUpDone' });
    await agent.run(5 * 60_000);

    const state = zd.state();
    const bodies = (id) => (state.comments[id] ?? []).map((c) => c.body);
    assert.ok(
      bodies(ticketB).some((b) => b.includes(NOTE)),
      `the note is on the merge target #${ticketB}: ${JSON.stringify(bodies(ticketB))}`,
    );
    assert.ok(!bodies(ticketA.id).some((b) => b.includes(NOTE)), 'and not on the merged ticket');
    assert.equal(state.tickets.find((tk) => tk.id === ticketA.id).status, 'closed');
    const refused = zd.log().filter((e) => e.method === 'PUT' && e.url === `/api/v2/tickets/${ticketA.id}.json`);
    assert.ok(
      refused.some((e) => e.status === 422),
      'the update first went to A and was refused (else this proves nothing)',
    );
    assert.equal(agent.view().sync.failed, 0, 'nothing failed');
    assert.equal(agent.view().sync.pending, 0, 'nothing left to write');
  },
);
