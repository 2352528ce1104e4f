// The ZAF bridge against the fake ZAF client: agent profile, settings, events, invokes, and the request effect
// mapped to the protocol's httpResponse fields (docs/adapter-protocol.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createZafBridge } from '../../js-shim/zaf/bridge.js';
import { parseRetryAfter, rateLimitOf, toHttpResponse } from '../../js-shim/zaf/http-response.js';
import { parseGmtOffset, utcOffsetMinutes } from '../../js-shim/zaf/agent-profile.js';
import { createFakeZaf } from './helpers/fake-zaf.mjs';

const JAN = Date.UTC(2026, 0, 15, 12);
const JUL = Date.UTC(2026, 6, 15, 12);

test('agentProfile: id, name, group ids, locale and a DST-aware offset from the IANA zone', async () => {
  const zaf = createFakeZaf();
  assert.deepEqual(await createZafBridge(zaf, { now: () => JAN }).agentProfile(), {
    id: 5,
    name: 'Sam Agent',
    groupIds: [11, 12],
    locale: 'en-US',
    utcOffsetMinutes: 60,
  });
  assert.equal((await createZafBridge(zaf, { now: () => JUL }).agentProfile()).utcOffsetMinutes, 120);
});

test('agentProfile: without a time zone the browser offset is used; no groups gives []', async () => {
  const zaf = createFakeZaf({ currentUser: { id: 9, name: 'N', locale: 'de' } });
  const profile = await createZafBridge(zaf, { now: () => JAN }).agentProfile();
  assert.deepEqual(profile.groupIds, []);
  assert.equal(profile.utcOffsetMinutes, -new Date(JAN).getTimezoneOffset() || 0);
  assert.deepEqual(zaf.calls('get')[0].paths, ['currentUser']);
});

test('utcOffsetMinutes falls back from IANA name to formattedOffset to offset', () => {
  assert.equal(utcOffsetMinutes({ ianaName: 'Nowhere/Atlantis', formattedOffset: 'GMT-05:00' }, JAN), -300);
  assert.equal(utcOffsetMinutes({ offset: 330 }, JAN), 330);
  assert.equal(utcOffsetMinutes({ ianaName: 'Asia/Kolkata' }, JAN), 330);
  assert.equal(parseGmtOffset('GMT'), 0);
  assert.equal(parseGmtOffset('+05:45'), 345);
  assert.equal(parseGmtOffset('bogus'), null);
});

test('settings: metadata().settings, without anything that looks like a secret (zcli serves secure ones)', async () => {
  const zaf = createFakeZaf({
    settings: { defaultCallingCode: '49', allowCreateNewTicket: true, telephonyToken: 's3cr3t' },
  });
  assert.deepEqual(await createZafBridge(zaf).settings(), { defaultCallingCode: '49', allowCreateNewTicket: true });
});

test('onDialout: voice.dialout payload → {number, userId, ticketId}, nulls for missing fields; unsubscribe', () => {
  const zaf = createFakeZaf();
  const bridge = createZafBridge(zaf);
  const seen = [];
  const off = bridge.onDialout((d) => seen.push(d));
  zaf.fire('voice.dialout', { number: '+123', userId: 1, ticketId: 2 });
  zaf.fire('voice.dialout', { ticketId: 3 });
  off();
  zaf.fire('voice.dialout', { number: '+999' });
  assert.deepEqual(seen, [
    { number: '+123', userId: 1, ticketId: 2 },
    { number: null, userId: null, ticketId: 3 },
  ]);
  assert.equal(zaf.subscriberCount('voice.dialout'), 0);
});

