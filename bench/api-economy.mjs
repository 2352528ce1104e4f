// API-economy bench, part 1: how many Zendesk requests each agent flow costs, ours vs a naive app.
//
// OURS: the real top bar in node — the real WASM core (build/wasm), the real shim loop and view (jsdom), the
// simulator connector, a fake clock — with a ZAF client whose `request` goes over HTTP to the sandbox's Zendesk
// stand-in (sandbox/zendesk/stand-in.mjs). The core decides every request (docs/adapter-protocol.md), so these are
// the requests the app in Zendesk sends. Counted from the stand-in's request log.
//
// NAIVE: a script (below, `naive*`) that reaches the same outcome — same contact, same ticket, the same information
// written — with no batching, no sideloads and no coalescing, issued against a freshly reset stand-in and counted
// from its log too:
//   - phone lookup: GET search (users by phone); then for EACH matching contact GET their requested tickets; then
//     for EACH ticket listed GET /users/{requester_id} (the requester fetched, not sideloaded);
//   - a known contact (click-to-call): GET the user, then as above (tickets, one user GET per ticket);
//   - a known ticket (Call menu): GET the ticket without include, then GET its requester;
//   - writes: every ticket write the core made is re-sent split by concern, one request each: comment,
//     voice comment, status, assignee, group, custom fields (all fields in one PUT — generous to the naive app),
//     tags, requester, other attributes; a create is a POST /tickets {subject, comment, requester_id} followed by
//     one PUT per remaining concern;
//   - pop: a separate POST .../channels/voice/agents/{agent}/tickets/{id}/display.json for each ticket the app
//     showed the agent (ours: a ZAF routeTo, or with Talk Partner Edition the display endpoint / display_to_agent).
// Ours runs twice: default settings, and with useTalkPartnerEdition on (pops through Zendesk, like the naive app).
// Every flow is a whole call: set up, call/answer, connect, the agent's note, end, wrap-up done; then a minute of
// fake time so that scheduled writes are flushed; the bench checks nothing is left pending or failed.
//
//   node bench/api-economy.mjs     → bench/results/api-economy.json + a markdown table
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { serveStandIn } from './lib/stand-in-http.mjs';
import { defaultSeed } from '../sandbox/zendesk/stand-in.mjs';
import { startTopBar } from '../js-shim/app/top-bar.js';
import { createSimulatorConnector } from '../js-shim/telephony/simulator/connector.js';
import { createFakeClock } from '../tests/js/helpers/fake-clock.mjs';
import { createFakeZaf, createMemoryStorage } from '../tests/js/helpers/fake-zaf.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildRoot = process.env.ADAPTER_BUILD_DIR ?? path.join(repoRoot, 'build');
const AGENT_ID = 5;

/** ZAF client.request over HTTP, shaped like the SDK's answers with httpCompleteResponse (success / jQuery xhr). */
async function httpRequest(origin, opts) {
  const method = String(opts.type ?? 'GET').toUpperCase();
  const init = { method, headers: {} };
  if (opts.data != null && method !== 'GET') {
    init.body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
    init.headers['Content-Type'] = opts.contentType ?? 'application/json';
  }
  let res;
  try {
    res = await fetch(origin + opts.url, init);
  } catch {
    throw { status: 0, statusText: 'error', readyState: 0, responseText: '' };
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = undefined;
  }
  const headers = Object.fromEntries(res.headers);
  if (res.status >= 200 && res.status < 400)
    return { responseJSON: json, responseText: text, status: res.status, headers };
  throw {
    status: res.status,
    statusText: 'error',
    readyState: 4,
    responseText: text,
    responseJSON: json,
    getResponseHeader: (n) => res.headers.get(n),
  };
}

