// The background location preloads the top bar so that it runs (and receives calls) before the agent opens it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBackground } from '../../js-shim/app/background.js';
import { createFakeZaf } from './helpers/fake-zaf.mjs';

const quiet = { warn() {} };

test('finds the top_bar instance and invokes preloadPane on it', async () => {
  const zaf = createFakeZaf({
    instanceGuid: 'bg-1',
    instances: {
      'bg-1': { location: 'background' },
      'side-1': { location: 'ticket_sidebar' },
      'top-1': { location: 'top_bar' },
    },
  });
  assert.equal(await startBackground({ client: zaf, log: quiet }), 'top-1');
  assert.deepEqual(
    zaf.calls('get').map((g) => g.paths),
    [['instances']],
  );
  assert.deepEqual(
    zaf.calls('invoke').map(({ instanceGuid, name, args }) => ({ instanceGuid, name, args })),
    [{ instanceGuid: 'top-1', name: 'preloadPane', args: [] }],
  );
});

test('no top_bar instance: nothing is invoked and nothing throws', async () => {
  const zaf = createFakeZaf({ instanceGuid: 'bg-1', instances: { 'bg-1': { location: 'background' } } });
  assert.equal(await startBackground({ client: zaf, log: quiet }), null);
  assert.deepEqual(zaf.calls('invoke'), []);
});

test('a ZAF failure is reported, not thrown', async () => {
  const warnings = [];
  const client = {
    get: async () => {
      throw new Error('host gone');
    },
  };
  assert.equal(await startBackground({ client, log: { warn: (...a) => warnings.push(a) } }), null);
  assert.equal(warnings.length, 1);
});