test('onCallMenu and onPaneActivated subscribe to adapter.callMenu and pane.activated', () => {
  const zaf = createFakeZaf();
  const bridge = createZafBridge(zaf);
  const seen = [];
  bridge.onCallMenu((m) => seen.push(m));
  bridge.onPaneActivated(() => seen.push('pane'));
  zaf.fire('adapter.callMenu', { ticketId: 7, number: '+4930123' });
  zaf.fire('adapter.callMenu', { ticketId: 7 });
  zaf.fire('pane.activated');
  assert.deepEqual(seen, [{ ticketId: 7, number: '+4930123' }, { ticketId: 7, number: null }, 'pane']);
});

test('showPopover, routeTo and notify are ZAF invokes with the documented arguments', async () => {
  const zaf = createFakeZaf();
  const bridge = createZafBridge(zaf);
  await bridge.showPopover();
  await bridge.routeTo('ticket', 42);
  await bridge.notify('Saved', 'notice');
  assert.deepEqual(
    zaf.calls('invoke').map(({ name, args }) => [name, ...args]),
    [
      ['popover', 'show'],
      ['routeTo', 'ticket', 42],
      ['notify', 'Saved', 'notice'],
    ],
  );
});

test('request 200: JSON body, complete response asked for, body serialised', async () => {
  const zaf = createFakeZaf();
  zaf.respond('POST /api/v2/users.json', { status: 201, body: { user: { id: 77 } } });
  const response = await createZafBridge(zaf).request({
    id: 'r1',
    method: 'POST',
    url: '/api/v2/users.json',
    body: { user: { name: 'A' } },
  });
  assert.deepEqual(response, { requestId: 'r1', status: 201, body: { user: { id: 77 } }, retryAfterSec: null });
  const [sent] = zaf.calls('request');
  assert.deepEqual(sent.body, { user: { name: 'A' } });
  assert.equal(sent.options.contentType, 'application/json');
  assert.equal(sent.options.httpCompleteResponse, true);
  assert.equal(sent.options.type, 'POST');
  // Zendesk's rate limits: a 429 must reach the core's outbox when it happens, not after ZAF's own silent retries
  assert.equal(sent.options.autoRetry, false);
});

// D291: a ticket create's Idempotency-Key goes to Zendesk through ZAF's `headers`, and Zendesk's
// x-idempotency-lookup comes back as the answer's idempotencyLookup; requests without headers send none.
test('request headers reach client.request; x-idempotency-lookup comes back as idempotencyLookup', async () => {
  const zaf = createFakeZaf();
  zaf.respond('POST /api/v2/tickets.json', {
    status: 201,
    body: { ticket: { id: 9 } },
    headers: { 'X-Idempotency-Lookup': 'hit' },
  });
  zaf.respond('/api/v2/users/5.json', { status: 200, body: { user: { id: 5 } } });
  const bridge = createZafBridge(zaf);
  const headers = { 'Idempotency-Key': 'zendesk-cti-adapter:5:c-1/createTicket' };
  const response = await bridge.request({ id: 't', method: 'POST', url: '/api/v2/tickets.json', body: {}, headers });
  assert.deepEqual(response, {
    requestId: 't',
    status: 201,
    body: { ticket: { id: 9 } },
    retryAfterSec: null,
    idempotencyLookup: 'hit',
  });
  const plain = await bridge.request({ id: 'u', method: 'GET', url: '/api/v2/users/5.json', body: null });
  assert.equal('idempotencyLookup' in plain, false);
  const [keyed, unkeyed] = zaf.calls('request');
  assert.deepEqual(keyed.options.headers, headers);
  assert.equal('headers' in unkeyed.options, false);
});

test('request with a null body sends no data', async () => {
  const zaf = createFakeZaf();
  zaf.respond('/api/v2/users/5.json', { status: 200, body: { user: { id: 5 } } });
  const response = await createZafBridge(zaf).request({
    id: 'r2',
    method: 'GET',
    url: '/api/v2/users/5.json',
    body: null,
  });
  assert.equal(response.status, 200);
  assert.equal(zaf.calls('request')[0].options.data, undefined);
});

