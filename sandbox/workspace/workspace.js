// The sandbox workspace page: a compact Zendesk Support agent workspace around the real app iframes.
// - top bar: the app's icon toggles a popover holding the top_bar iframe (created on first open or preloadPane);
// - a hidden background iframe (it preloads the top bar, as in Zendesk);
// - ticket and customer lists from the REST stand-in (/sandbox/directory), a ticket view with the
//   ticket_sidebar iframe, customer profiles whose phone numbers are click-to-call (voice.dialout);
// - telephony controls: ZAF event `adapter.simulator` {command, args} at the top bar, whose simulator plays them.
// Every string from data goes in with textContent. Stable data-testid attributes are for browser tests;
// window.sandbox exposes the host and what the app asked for (routes, notifications).
import { createZafHost } from './zaf-host.js';

const params = new URLSearchParams(location.search);
const origin = location.origin;
const GUID = { topBar: 'sandbox-top-bar', background: 'sandbox-background' };
const sidebarGuid = (ticketId) => `sandbox-ticket-sidebar-${ticketId}`;

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
// Records may hold huge texts (a 1 MB name in the app's tests); the workspace, like Zendesk's, shows them cut, so
// that laying out its own page does not stall the app's frames, which share its thread.
const SHOWN_CHARS = 300;
const COMMENT_CHARS = 20_000; // a comment is read in full (call records, notes)
const shown = (text, limit = SHOWN_CHARS) => {
  const s = String(text);
  return s.length > limit ? `${s.slice(0, limit)}…` : s;
};
function el(tag, { text, testid, className, attrs, limit } = {}) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = shown(text, limit);
  if (testid) node.setAttribute('data-testid', testid);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, String(v));
  return node;
}

const config = await (await fetch('/sandbox/config')).json();
// ?telephony=simulator: the demo simulator instead of real SIP calls (as if the admin had picked it)
if (params.get('telephony') === 'simulator' || params.get('telephony') === 'sip')
  config.metadata.settings.telephonyConnector = params.get('telephony');
