// SF-1/SF-2/TR-12 on an installed app (issue 18 item 6, D355): the ids of the ticket fields the app's requirements
// created are found in the account's ticket fields (GET /api/v2/ticket_fields, the sandbox's stand-in answering as
// Zendesk: cursor pages, `creator=true`, an end user's narrower list); an id the admin typed in fieldMap overrides;
// a field not found is reported to the admin by its title and never mapped by a guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createZafBridge } from '../../js-shim/zaf/bridge.js';
import { REQUIREMENT_FIELDS, withRequirementFields } from '../../js-shim/zaf/requirements.js';
import { findRequirementFields, listTicketFields } from '../../js-shim/zaf/ticket-fields.js';
import { createTranslator } from '../../js-shim/view/i18n.js';
import { defaultSeed, requirementFields } from '../../sandbox/zendesk/seed.mjs';
import { createZendeskStandIn } from '../../sandbox/zendesk/stand-in.mjs';
import { createFakeZaf } from './helpers/fake-zaf.mjs';

const declared = JSON.parse(readFileSync(new URL('../../app-manifest/requirements.json', import.meta.url), 'utf8'));
const en = JSON.parse(readFileSync(new URL('../../app-manifest/translations/en.json', import.meta.url), 'utf8'));

/** The stand-in over HTTP; `request` is the bridge's request as the top bar makes it (status and body). */
async function standIn(t, { seed = defaultSeed(), role = 'agent' } = {}) {
  const zd = createZendeskStandIn({ seed });
  const server = http.createServer(async (req, res) => {
    if (!(await zd.handle(req, res))) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const request = async ({ method, url }) => {
    const res = await fetch(origin + url, { method, headers: { 'X-Sandbox-Role': role } });
    return { status: res.status, body: await res.json() };
  };
  return { zd, request };
}

const ids = () => Object.fromEntries(REQUIREMENT_FIELDS.map((f, i) => [f.datum, 360101 + i]));

test('every ticket field of requirements.json is looked for by its own title and type', () => {
  assert.deepEqual(
    REQUIREMENT_FIELDS.map((f) => [f.key, f.title, f.type]),
    Object.entries(declared.ticket_fields).map(([key, f]) => [key, f.title, f.type]),
  );
});

test('SF-1/SF-2: the installed app finds the ten fields its requirements created, by title, among all the account has', async (t) => {
  const { zd, request } = await standIn(t);
  const found = findRequirementFields(await listTicketFields(request));
  assert.deepEqual(found.ids, ids());
  assert.deepEqual(found.missing, []);
  assert.ok(found.existing.includes(360002), 'the admin’s own fields are known to exist too (TR-12)');
  const asked = zd.log().map((e) => e.url);
  assert.deepEqual(asked, ['/api/v2/ticket_fields.json?creator=true&page[size]=100'], 'one request for 15 fields');
});

test('the listing is followed page by page by its cursor: 240 fields, the app’s on the third page', async (t) => {
  const seed = defaultSeed();
  const many = Array.from({ length: 225 }, (_, i) => ({ id: 1000 + i, type: 'text', title: `Custom ${i}` }));
  seed.ticket_fields = [...many, ...requirementFields(), ...seed.ticket_fields.slice(0, 5)];
  const { zd, request } = await standIn(t, { seed });
  const fields = await listTicketFields(request);
  assert.equal(fields.length, 240);
  assert.deepEqual(findRequirementFields(fields).ids, ids());
  assert.equal(zd.log().length, 3);
  assert.match(zd.log()[2].url, /page\[after\]=/);
});

test('TR-12: the admin’s typed id overrides; the ids the account has check it; a missing field is named, not guessed', async (t) => {
  const seed = defaultSeed();
  // The admin deleted "Session CSAT", deactivated "Session queue", and made a second active "Session feedback".
  seed.ticket_fields = seed.ticket_fields
    .filter((f) => f.title !== 'Session CSAT')
    .map((f) => (f.title === 'Session queue' ? { ...f, active: false } : f));
  seed.ticket_fields.push({
    id: 370001,
    type: 'textarea',
    title: 'Session feedback',
    creator_app_name: 'Agent Adapter',
  });
  const { request } = await standIn(t, { seed });
  const found = findRequirementFields(await listTicketFields(request));
  const given = { fieldMap: JSON.stringify({ duration: 360002, customerTier: 7 }), ticketFieldIds: '' };
  const { settings, problems } = withRequirementFields(given, found);
  const map = JSON.parse(settings.fieldMap);
  assert.equal(map.duration, 360002, 'the typed id wins over the field found');
  assert.equal(map.sessionType, 360101);
  assert.equal(map.customerTier, 7, 'custom data stays mapped as typed');
  for (const datum of ['csat', 'queueName', 'feedback']) assert.equal(map[datum], undefined, `${datum} is not guessed`);
  assert.ok(settings.ticketFieldIds.split(',').includes('360002'));
  assert.ok(!settings.ticketFieldIds.split(',').includes('7'), 'so the core reports the typed 7 (no such field)');

  const t_ = createTranslator({ en }, 'en-US');
  const texts = problems.map((p) =>
    t_(`ui.errors.${p.code}`, { ...p.params, setting: t_(`app.parameters.${p.setting}.label`) }),
  );
  assert.deepEqual(
    problems.map((p) => p.code),
    ['TICKET_FIELDS_MISSING', 'TICKET_FIELDS_AMBIGUOUS'],
  );
  assert.match(texts[0], /“Session queue”, “Session CSAT”.*not found in Zendesk/);
  assert.match(texts[1], /“Session feedback”/);
  for (const text of texts) assert.doesNotMatch(text, /fieldMap|csat\b|\{\{/, 'the admin’s words, not keys');
});

test('an agent whose Zendesk does not list the fields: nothing mapped, the admin told once; typed ids still used', async () => {
  const zaf = createFakeZaf({ settings: { fieldMap: '{"duration": 5}' } });
  zaf.respond(/ticket_fields/, { status: 500, body: { error: 'InternalError' } });
  const bridge = createZafBridge(zaf);
  const { settings, problems } = await bridge.requirementFields((await bridge.registration()).settings);
  assert.deepEqual(JSON.parse(settings.fieldMap), { duration: 5 });
  assert.equal(settings.ticketFieldIds, undefined);
  assert.deepEqual(
    problems.map((p) => p.code),
    ['TICKET_FIELDS_UNREADABLE'],
  );
  // Every datum typed: nothing left to find, nothing to report.
  const all = JSON.stringify(Object.fromEntries(REQUIREMENT_FIELDS.map((f, i) => [f.datum, i + 1])));
  assert.deepEqual(withRequirementFields({ fieldMap: all }, findRequirementFields(null)).problems, []);
  const broken = { fieldMap: '{"duration": ' };
  assert.deepEqual(withRequirementFields(broken, findRequirementFields([])), { settings: broken, problems: [] });
});

test('an end user’s listing holds only the portal’s fields, and the stand-in refuses an end user the agents’ routes', async (t) => {
  const { request } = await standIn(t, { role: 'end-user' });
  const fields = await listTicketFields(request);
  assert.deepEqual(
    fields.map((f) => f.id),
    [10001, 10002],
  );
  assert.equal((await request({ method: 'GET', url: '/api/v2/users/7.json' })).status, 403);
});
