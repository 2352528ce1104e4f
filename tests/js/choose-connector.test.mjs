// Which connector the top bar runs (js-shim/telephony/choose-connector.js): the demo simulator only when chosen
// (D61), and then from a file of its own that is loaded on first use (D150), like the sip connector (D103).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseConnector } from '../../js-shim/telephony/choose-connector.js';
import * as simulatorFile from '../../js-shim/telephony/simulator/load.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('D150: the simulator is loaded only when chosen, on first use, and built from its own file', async () => {
  let loads = 0;
  const chosen = await chooseConnector({
    settings: { telephonyConnector: 'simulator' },
    loadSip: () => assert.fail('never the sip connector'),
    createSip: () => assert.fail('never the sip connector'),
    loadSimulator: async () => ((loads += 1), simulatorFile),
    createSimulator: ({ createSimulatorConnector }) => createSimulatorConnector({ recordingBaseUrl: null }),
  });
  assert.equal(chosen.name, 'simulator');
  assert.deepEqual(chosen.problems, []);
  assert.equal(loads, 0, 'nothing loaded before the connector is used');
  const events = [];
  await chosen.connector.start((e) => events.push(e));
  await settle();
  assert.equal(loads, 1);
  assert.deepEqual(events, [{ type: 'connectorState', state: 'online' }]);
  const real = await chosen.connector.loaded();
  assert.equal(real, chosen.connector.current());
  assert.equal(typeof real.ringInbound, 'function', 'the real simulator, with its controls');
  await chosen.connector.stop();
  assert.equal(loads, 1, 'loaded once');
});

test('D61: the default is sip; an unknown connector is offline with a problem, never the simulator', async () => {
  const never = () => assert.fail('not this one');
  const sip = await chooseConnector({
    settings: {},
    loadSip: never,
    createSip: never,
    loadSimulator: never,
    createSimulator: never,
  });
  assert.equal(sip.name, 'sip');
  const unknown = await chooseConnector({
    settings: { telephonyConnector: 'acme' },
    loadSip: never,
    createSip: never,
    loadSimulator: never,
    createSimulator: never,
  });
  assert.equal(unknown.name, 'none');
  assert.equal(unknown.problems[0].code, 'CONNECTOR_UNKNOWN');
});

test('D150: a simulator file that cannot load leaves the connector offline and refuses commands', async () => {
  const chosen = await chooseConnector({
    settings: { telephonyConnector: 'simulator' },
    loadSip: () => assert.fail('never the sip connector'),
    createSip: () => assert.fail('never the sip connector'),
    loadSimulator: () => Promise.reject(new Error('404')),
    createSimulator: () => assert.fail('not built'),
  });
  const events = [];
  await chosen.connector.start((e) => events.push(e));
  await settle();
  assert.deepEqual(events, [{ type: 'connectorState', state: 'offline' }]);
  await assert.rejects(chosen.connector.dial({ callId: 'x', number: '+1' }), { code: 'CONNECTOR_UNAVAILABLE' });
  await assert.rejects(chosen.connector.loaded(), { code: 'CONNECTOR_UNAVAILABLE' });
  await chosen.connector.stop();
});

test('D431/D434: the lazily loaded connector hands on consults() and presence() where the real one has them', async () => {
  const told = [];
  const real = {
    start: async () => {},
    stop: async () => {},
    consults: () => ['c1'],
    presence: async (state) => void told.push(state),
  };
  const chosen = await chooseConnector({
    settings: { telephonyConnector: 'simulator' },
    loadSip: () => assert.fail('never the sip connector'),
    createSip: () => assert.fail('never the sip connector'),
    loadSimulator: async () => simulatorFile,
    createSimulator: () => real,
  });
  assert.deepEqual(await chosen.connector.consults(), ['c1']);
  await chosen.connector.presence('onCall');
  assert.deepEqual(told, ['onCall']);
  const bare = await chooseConnector({
    settings: { telephonyConnector: 'simulator' },
    loadSip: () => assert.fail('never the sip connector'),
    createSip: () => assert.fail('never the sip connector'),
    loadSimulator: async () => simulatorFile,
    createSimulator: () => ({ start: async () => {}, stop: async () => {} }),
  });
  assert.deepEqual(await bare.connector.consults(), [], 'a connector that cannot say keeps no leg');
  assert.equal(await bare.connector.presence('away'), undefined);
});