const connector = config.metadata.settings.telephonyConnector;
// ?agent=6 plays the workspace as Kim, so two agents can take calls (a transfer) in two tabs
const AGENTS = {
  5: { id: 5, name: 'Sam Agent', email: 'sam.agent@example.com', role: 'agent' },
  6: { id: 6, name: 'Kim Supervisor', email: 'kim.supervisor@example.com', role: 'admin' },
};
const currentUser = {
  ...(AGENTS[params.get('agent')] ?? AGENTS[5]),
  locale: params.get('locale') || 'en',
  groups: [
    { id: 11, name: 'Support' },
    { id: 12, name: 'Sales' },
  ],
  timeZone: timeZoneOf(params.get('tz') || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
};
// ?role=agent-no-end-users plays an agent in a custom role that may not add end users (?role=admin, ?role=agent: the
// built-in roles); the default is the agent's own role. Zendesk knows it from the session cookie; the stand-in reads
// it from a header the ZAF host adds (sandbox/zendesk/permissions.mjs).
const ROLES = ['admin', 'agent', 'agent-no-end-users'];
const sandboxRole = ROLES.includes(params.get('role') ?? '') ? params.get('role') : currentUser.role;
const sandbox = { routes: [], notifications: [], directory: { users: [], tickets: [] }, role: sandboxRole };
window.sandbox = sandbox;

// ---- the ZAF host -----------------------------------------------------------------------------------------------
const host = createZafHost({
  win: window,
  origin,
  metadata: config.metadata,
  currentUser,
  fetchImpl: (url, init) => fetch(url, init),
  sessionHeaders: { 'X-Sandbox-Role': sandboxRole },
  domainWhitelist: Array.isArray(config.domainWhitelist) ? config.domainWhitelist : [],
  actions: {
    popover: (_instance, arg) => popover(arg),
    routeTo: (kind, id) => routeTo(kind, id),
    notify: (message, kind, duration) => toast(message, kind, duration),
    preloadPane: (instance) => {
      if (instance.guid === GUID.topBar) ensureTopBar();
    },
    iconSymbol: (_instance, symbol) => {
      icon.dataset.iconSymbol = symbol;
      byTestId('topbar-app-glyph').querySelector('use').setAttribute('href', `/app/assets/icon_top_bar.svg#${symbol}`);
    },
    resize: (instance, size) => {
      if (instance.guid === GUID.topBar && size && typeof size === 'object') sizeTopBar(size);
    },
    log: (entry) => activity(entry),
  },
});
sandbox.host = host;

function appFrame(location, guid, testid) {
  const spec = config.locations[location];
  const url = new URL(spec.url, origin);
  url.searchParams.set('origin', origin);
  url.searchParams.set('app_guid', guid);
  // allow: the softphone needs the microphone, and its ring tone / remote audio must play without a click
  const iframe = el('iframe', {
    testid,
    className: `app-frame app-frame--${location}`,
    attrs: { title: `${config.metadata.name} (${location})`, allow: 'microphone; autoplay' },
  });
  iframe.src = url.pathname + url.search;
  return iframe;
}

// ---- top bar: icon, popover, iframe -----------------------------------------------------------------------------
const icon = byTestId('topbar-app-icon');
const popoverBox = byTestId('topbar-popover');
let topBarFrame = null;
let popoverOpen = false;
let shownOnce = false;

byTestId('agent-name').textContent = currentUser.name;
byTestId('topbar-app-name').textContent = config.metadata.name;
icon.title = config.metadata.name;
host.register({ guid: GUID.topBar, location: 'top_bar', target: () => topBarFrame?.contentWindow ?? null });

function ensureTopBar() {
  if (topBarFrame) return topBarFrame;
  topBarFrame = appFrame('top_bar', GUID.topBar, 'topbar-iframe');
  sizeTopBar(config.locations.top_bar?.size ?? {});
  byTestId('topbar-frame-holder').append(topBarFrame);
  return topBarFrame;
}

function sizeTopBar({ width, height }) {
  const css = (v, fallback) =>
    typeof v === 'number'
      ? `${v}px`
      : typeof v === 'string' && /^\d+(px)?$/.test(v)
        ? `${parseInt(v, 10)}px`
        : fallback;
  if (!topBarFrame) ensureTopBar();
  topBarFrame.style.width = css(width, topBarFrame.style.width || '320px');
  topBarFrame.style.height = css(height, topBarFrame.style.height || '480px');
}

function setPopover(open) {
  if (open) ensureTopBar();
  if (open === popoverOpen) return;
  popoverOpen = open;
  popoverBox.dataset.open = String(open);
  icon.setAttribute('aria-expanded', String(open));
  if (open) {
    if (shownOnce) host.fire(GUID.topBar, 'pane.activated'); // not on first display (that is app.registered)
    shownOnce = true;
  } else {
    host.fire(GUID.topBar, 'pane.deactivated');
  }
}

function popover(arg) {
  if (arg && typeof arg === 'object') return sizeTopBar(arg); // {width, height}: size only
  if (arg === 'hide') setPopover(false);
  else if (arg === 'toggle') setPopover(!popoverOpen);
  else setPopover(true);
}

icon.addEventListener('click', () => setPopover(!popoverOpen));

// ---- background -------------------------------------------------------------------------------------------------
let backgroundFrame = null;
host.register({ guid: GUID.background, location: 'background', target: () => backgroundFrame?.contentWindow ?? null });
if (config.locations.background) {
  backgroundFrame = appFrame('background', GUID.background, 'background-iframe');
  byTestId('background-holder').append(backgroundFrame);
}

// ---- directory (stand-in data) ----------------------------------------------------------------------------------
async function loadDirectory() {
  try {
    const response = await fetch('/sandbox/directory');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    sandbox.directory = await response.json();
  } catch (err) {
    activity({ kind: 'error', text: `directory: ${err.message}` });
  }
  renderLists();
}

let refreshTimer = null;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    await loadDirectory();
    renderRoute(false);
  }, 400);
}

const userById = (id) => sandbox.directory.users.find((u) => String(u.id) === String(id)) ?? null;
const ticketById = (id) => sandbox.directory.tickets.find((t) => String(t.id) === String(id)) ?? null;

function renderLists() {
  const tickets = byTestId('ticket-list');
  tickets.replaceChildren(
    ...sandbox.directory.tickets.map((t) => {
      const li = el('li', { testid: 'ticket-row', attrs: { 'data-ticket-id': t.id } });
      const a = el('a', { attrs: { href: `#/tickets/${encodeURIComponent(t.id)}` } });
      a.append(
        el('span', { text: `#${t.id}`, className: 'list__id' }),
        el('span', { text: t.subject ?? '(no subject)', className: 'list__text' }),
      );
      a.append(
        el('span', {
          text: t.status ?? '',
          className: `status status--${String(t.status ?? '').replace(/[^a-z]/g, '')}`,
        }),
      );
      li.append(a);
      return li;
    }),
  );
  const users = byTestId('user-list');
  users.replaceChildren(
    ...sandbox.directory.users.map((u) => {
      const li = el('li', { testid: 'user-row', attrs: { 'data-user-id': u.id } });
      const a = el('a', { attrs: { href: `#/users/${encodeURIComponent(u.id)}` } });
      a.append(
        el('span', { text: u.name ?? `user ${u.id}`, className: 'list__text' }),
        el('span', { text: u.phones?.[0] ?? '', className: 'list__sub' }),
      );
      li.append(a);
      return li;
    }),
  );
}