test('request 404 resolves (never rejects) with the error body', async () => {
  const zaf = createFakeZaf();
  zaf.respond(/tickets\/9/, { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } });
  const response = await createZafBridge(zaf).request({
    id: 'r3',
    method: 'GET',
    url: '/api/v2/tickets/9.json?include=users',
    body: null,
  });
  assert.deepEqual(response, {
    requestId: 'r3',
    status: 404,
    body: { error: 'RecordNotFound', description: 'Not found' },
    retryAfterSec: null,
  });
});

test('request 429 with Retry-After: 7 gives retryAfterSec 7', async () => {
  const zaf = createFakeZaf();
  zaf.respond(/search/, { status: 429, body: { error: 'TooManyRequests' }, retryAfter: 7 });
  const response = await createZafBridge(zaf).request({
    id: 'r4',
    method: 'GET',
    url: '/api/v2/search.json?query=x',
    body: null,
  });
  assert.deepEqual(response, { requestId: 'r4', status: 429, body: { error: 'TooManyRequests' }, retryAfterSec: 7 });
});

test('request network failure and timeout give status 0, body null', async () => {
  const zaf = createFakeZaf();
  zaf.respond('/down', { networkError: true });
  zaf.respond('/slow', { timeout: true });
  const bridge = createZafBridge(zaf);
  assert.deepEqual(await bridge.request({ id: 'a', method: 'GET', url: '/down', body: null }), {
    requestId: 'a',
    status: 0,
    body: null,
    retryAfterSec: null,
  });
  assert.deepEqual(await bridge.request({ id: 'b', method: 'GET', url: '/slow', body: null }), {
    requestId: 'b',
    status: 0,
    body: null,
    retryAfterSec: null,
  });
});

test('request: a client that throws a plain Error (no xhr) also gives status 0', async () => {
  const client = {
    request: async () => {
      throw new Error('boom');
    },
  };
  assert.equal((await createZafBridge(client).request({ id: 'x', method: 'GET', url: '/', body: null })).status, 0);
});

test('httpResponse mapping: headers as object or raw text, Retry-After as an HTTP date, text bodies', () => {
  const now = Date.UTC(2026, 10, 22, 10, 0, 0);
  const date = new Date(now + 30_000).toUTCString();
  assert.equal(
    toHttpResponse('x', { status: 503, headers: { 'retry-after': date }, responseText: '' }, now).retryAfterSec,
    30,
  );
  assert.equal(
    toHttpResponse('x', { status: 429, headers: 'Content-Type: text/html\r\nRetry-After: 12\r\n' }, now).retryAfterSec,
    12,
  );
  assert.deepEqual(toHttpResponse('x', { status: 500, responseText: '{"error":"x"}' }, now).body, { error: 'x' });
  assert.equal(toHttpResponse('x', { status: 502, responseText: '<html>bad gateway</html>' }, now).body, null);
  assert.equal(toHttpResponse('x', { status: undefined }, now).status, 0);
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(parseRetryAfter(new Date(now - 5000).toUTCString(), now), 0);
});

test("Zendesk's rate-limit headers become httpResponse.rateLimit (D381); answers without them keep their shape", () => {
  const headers = {
    'X-Rate-Limit': '700',
    'x-rate-limit-remaining': '12',
    'ratelimit-remaining': '12',
    'ratelimit-reset': '41',
  };
  const r = toHttpResponse('r1', { status: 200, responseJSON: {}, headers }, 0);
  assert.deepEqual(r.rateLimit, { limit: 700, remaining: 12, resetSec: 41 });
  // Only the Ticketing API's names, as a header text; a value that is not a whole number is left out.
  const text = 'ratelimit-limit: 400\r\nratelimit-remaining: 3\r\nratelimit-reset: soon';
  assert.deepEqual(rateLimitOf({ headers: text }), { limit: 400, remaining: 3, resetSec: null });
  assert.equal('rateLimit' in toHttpResponse('r2', { status: 200, responseJSON: {}, headers: {} }, 0), false);
});
