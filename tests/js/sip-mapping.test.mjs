// The SIP connector's pure mappings: INVITE → callRinging, SIP outcome → callEnded reason, settings, transfer URIs.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  endReason,
  MAX_ATTRIBUTE_VALUE,
  MAX_TEXT,
  ringingFromInvite,
  uriUser,
} from '../../js-shim/telephony/sip/sip-message.js';
import { DEFAULT_SIP_HEADERS, parseSipSettings } from '../../js-shim/telephony/sip/settings.js';
import { DEFAULT_TRANSFER_TARGETS } from '../../js-shim/telephony/sip/settings.js';
import { transferUri } from '../../js-shim/telephony/sip/transfer-target.js';
import { fakeInvite } from './helpers/sip-fake-jssip.mjs';

test('callRinging: ani from P-Asserted-Identity, dnis from the request URI user', () => {
  const req = fakeInvite({
    from: '+19990000000',
    ruser: '+18005550100',
    headers: [['P-Asserted-Identity', '"Ann" <sip:+14155550123@127.0.0.1>']],
  });
  const e = ringingFromInvite(req, 'c1', DEFAULT_SIP_HEADERS);
  assert.equal(e.ani, '+14155550123');
  assert.equal(e.dnis, '+18005550100');
});

test('callRinging: ani falls back to the From user part without P-Asserted-Identity', () => {
  const e = ringingFromInvite(fakeInvite({ from: '+14155550123' }), 'c1', DEFAULT_SIP_HEADERS);
  assert.equal(e.ani, '+14155550123');
  assert.equal(uriUser('<tel:+14155550123;phone-context=x>'), '+14155550123');
});

test('callRinging: queue, menu path, language, session type and PF-1 attributes from the default X- headers', () => {
  const req = fakeInvite({
    headers: [
      ['X-Queue-Id', 'billing'],
      ['X-Queue-Name', 'Billing'],
      ['X-Menu-Path', 'Main > Billing'],
      ['X-Language', 'de'],
      ['X-Session-Type', 'inbound_web'],
      ['X-Attr-reserved_verified_customer', 'true'],
      ['X-Attr-bad_actor', 'false'],
      ['x-attr-Account', 'A-17'],
    ],
  });
  const e = ringingFromInvite(req, 'c1', DEFAULT_SIP_HEADERS);
  assert.deepEqual(e.queue, { id: 'billing', name: 'Billing' });
  assert.equal(e.menuPath, 'Main > Billing');
  assert.equal(e.language, 'de');
  assert.equal(e.sessionType, 'inbound_web');
  // Keys keep their case and underscores (JsSIP's header map would turn them into Reserved-Verified-Customer).
  assert.deepEqual(e.attributes, { reserved_verified_customer: true, bad_actor: false, Account: 'A-17' });
});

test('callRinging: header names come from the sipHeaders setting', () => {
  const { headers } = parseSipSettings({ sipHeaders: '{"queueName":"X-Q","attributePrefix":"X-Data-"}' });
  const e = ringingFromInvite(
    fakeInvite({
      headers: [
        ['X-Q', 'Sales'],
        ['X-Data-tier', 'gold'],
        ['X-Attr-x', '1'],
      ],
    }),
    'c1',
    headers,
  );
  assert.deepEqual(e.queue, { id: 'Sales', name: 'Sales' });
  assert.deepEqual(e.attributes, { tier: 'gold' });
});

test('callRinging: an unknown session type is ivr; voicemail as the backend signals it', () => {
  assert.equal(
    ringingFromInvite(fakeInvite({ headers: [['X-Session-Type', '<b>x']] }), 'c', DEFAULT_SIP_HEADERS).sessionType,
    'ivr',
  );
  assert.equal(
    ringingFromInvite(fakeInvite({ headers: [['X-Session-Type', 'Voicemail']] }), 'c', DEFAULT_SIP_HEADERS).sessionType,
    'voicemail',
  );
});

test('hostile caller data: kept as data, size-capped, "__proto__" stays an ordinary attribute key', () => {
  const long = '<img src=x onerror=alert(1)>'.repeat(200);
  const req = fakeInvite({
    from: long,
    headers: [
      ['X-Menu-Path', long],
      ['X-Attr-__proto__', 'polluted'],
      ['X-Attr-v', long],
    ],
  });
  const e = ringingFromInvite(req, 'c1', DEFAULT_SIP_HEADERS);
  assert.equal([...e.ani].length, MAX_TEXT);
  assert.ok(e.ani.startsWith('<img src=x onerror=alert(1)>'));
  assert.equal([...e.attributes.v].length, MAX_ATTRIBUTE_VALUE);
  assert.ok(Object.hasOwn(e.attributes, '__proto__'));
  assert.equal(Object.getPrototypeOf(e.attributes), Object.prototype);
  assert.equal({}.polluted, undefined);
  assert.equal(JSON.parse(JSON.stringify(e)).attributes.__proto__, 'polluted');
});

test('callEnded reason: caller CANCEL before answer → abandoned (TR-6); voicemail session → voicemail', () => {
  const base = { direction: 'inbound', connected: false, sessionType: 'ivr', originator: 'remote', cause: 'Canceled' };
  assert.equal(endReason(base), 'abandoned');
  assert.equal(endReason({ ...base, sessionType: 'voicemail' }), 'voicemail');
});