function phoneButton(number, { userId = null, ticketId = null } = {}) {
  const button = el('button', {
    text: number,
    testid: 'click-to-call',
    className: 'phone',
    attrs: { type: 'button', 'data-number': number },
  });
  if (userId != null) button.setAttribute('data-user-id', userId);
  if (ticketId != null) button.setAttribute('data-ticket-id', ticketId);
  button.title = 'Call this number';
  button.addEventListener('click', () => clickToCall(number, userId, ticketId));
  return button;
}

/** Talk Partner Edition click-to-call: voice.dialout {number, userId, ticketId} at the top bar. */
function clickToCall(number, userId, ticketId) {
  ensureTopBar(); // the event waits in the host until the app subscribes
  const toId = (v) => (v == null ? null : Number.isSafeInteger(Number(v)) ? Number(v) : v);
  host.fire(GUID.topBar, 'voice.dialout', { number, userId: toId(userId), ticketId: toId(ticketId) });
}

// ---- views and routing (#/tickets/<id>, #/tickets/new, #/users/<id>) -----------------------------------------
const VIEWS = ['home-view', 'ticket-view', 'new-ticket-view', 'user-view', 'missing-view'];
function show(view) {
  for (const v of VIEWS) byTestId(v).hidden = v !== view;
}

function routeTo(kind, id) {
  sandbox.routes.push({ kind, id });
  activity({ kind: 'route', text: `routeTo ${kind} ${id}` });
  const path =
    kind === 'ticket'
      ? `#/tickets/${encodeURIComponent(id)}`
      : kind === 'user'
        ? `#/users/${encodeURIComponent(id)}`
        : null;
  if (path === null) return;
  if (location.hash === path) renderRoute(true);
  else location.hash = path;
}

let sidebar = null; // {ticketId, frame}
async function renderRoute(reloadIfMissing = true) {
  const m = /^#\/(tickets|users)\/([^/]+)$/.exec(location.hash);
  if (!m) return show('home-view');
  const [, kind, rawId] = m;
  const id = decodeURIComponent(rawId);
  if (kind === 'tickets' && id === 'new') return show('new-ticket-view');
  let record = kind === 'tickets' ? ticketById(id) : userById(id);
  if (!record && reloadIfMissing) {
    await loadDirectory(); // just created by the app, maybe
    record = kind === 'tickets' ? ticketById(id) : userById(id);
  }
  if (!record) {
    byTestId('missing-text').textContent = `${kind === 'tickets' ? 'Ticket' : 'User'} ${id} is not in the sandbox.`;
    return show('missing-view');
  }
  if (kind === 'tickets') renderTicket(record);
  else renderUser(record);
}

function renderTicket(ticket) {
  const requester = userById(ticket.requester_id);
  byTestId('ticket-subject').textContent = shown(ticket.subject ?? '(no subject)');
  byTestId('ticket-id').textContent = `#${ticket.id}`;
  byTestId('ticket-status').textContent = ticket.status ?? '';
  const link = byTestId('ticket-requester');
  link.textContent = shown(requester?.name ?? (ticket.requester_id != null ? `user ${ticket.requester_id}` : 'nobody'));
  link.href = ticket.requester_id != null ? `#/users/${encodeURIComponent(ticket.requester_id)}` : '#';
  byTestId('ticket-requester-phones').replaceChildren(
    ...(requester?.phones ?? []).map((n) => phoneButton(n, { userId: requester.id, ticketId: ticket.id })),
  );
  byTestId('ticket-tags').replaceChildren(
    ...(Array.isArray(ticket.tags) ? ticket.tags : []).map((t) => el('span', { text: t, className: 'tag' })),
  );
  const description = byTestId('ticket-description');
  const comments = Array.isArray(ticket.comments) ? ticket.comments : [];
  // The conversation (its first comment is the description); private notes are marked like Zendesk's.
  description.replaceChildren(
    ...(comments.length
      ? comments.map((c) =>
          el('div', {
            text: c.body ?? '',
            limit: COMMENT_CHARS,
            testid: 'ticket-comment',
            className: `comment${c.public === false ? ' comment--private' : ''}`,
          }),
        )
      : [el('p', { text: ticket.description ?? '', limit: COMMENT_CHARS })]),
  );
  show('ticket-view');
  mountSidebar(ticket, requester);
}