// ---- one agent's top bar (tests/js/helpers/agent-harness.mjs, with HTTP instead of recorded answers) -------------
const { default: createAdapterCore } = await import(pathToFileURL(path.join(buildRoot, 'wasm/adapter-core.mjs')).href);
const wasmBinary = await readFile(path.join(buildRoot, 'wasm/adapter-core.wasm'));
const dictionaries = {
  en: JSON.parse(await readFile(path.join(repoRoot, 'app-manifest/translations/en.json'), 'utf8')),
};

async function startAgent(origin, settings) {
  const dom = new JSDOM('<!doctype html><html><body><div id="app"></div></body></html>');
  const document = dom.window.document;
  const clock = createFakeClock(Date.now());
  const client = createFakeZaf({ settings });
  client.request = (opts) => httpRequest(origin, typeof opts === 'string' ? { url: opts } : opts);
  const connector = createSimulatorConnector({ clock, answerAfterMs: 3000 });
  const app = await startTopBar({
    client,
    createModule: createAdapterCore,
    moduleOptions: { wasmBinary },
    connector,
    root: document.getElementById('app'),
    storage: createMemoryStorage(),
    dictionaries,
    now: clock.now,
    timers: clock,
    log: { warn() {} },
  });
  const agent = {
    app,
    client,
    clock,
    connector,
    view: () => app.view(),
    async settle() {
      for (let i = 0; i < 8; i++) {
        await app.idle();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async wait(ms) {
      // in steps, so that HTTP answers (real time) come back before the next timer (fake time)
      for (let left = ms; left > 0; left -= 500) {
        await clock.advance(Math.min(500, left));
        await agent.settle();
      }
    },
    el: (key) => document.querySelector(`[data-key="${key}"]`),
    async click(key) {
      const el = agent.el(key);
      if (!el) throw new Error(`no element with data-key ${key} on screen ${app.view()?.screen}`);
      if (el.disabled) throw new Error(`${key} is disabled on screen ${app.view()?.screen}`);
      el.click();
      await agent.settle();
    },
    async type(key, text) {
      const el = agent.el(key);
      if (!el) throw new Error(`no element with data-key ${key} on screen ${app.view()?.screen}`);
      el.focus();
      el.value = text;
      el.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
      await agent.settle();
    },
    invokes: (name) => client.calls('invoke').filter((c) => c.name === name),
  };
  await agent.settle();
  return agent;
}

// ---- the flows (ours) ----------------------------------------------------------------------------------------------
const NOTE = 'Called back about the move; customer confirmed the new address.';

async function talkAndWrapUp(agent, { remoteEnd = false } = {}) {
  await agent.wait(3000); // the callee answers (outbound) / a moment on the line
  if (agent.view().call?.state !== 'connected')
    throw new Error(`call not connected: ${JSON.stringify(agent.view().call?.state)}`);
  await agent.type('note', NOTE);
  await agent.wait(30_000);
  if (remoteEnd) {
    agent.connector.remoteHangUp(agent.view().call.id);
    await agent.settle();
  } else {
    await agent.click('hangUp');
  }
  if (agent.view().screen !== 'wrapUp') throw new Error(`expected wrap-up, on ${agent.view().screen}`);
  await agent.click('done');
  await agent.wait(60_000); // anything scheduled (retries, batch windows) is flushed
  const sync = agent.view().sync;
  if (sync.pending || sync.failed) throw new Error(`writes left: ${JSON.stringify(sync)}`);
}

const FLOWS = [
  {
    id: 'dialPad',
    title:
      'outbound, dial pad: 2 contacts share the number, choose one + a ticket, call, connect, hang up, wrap-up note',
    settings: { promptSelectOpenTicket: true },
    async run(agent) {
      await agent.click('dialPad');
      await agent.type('number', '(415) 555-0100');
      await agent.wait(500); // the typing pause
      await agent.click('contact-7');
      await agent.click('ticket-39');
      await agent.click('call');
      await talkAndWrapUp(agent);
    },
    naiveLookup: async (z) => {
      await z.lookupByPhone('4155550100');
    },
  },
  {
    id: 'clickToCall',
    title: 'click-to-call on user 7 (+1 415 555 0100), call, connect, hang up, wrap-up note',
    settings: {},
    async run(agent) {
      agent.client.fire('voice.dialout', { number: '+14155550100', userId: 7, ticketId: null });
      await agent.settle();
      await agent.click('call');
      await talkAndWrapUp(agent);
    },
    naiveLookup: async (z) => {
      await z.get('/api/v2/users/7.json');
      await z.ticketsWithRequesters(7);
    },
  },
  {
    id: 'callMenu',
    title: "ticket 42's Call menu, the requester's existing number, call, connect, hang up, wrap-up note",
    settings: {},
    async run(agent) {
      agent.client.fire('adapter.callMenu', { ticketId: 42, number: '+14155550100' });
      await agent.settle();
      await agent.wait(500);
      await agent.click('call');
      await talkAndWrapUp(agent);
    },
    naiveLookup: async (z) => {
      const { ticket } = await z.get('/api/v2/tickets/42.json');
      await z.get(`/api/v2/users/${ticket.requester_id}.json`);
    },
  },
  {
    id: 'inbound',
    title: 'inbound from a known caller (+49 30 5550 1234) with pop, answer, caller ends, wrap-up note',
    settings: {},
    async run(agent) {
      agent.connector.ringInbound({
        ani: '+49 30 5550 1234',
        dnis: '+18005550000',
        sessionType: 'ivr',
        menuPath: 'Main > Billing > Invoices',
        queue: { id: 'q-billing', name: 'Billing' },
        language: 'de',
        attributes: { reserved_verified_customer: true },
      });
      await agent.settle();
      await agent.wait(2000);
      if (agent.view().screen !== 'incoming') throw new Error(`expected incoming, on ${agent.view().screen}`);
      await agent.click('answer');
      await talkAndWrapUp(agent, { remoteEnd: true });
    },
    naiveLookup: async (z) => {
      await z.lookupByPhone('3055501234');
    },
  },
];

// ---- the naive app ------------------------------------------------------------------------------------------------
function naiveClient(origin) {
  async function call(method, url, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(origin + url, init);
    const text = await res.text();
    if (res.status >= 300) throw new Error(`naive ${method} ${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : null;
  }
  const z = {
    call,
    get: (url) => call('GET', url),
    async ticketsWithRequesters(userId) {
      const { tickets } = await z.get(`/api/v2/users/${userId}/tickets/requested.json`);
      for (const t of tickets) await z.get(`/api/v2/users/${t.requester_id}.json`);
    },
    async lookupByPhone(digits) {
      const { results } = await z.get(
        `/api/v2/search.json?query=${encodeURIComponent(`role:end-user phone:*${digits}`)}`,
      );
      for (const u of results) await z.ticketsWithRequesters(u.id);
    },
  };
  return z;
}

const CONCERNS = [
  ['comment', ['comment']],
  ['voice_comment', ['voice_comment']],
  ['status', ['status']],
  ['assignee', ['assignee_id']],
  ['group', ['group_id']],
  ['fields', ['custom_fields']],
  ['tags', ['tags', 'additional_tags', 'remove_tags']],
  ['requester', ['requester_id']],
];
const IGNORED = new Set(['safe_update', 'updated_stamp', 'via_id']);

/** One ticket body split by concern: [{concern, body}], in CONCERNS order, then "other". */
function splitByConcern(ticket) {
  const parts = [];
  const used = new Set(IGNORED);
  for (const [concern, keys] of CONCERNS) {
    const body = {};
    for (const k of keys) if (ticket[k] !== undefined) body[k] = ticket[k];
    for (const k of keys) used.add(k);
    if (Object.keys(body).length) parts.push({ concern, body });
  }
  const other = Object.fromEntries(Object.entries(ticket).filter(([k]) => !used.has(k)));
  if (Object.keys(other).length) parts.push({ concern: 'other', body: other });
  return parts;
}

const isTicketWrite = (e) =>
  (e.method === 'POST' && /^\/api\/v2\/(channels\/voice\/)?tickets(\.json)?$/.test(e.url.split('?')[0])) ||
  (e.method === 'PUT' && /^\/api\/v2\/tickets\/\d+(\.json)?$/.test(e.url.split('?')[0]));
const isPop = (e) =>
  /^\/api\/v2\/channels\/voice\/agents\/\d+\/(tickets|users)\/\d+\/display(\.json)?$/.test(e.url.split('?')[0]);

/** The naive app reaches our flow's outcome: same lookups' purpose, same writes split by concern, one pop each. */
async function runNaive(flow, oursLog, oursPops, origin) {
  const z = naiveClient(origin);
  await flow.naiveLookup(z);
  const idMap = new Map(); // our created ticket id → the naive app's
  for (const e of oursLog.filter((x) => isTicketWrite(x) && x.status < 300)) {
    const ticket = structuredClone(e.body.ticket ?? {});
    if (e.method === 'POST') {
      const requesterId = ticket.requester_id ?? e.response?.ticket?.requester_id;
      const comment = ticket.comment ?? {
        body: ticket.voice_comment
          ? `Call from ${ticket.voice_comment.from ?? ''} to ${ticket.voice_comment.to ?? ''}`
          : 'Call',
        public: false,
      };
      const created = await z.call('POST', '/api/v2/tickets.json', {
        ticket: { subject: ticket.subject ?? 'Call', comment, requester_id: requesterId },
      });
      idMap.set(e.createdId, created.ticket.id);
      const rest = { ...ticket };
      delete rest.subject;
      delete rest.comment;
      delete rest.requester_id;
      for (const part of splitByConcern(rest))
        await z.call('PUT', `/api/v2/tickets/${created.ticket.id}.json`, { ticket: part.body });
    } else {
      const ourId = Number(/tickets\/(\d+)/.exec(e.url)[1]);
      const id = idMap.get(ourId) ?? ourId;
      for (const part of splitByConcern(ticket)) {
        if (part.concern === 'voice_comment') {
          // a plain app has no voice comment: the call details as one more comment
          await z.call('PUT', `/api/v2/tickets/${id}.json`, {
            ticket: { comment: { body: JSON.stringify(part.body.voice_comment), public: false } },
          });
        } else await z.call('PUT', `/api/v2/tickets/${id}.json`, { ticket: part.body });
      }
    }
  }
  for (const pop of oursPops) {
    const id = idMap.get(pop.id) ?? pop.id;
    await z.call(
      'POST',
      `/api/v2/channels/voice/agents/${AGENT_ID}/${pop.target === 'user' ? 'users' : 'tickets'}/${id}/display.json`,
      {},
    );
  }
}

// ---- counting ------------------------------------------------------------------------------------------------------
function countLog(log) {
  const c = { total: log.length, reads: 0, ticketWrites: 0, otherWrites: 0, pops: 0 };
  for (const e of log) {
    if (isPop(e)) c.pops++;
    else if (e.method === 'GET') c.reads++;
    else if (isTicketWrite(e)) c.ticketWrites++;
    else c.otherWrites++;
  }
  return c;
}

async function main() {
  const started = Date.now();
  const { zd, origin, close } = await serveStandIn();
  const results = [];
  try {
    for (const flow of FLOWS) {
      const row = { id: flow.id, title: flow.title, ours: {}, naive: null };
      for (const [mode, extra] of [
        ['default', {}],
        ['tpe', { useTalkPartnerEdition: true }],
      ]) {
        zd.reset();
        const agent = await startAgent(origin, { ...flow.settings, ...extra });
        zd.clearLog();
        await flow.run(agent);
        const log = zd.log();
        // the id of each ticket our flow created (the stand-in hands out ids in order), for the naive replay
        const seedIds = new Set(defaultSeed().tickets.map((t) => t.id));
        const createdIds = zd
          .state()
          .tickets.map((t) => t.id)
          .filter((id) => !seedIds.has(id))
          .sort((x, y) => x - y);
        for (const e of log)
          if (e.method === 'POST' && isTicketWrite(e) && e.status < 300) e.createdId = createdIds.shift();
        const routeTos = agent.invokes('routeTo').map((c) => ({ target: c.args[0], id: Number(c.args[1]) }));
        const displays = zd
          .displays()
          .map((d) => ({ target: d.ticket_id != null ? 'ticket' : 'user', id: d.ticket_id ?? d.user_id }));
        agent.app.stop();
        row.ours[mode] = {
          ...countLog(log),
          routeTo: routeTos.length,
          requests: log.map(
            (e) =>
              `${e.method} ${e.url.split('?')[0]} → ${e.status}${e.body?.ticket ? ` {${Object.keys(e.body.ticket).join(',')}}` : ''}`,
          ),
        };
        if (mode === 'default') {
          // the naive app, on a fresh stand-in, reaching the same outcome
          const pops = [...routeTos, ...displays];
          zd.reset();
          zd.clearLog();
          await runNaive(flow, log, pops.length ? [pops[0]] : [], origin);
          const naiveLog = zd.log();
          row.naive = {
            ...countLog(naiveLog),
            requests: naiveLog.map(
              (e) =>
                `${e.method} ${e.url.split('?')[0]} → ${e.status}${e.body?.ticket ? ` {${Object.keys(e.body.ticket).join(',')}}` : ''}`,
            ),
          };
        }
      }
      row.ratio = Math.round((row.naive.total / row.ours.default.total) * 100) / 100;
      row.ratioTpe = Math.round((row.naive.total / row.ours.tpe.total) * 100) / 100;
      results.push(row);
    }
  } finally {
    await close();
  }

  const result = {
    bench: 'api-economy',
    naiveStrategy: [
      'phone lookup: GET search; for EACH matching contact GET /users/{id}/tickets/requested; for EACH listed ticket GET /users/{requester_id} (no sideload)',
      'known contact (click-to-call): GET /users/{id}, then its tickets and one user GET per ticket as above',
      'known ticket (Call menu): GET /tickets/{id} without include, then GET /users/{requester_id}',
      'writes: each ticket write our core made, re-sent as one request per concern (comment, voice comment, status, assignee, group, custom fields [all in one], tags, requester, other); a create = POST /tickets {subject, comment, requester_id} + one PUT per remaining concern',
      'pop: a separate POST /channels/voice/agents/{agent}/tickets/{id}/display.json per ticket shown',
    ],
    flows: results,
    wallSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
  await mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
  await writeFile(path.join(repoRoot, 'bench/results/api-economy.json'), `${JSON.stringify(result, null, 2)}\n`);

  const cell = (c) =>
    `${c.total} (${c.reads}r/${c.ticketWrites}w${c.otherWrites ? `+${c.otherWrites}` : ''}${c.pops ? `/${c.pops}p` : ''})`;
  const lines = [
    'Zendesk requests per flow (stand-in request log; r = reads, w = ticket creates/updates, p = pop requests)',
    '',
    '| flow | ours (default; pop = ZAF routeTo) | ours (Talk Partner Edition) | naive | naive ÷ ours | naive ÷ ours (TPE) |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.id} | ${cell(r.ours.default)} | ${cell(r.ours.tpe)} | ${cell(r.naive)} | ${r.ratio}× | ${r.ratioTpe}× |`,
    ),
    '',
    ...results.map((r) => `- ${r.id}: ${r.title}`),
    '',
    `(${result.wallSeconds} s wall; results and every request in bench/results/api-economy.json)`,
  ];
  console.log(lines.join('\n'));
}

await main();
