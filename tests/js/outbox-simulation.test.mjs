// The outbox under trouble (issue "outbox"): a small run of bench/outbox-sim.mjs's simulation — real WASM adapters
// on one fake clock against the sandbox's Zendesk stand-in, with 429 storms, 500s (refused and carried out),
// dropped answers, slow answers, page reloads and two-tab failovers — must leave Zendesk with every call, note and
// marked comment exactly once, and no view with failed writes. Judged from the stand-in's data, not the views.
// The full run (1000 calls) is bench/run's; this one (120 calls, both modes) takes a few seconds.
import test from 'node:test';
import assert from 'node:assert/strict';
import { auditOutbox } from '../../bench/lib/outbox-audit.mjs';
import { runOutboxComparison } from '../../bench/lib/outbox-comparison.mjs';
import { loadCoreModule } from './helpers/build-paths.mjs';

const SCENARIO = { calls: 120, agents: 6, seed: 1 };

test('outbox simulation: nothing lost, nothing written twice, nothing failed — batched and unbatched', { timeout: 120_000 }, async (t) => {
  const result = await runOutboxComparison({ ...SCENARIO, core: await loadCoreModule() });
  for (const [mode, run] of Object.entries(result.runs)) {
    await t.test(mode, () => {
      const why = JSON.stringify({ lost: run.audit.details.lost, duplicated: run.audit.details.duplicated, failedWrites: run.views.failedWrites, coreErrors: run.coreErrors }, null, 1);
      // The scenario really met the trouble it is about (else the zeros below prove nothing).
      assert.ok(run.dropped > 0 && run.droppedWritesCarriedOut > 0, 'dropped answers of writes Zendesk carried out');
      assert.ok(run.status500Applied > 0, '500s answered for writes Zendesk carried out');
      assert.ok(run.status429 > 0, '429s');
      assert.ok(run.reloads > 0 && run.failovers > 0, 'reloads and failovers');
      assert.equal(run.callsPlaced, SCENARIO.calls);
      assert.ok(run.audit.markersSent > 0, 'comments carry [cti-ref:…] markers');

      assert.equal(run.coreErrorCount, 0, `the core refused events (a restore of its own snapshot?): ${why}`);
      assert.equal(run.audit.lost, 0, `lost: ${why}`);
      assert.equal(run.audit.duplicated, 0, `duplicated: ${why}`);
      assert.equal(run.audit.misplacedNotes, 0, `notes on another call's ticket: ${why}`);
      assert.equal(run.views.failed, 0, `failed writes in the views: ${why}`);
      assert.ok(run.drained, `writes still pending at the drain deadline: ${run.views.pending}`);
    });
  }
  await t.test('batching saves requests', () => {
    assert.ok(result.requestsPerCallRatio < 1, `batched / unbatched requests per call = ${result.requestsPerCallRatio}`);
  });
});

// The verdict itself, on hand-made data: each kind of loss and duplicate is seen.
test('outbox audit: flags a missing note, a second ticket, a second marker, a second contact', () => {
  const call = { id: 'sim-00001', kind: 'new', digits: '19172000000', note: 'Note of sim-00001.', endedAt: 0 };
  const other = { id: 'sim-00002', kind: 'known', digits: '16465552000', note: 'Note of sim-00002.', endedAt: 0 };
  const seedState = { users: [{ id: 1, phone: '+1 646 555 2000' }] };
  const ticket = (id, externalId) => ({ id, external_id: externalId });
  const comment = (body) => ({ body });
  const clean = {
    users: [...seedState.users, { id: 2, phone: '+19172000000' }],
    tickets: [ticket(10, 'sim-00001'), ticket(11, 'sim-00099')],
    comments: {
      10: [comment('Call ID: sim-00001\nType: IVR'), comment('Agent note:\nNote of sim-00001.\n\n[cti-ref:0000000a]')],
      11: [comment('Call ID: sim-00002\nType: IVR'), comment('Agent note:\nNote of sim-00002.\n\n[cti-ref:0000000b]')],
    },
  };
  const markersSent = new Set(['[cti-ref:0000000a]', '[cti-ref:0000000b]']);
  const ok = auditOutbox({ state: clean, log: [], calls: [call, other], seedState, markersSent });
  assert.deepEqual([ok.lost, ok.duplicated, ok.misplacedNotes, ok.callsAppendedToEarlierTicket], [0, 0, 0, 1]);

  const broken = structuredClone(clean);
  broken.tickets.push(ticket(12, 'sim-00001')); // the create landed twice
  broken.comments[12] = [comment('Call ID: sim-00001\nType: IVR')];
  broken.comments[11].pop(); // sim-00002's note and its marker never landed
  broken.comments[10].push(comment('Agent note:\nNote of sim-00001.\n\n[cti-ref:0000000a]')); // re-sent after a lost answer
  broken.users.push({ id: 3, phone: '+1 917 200 0000' }); // a second contact for the new number
  broken.users.push({ id: 4, phone: '+16465552000' }); // a contact for a caller Zendesk knew
  const bad = auditOutbox({ state: broken, log: [], calls: [call, other], seedState, markersSent });
  assert.deepEqual(bad.byKind.lost, { calls: 0, notes: 1, markers: 1, contacts: 0 });
  assert.deepEqual(bad.byKind.duplicated, { calls: 1, notes: 1, markers: 1, contacts: 2 });
});