function mountSidebar(ticket, requester) {
  if (!config.locations.ticket_sidebar) return;
  if (sidebar?.ticketId === String(ticket.id)) return; // keep the running instance (data() reads fresh values)
  if (sidebar) {
    host.unregister(sidebar.guid);
    sidebar.frame.remove();
  }
  const guid = sidebarGuid(ticket.id);
  const frame = appFrame('ticket_sidebar', guid, 'ticket-sidebar-iframe');
  sidebar = { ticketId: String(ticket.id), guid, frame };
  host.register({
    guid,
    location: 'ticket_sidebar',
    target: () => frame.contentWindow,
    context: { ticketId: ticket.id },
    data: () => {
      const t = ticketById(ticket.id) ?? ticket;
      const r = userById(t.requester_id) ?? requester;
      return {
        ticket: {
          id: t.id,
          subject: t.subject,
          status: t.status,
          requester: r ? { id: r.id, name: r.name, email: r.email ?? null } : null,
        },
      };
    },
  });
  byTestId('ticket-sidebar-holder').replaceChildren(frame);
}

function renderUser(user) {
  byTestId('user-name').textContent = shown(user.name ?? `user ${user.id}`);
  byTestId('user-id').textContent = `user ${user.id}`;
  byTestId('user-email').textContent = shown(user.email ?? 'no email');
  byTestId('user-role').textContent = user.role ?? '';
  const phones = byTestId('user-phones');
  phones.replaceChildren(
    ...(user.phones ?? []).map((n) => {
      const li = el('li');
      li.append(phoneButton(n, { userId: user.id }));
      return li;
    }),
  );
  if (!user.phones?.length) phones.append(el('li', { text: 'no phone number', className: 'muted' }));
  const tickets = sandbox.directory.tickets.filter((t) => String(t.requester_id) === String(user.id));
  byTestId('user-tickets').replaceChildren(
    ...tickets.map((t) => {
      const li = el('li');
      const a = el('a', { attrs: { href: `#/tickets/${encodeURIComponent(t.id)}` } });
      a.append(
        el('span', { text: `#${t.id}`, className: 'list__id' }),
        el('span', { text: t.subject ?? '', className: 'list__text' }),
        el('span', { text: t.status ?? '', className: 'status' }),
      );
      li.append(a);
      return li;
    }),
  );
  show('user-view');
}

window.addEventListener('hashchange', () => renderRoute(true));
byTestId('refresh-directory').addEventListener('click', refreshSoon);

// ---- notify toasts ----------------------------------------------------------------------------------------------
function toast(message, kind, duration) {
  sandbox.notifications.push({ message, kind });
  const box = el('div', {
    text: message,
    limit: COMMENT_CHARS,
    testid: 'toast',
    className: `toast toast--${kind === 'error' ? 'error' : kind === 'alert' ? 'alert' : 'notice'}`,
    attrs: { 'data-kind': kind, role: 'status' },
  });
  box.addEventListener('click', () => box.remove());
  byTestId('toasts').append(box);
  const sticky = duration && typeof duration === 'object' && duration.sticky;
  if (!sticky)
    setTimeout(() => box.remove(), Number.isFinite(Number(duration)) && Number(duration) > 0 ? Number(duration) : 5000);
}

// ---- activity log -----------------------------------------------------------------------------------------------
function activity(entry) {
  const text =
    entry.text ??
    {
      registered: () => `${entry.location} registered`,
      event: () => `event ${entry.name} → ${entry.guid}`,
      'event-queued': () => `event ${entry.name} waits for ${entry.guid}`,
      trigger: () => `trigger ${entry.name}: ${entry.from} → ${entry.guid}`,
      invoke: () => `invoke ${entry.name} ${entry.args.map(String).join(' ')}`.trim(),
      request: () => `${entry.method} ${entry.url}`,
      'request-refused': () => `refused (not this Zendesk): ${entry.url}`,
    }[entry.kind]?.() ??
    entry.kind;
  const list = byTestId('activity-log');
  list.prepend(el('li', { text, className: `activity__${entry.kind}`, attrs: { 'data-kind': entry.kind } }));
  while (list.children.length > 80) list.lastChild.remove();
  if (entry.kind === 'request') refreshSoon(); // the app may have created or changed tickets and users
}

