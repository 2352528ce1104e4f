// SF-1/SF-2/TR-12 on an installed app (issue 17 item 8): the ids of the ticket fields the app's requirements created
// come from ZAF (`requirement:<identifier>`), the fieldMap setting covers the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createZafBridge } from '../../js-shim/zaf/bridge.js';
import { REQUIREMENT_DATA, withRequirementFields } from '../../js-shim/zaf/requirements.js';
import { createFakeZaf } from './helpers/fake-zaf.mjs';

const requirement = (id) => ({ requirement_id: id, requirement_type: 'ticket_fields' });

test('every ticket field of requirements.json has its session datum', () => {
  const declared = JSON.parse(readFileSync(new URL('../../app-manifest/requirements.json', import.meta.url), 'utf8'));
  assert.deepEqual(Object.keys(REQUIREMENT_DATA).sort(), Object.keys(declared.ticket_fields).sort());
});

test('SF-1/SF-2: an installed app writes the fields its requirements made; the fieldMap setting fills in the rest', async () => {
  const zaf = createFakeZaf({
    settings: { fieldMap: '{"duration": 5, "queueName": 6, "customerTier": 7}', ticketFieldIds: '5,6,7' },
    data: { 'requirement:duration': requirement(36013), 'requirement:session_type': requirement(36011) },
  });
  const { settings } = await createZafBridge(zaf).registration();
  assert.deepEqual(JSON.parse(settings.fieldMap), {
    duration: 36013,
    queueName: 6,
    customerTier: 7,
    sessionType: 36011,
  });
  assert.equal(settings.ticketFieldIds, '5,6,7,36011,36013', 'TR-12: the requirement fields count as existing');
  const asked = zaf.calls('get').find((c) => c.paths.some((p) => p.startsWith('requirement:')));
  assert.equal(asked.paths.length, Object.keys(REQUIREMENT_DATA).length, 'one get for all of them');
});

test('without requirements (zcli apps:server) or with a broken fieldMap, the settings reach the core as given', async () => {
  const given = { fieldMap: '{"duration": 5}', ticketFieldIds: '' };
  const { settings } = await createZafBridge(createFakeZaf({ settings: given })).registration();
  assert.deepEqual(settings, given);
  const broken = { fieldMap: '{"duration": ' };
  assert.deepEqual(withRequirementFields(broken, { duration: 9 }), broken, 'the core reports it (SETTING_INVALID)');
  assert.deepEqual(JSON.parse(withRequirementFields({}, { duration: 9 }).fieldMap), { duration: 9 });
});