test('callEnded reason: agent declines a ringing call → abandoned (docs/telephony.md)', () => {
  assert.equal(
    endReason({ direction: 'inbound', connected: false, originator: 'local', cause: 'Rejected' }),
    'abandoned',
  );
});

test('callEnded reason: outbound 486/480/408/603/487 → no_answer; agent cancels own outbound → no_answer', () => {
  for (const [cause, status] of [
    ['Busy', 486],
    ['Unavailable', 480],
    ['Unavailable', 408],
    ['Rejected', 603],
    ['SIP Failure Code', 487],
  ]) {
    assert.equal(
      endReason({ direction: 'outbound', connected: false, originator: 'remote', cause, status }),
      'no_answer',
      cause,
    );
  }
  assert.equal(
    endReason({ direction: 'outbound', connected: false, originator: 'local', cause: 'Canceled' }),
    'no_answer',
  );
});

test('callEnded reason: other failures → failed (404, SDP, WebRTC, timeout); transport lost → failed', () => {
  for (const cause of ['Not Found', 'Incompatible SDP', 'WebRTC Error', 'Request Timeout', 'Connection Error']) {
    assert.equal(endReason({ direction: 'outbound', connected: false, originator: 'remote', cause }), 'failed', cause);
  }
  assert.equal(
    endReason({
      direction: 'inbound',
      connected: true,
      originator: 'remote',
      cause: 'Terminated',
      transportLost: true,
    }),
    'failed',
  );
});

test('callEnded reason: a connected call ended by BYE → completed, by RTP timeout or no ACK → failed', () => {
  assert.equal(
    endReason({ direction: 'inbound', connected: true, originator: 'remote', cause: 'Terminated' }),
    'completed',
  );
  assert.equal(
    endReason({ direction: 'outbound', connected: true, originator: 'local', cause: 'Terminated' }),
    'completed',
  );
  assert.equal(
    endReason({ direction: 'inbound', connected: true, originator: 'system', cause: 'RTP Timeout' }),
    'failed',
  );
  assert.equal(endReason({ direction: 'inbound', connected: true, originator: 'remote', cause: 'No ACK' }), 'failed');
});

test('settings: empty values give the documented defaults, no problem', () => {
  const s = parseSipSettings({ sipHeaders: '', sipTransferTargets: '{}', sipIceServers: '[]', sipDtmf: '' });
  assert.deepEqual(s.problems, []);
  assert.deepEqual(s.headers, DEFAULT_SIP_HEADERS);
  assert.deepEqual(s.transferTargets, DEFAULT_TRANSFER_TARGETS);
  assert.equal(s.dtmf, 'rfc4733');
});

test('settings: invalid JSON and unknown keys are structured problems, never a silent default', () => {
  const s = parseSipSettings({
    sipHeaders: '{"queue":"X-Q"}',
    sipTransferTargets: '{not json',
    sipIceServers: '[{"urls":"http://x"}]',
    sipDtmf: 'tones',
  });
  assert.deepEqual(
    s.problems.map((p) => [p.setting, p.code]),
    [
      ['sipHeaders', 'SIP_SETTING_INVALID'],
      ['sipTransferTargets', 'SIP_SETTING_INVALID'],
      ['sipIceServers', 'SIP_SETTING_INVALID'],
      ['sipDtmf', 'SIP_SETTING_INVALID'],
    ],
  );
  assert.match(s.problems[0].message, /unknown key "queue"/);
  assert.match(s.problems[1].message, /not valid JSON/);
});

test('settings: a header name with CRLF or a template without its field is refused', () => {
  assert.equal(parseSipSettings({ sipHeaders: JSON.stringify({ queueId: 'X-Q\r\nVia: x' }) }).problems.length, 1);
  assert.equal(parseSipSettings({ sipTransferTargets: '{"agent":"sip:{number}@{domain}"}' }).problems.length, 1);
  assert.equal(parseSipSettings({ sipTransferTargets: '{"agent":"https://x/{id}"}' }).problems.length, 1);
  assert.deepEqual(parseSipSettings({ sipIceServers: '[{"urls":["stun:stun.example.com:3478"]}]' }).iceServers, [
    { urls: ['stun:stun.example.com:3478'] },
  ]);
});

test('transfer: agent id, +number and queue id become URIs by template, values URI-escaped', () => {
  const t = DEFAULT_TRANSFER_TARGETS;
  assert.deepEqual(transferUri(6, t, '127.0.0.1'), { uri: 'sip:agent-6@127.0.0.1', toAgentId: 6 });
  assert.deepEqual(transferUri('6', t, 'd'), { uri: 'sip:agent-6@d', toAgentId: 6 });
  assert.deepEqual(transferUri('+14155550123', t, 'd'), { uri: 'sip:+14155550123@d', toAgentId: null });
  assert.deepEqual(transferUri('sales@evil;x>', t, 'd'), { uri: 'sip:queue-sales%40evil%3Bx%3E@d', toAgentId: null });
  assert.equal(transferUri('', t, 'd'), null);
});