// ---- telephony simulator controls -------------------------------------------------------------------------------
let inboundSeq = 0;
const value = (id) => byTestId(id).value;
function simError(text) {
  byTestId('sim-error').textContent = text;
}

/** The simulator lives inside the top-bar app; the host sends it ZAF event adapter.simulator {command, args}. */
function simulate(command, args = []) {
  simError('');
  ensureTopBar();
  host.fire(GUID.topBar, 'adapter.simulator', { command, args });
  activity({ kind: 'simulator', text: `simulator ${command}` });
}
sandbox.simulate = simulate;
sandbox.clickToCall = clickToCall;
sandbox.openPopover = () => setPopover(true);

function attributesFromBox() {
  try {
    const attrs = JSON.parse(value('sim-attributes') || '{}');
    if (attrs === null || typeof attrs !== 'object' || Array.isArray(attrs)) throw new Error('not an object');
    return attrs;
  } catch (err) {
    simError(`Attributes must be a JSON object (${err.message}).`);
    return null;
  }
}

function targetCallId() {
  const id = value('sim-call-id').trim();
  return id === '' ? null : id; // null: the app's hook takes the newest live call
}

byTestId('sim-ring').addEventListener('click', () => {
  const attributes = attributesFromBox();
  if (!attributes) return;
  const callId = `ws-${Date.now().toString(36)}-${++inboundSeq}`;
  const queueId = value('sim-queue-id').trim();
  simulate('ringInbound', [
    {
      callId,
      ani: value('sim-ani'),
      dnis: value('sim-dnis'),
      sessionType: value('sim-session-type'),
      menuPath: value('sim-menu-path'),
      queue: queueId ? { id: queueId, name: value('sim-queue-name') } : null,
      language: value('sim-language'),
      attributes,
    },
  ]);
  byTestId('sim-call-id').value = callId;
});
// The contact centre's recording of the call, when the tester gives one (the app's simulator invents none, D79).
byTestId('sim-hang-up').addEventListener('click', () => {
  const recordingUrl = value('sim-recording-url').trim();
  simulate('remoteHangUp', recordingUrl ? [targetCallId(), { recordingUrl }] : [targetCallId()]);
});
byTestId('sim-abandon').addEventListener('click', () => simulate('callerAbandons', [targetCallId()]));
byTestId('sim-voicemail').addEventListener('click', () => {
  const messageSec = Math.max(0, Math.round(Number(value('sim-voicemail-seconds')) || 0));
  simulate('sendToVoicemail', [targetCallId(), { messageSec }]);
});
byTestId('sim-set-attributes').addEventListener('click', () => {
  const attributes = attributesFromBox();
  if (attributes) simulate('setAttributes', [targetCallId(), attributes]);
});
byTestId('sim-set-answer').addEventListener('click', () => {
  const seconds = Math.max(0, Number(value('sim-answer-after')) || 0);
  simulate('setAnswerBehaviour', [
    { answerAfterMs: Math.round(seconds * 1000), noAnswer: byTestId('sim-no-answer').checked },
  ]);
});
byTestId('sim-go-offline').addEventListener('click', () => simulate('goOffline'));
byTestId('sim-go-online').addEventListener('click', () => simulate('goOnline'));

// ---- start ------------------------------------------------------------------------------------------------------
function timeZoneOf(ianaName) {
  let formattedOffset = 'GMT';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: ianaName, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    formattedOffset = part?.value ?? 'GMT';
  } catch {
    ianaName = 'UTC';
  }
  const m = /([+-])(\d{2}):?(\d{2})?/.exec(formattedOffset);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  return { name: ianaName, ianaName, offset, formattedOffset };
}

// ---- which telephony the page offers: the SIP panel (phone page link) or the simulator's controls ------------------
function showTelephony() {
  const sip = connector !== 'simulator';
  byTestId('sip-panel').hidden = !sip;
  byTestId('telephony-panel').hidden = sip;
  byTestId('sip-ws-uri').textContent = config.sip?.wsUri ?? 'not running';
  byTestId('sip-missing').hidden = Boolean(config.sip);
  const other = currentUser.id === 6 ? 5 : 6;
  const link = new URLSearchParams(params);
  link.set('agent', String(other));
  byTestId('agent-switch-link').href = `/?${link}`;
  byTestId('agent-switch-link').textContent = `work as ${AGENTS[other].name}`;
}
showTelephony();

await loadDirectory();
await renderRoute(false);
setInterval(() => loadDirectory().then(() => renderRoute(false)), 10000);
document.body.dataset.ready = 'true'; // for browser tests: the host is listening and the lists are drawn
