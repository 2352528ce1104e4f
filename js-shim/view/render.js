// The top-bar view: draws the core's view model (docs/adapter-protocol.md "View") and turns the agent's clicks
// and typing into protocol events. It decides nothing — which screen, which options, what is enabled all come
// from the view model. Every string from the model goes in as text (dom.js), every label through t().
//
// Each render builds a fresh tree with h() and patches the page to it (patch.js), so elements the agent is
// using — the input with the caret, the focused option — stay the same elements across renders.
import { createH } from './dom.js';
import { translatedOr, writeErrorText, writeLabelText } from './i18n.js';
import { patchChildren } from './patch.js';
import { elapsedText, callScreen, wrapUpScreen } from './screens/call.js';
import { incomingScreen } from './screens/incoming.js';
import { mainScreen } from './screens/main.js';
import { otherCallsPanel } from './screens/other-calls.js';
import { outboundScreen } from './screens/outbound.js';
import { refreshCountdowns } from './countdown.js';
import { countdownRunning, syncIndicator, syncPanel } from './screens/sync.js';
import { button } from './widgets.js';
import { agentStatusBar } from './agent-status.js';
import { announcement } from './announce.js';
import { nextFocus } from './focus-next.js';

const SCREENS = {
  main: mainScreen,
  outbound: outboundScreen,
  incoming: incomingScreen,
  call: callScreen,
  wrapUp: wrapUpScreen,
};

let viewCount = 0; // distinct element ids when several views share a document (tests, a reloaded module)

/**
 * @param {Element} root
 * @param {object} o
 * @param {(key: string, params?: object) => string} o.t   translator (i18n.js)
 * @param {(event: object) => void} o.onEvent  a protocol event without nowMs (the caller stamps it)
 * @param {Document} [o.document]
 * @param {() => number} [o.now]   the clock for drawing only (elapsed time, "5 min ago")
 * @param {{setTimeout, clearTimeout, setInterval, clearInterval}} [o.timers]
 * @param {() => ({writeText(text: string): Promise<void>} | null | undefined)} [o.clipboard]  for "Copy text"
 *   (default: the page's navigator.clipboard, looked up at the click)
 * @param {() => void} [o.askNotifications]  the agent's "Notify me of calls" click (top-bar.js, attention.js)
 * @returns {{render(view: object): void, destroy(): void}}
 */
export function createView(
  root,
  {
    t,
    onEvent,
    document = root.ownerDocument,
    now = () => Date.now(),
    timers = defaultTimers(),
    clipboard = () => document.defaultView?.navigator?.clipboard,
    askNotifications = () => {},
  },
) {
  const prefix = `cti${++viewCount}`;
  // Drawing-only state that the view model does not carry: whether the dial pad is folded, a press on "0",
  // whether the list of Zendesk updates is open, which write awaits its confirming Discard, a "Copied".
  /** @type {{screen: string|null, padOpen: boolean|null, press: {timer?: unknown}, syncOpen: boolean, confirmDiscard: string|null, copy: {timer?: unknown}|null, said: string}} */
  const ui = { screen: null, padOpen: null, press: {}, syncOpen: false, confirmDiscard: null, copy: null, said: '' };
  let lastView = null;
  let ticker = null;

  const ctx = {
    h: createH(document),
    t,
    now,
    timers,
    clipboard,
    root,
    ui,
    emit: (event) => onEvent(event),
    askNotifications: () => askNotifications(), // "Notify me of calls": the shim's, not an event of the core's
    id: (name) => `${prefix}-${name}`,
    find: (key) => root.querySelector(`[data-key="${key}"]`), // keys are constants of this view, never data
    redraw: () => lastView && render(lastView),
  };

  // Escape cancels the outbound call being prepared (FO-6), from anywhere in the pane.
  const onKeydown = (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented || lastView?.screen !== 'outbound') return;
    e.preventDefault();
    ctx.emit({ type: 'cancelClicked' });
  };
  root.addEventListener('keydown', onKeydown);

  function render(view) {
    if (!view || typeof view !== 'object') return;
    const before = lastView;
    lastView = view;
    ui.said = announcement(ctx.t, before, view) ?? ui.said;
    const active = document.activeElement;
    const hadFocus = active != null && active !== root && root.contains(active);
    const screen = Object.hasOwn(SCREENS, view.screen) ? view.screen : 'main';
    if (screen !== ui.screen) {
      ui.screen = screen;
      ui.padOpen = null; // each new outbound screen starts folded or open by its entry (outbound.js)
    }
    const { body, actions } = SCREENS[screen](ctx, view);
    const { h } = ctx;
    const onMain = screen === 'main';
    // One stable frame for every screen: a note being typed when the call ends stays the same textarea in wrap-up.
    const frame = h('div', { key: 'frame', className: `cti cti--${screen}` }, [
      header(ctx, view),
      writerNotice(ctx, view.writer),
      syncIndicator(ctx, view, onMain),
      onMain ? null : syncPanel(ctx, view), // main draws the list in its body
      banner(ctx, view.banner),
      otherCallsPanel(ctx, view),
      h('main', { key: 'body', className: 'cti-body' }, body),
      actions.length > 0 ? h('footer', { key: 'actions', className: 'cti-actions' }, actions) : null,
      // The one live region for calls and the agent's status (announce.js): always drawn, so that it exists
      // before the first announcement.
      h('p', {
        key: 'announce',
        className: 'cti-sr-only',
        attrs: { 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'announce' },
        text: ui.said,
      }),
    ]);
    patchChildren(root, [frame]);
    // The control the agent pressed went with its screen (Dial pad, Call, Hang up...): focus goes on to the next
    // sensible one of the new screen, not to the page's start.
    if (hadFocus && !root.contains(document.activeElement)) nextFocus(root, screen)?.focus();
    syncTicker(view);
  }

  // Elapsed time while connected and the sync countdowns ("next try in 12 s") while one runs: only those texts
  // change every second; nothing is dispatched.
  function syncTicker(view) {
    const wanted =
      (view.screen === 'call' && view.call?.state === 'connected' && Number.isFinite(view.call?.connectedAtMs)) ||
      countdownRunning(view.sync, now());
    if (wanted && ticker === null) {
      ticker = timers.setInterval(() => {
        const el = ctx.find('elapsed');
        if (el && lastView?.call) el.textContent = elapsedText(lastView.call, now());
        refreshCountdowns(ctx, root, now());
        if (lastView) syncTicker(lastView); // stops once nothing is left to count
      }, 1000);
      ticker?.unref?.(); // node: a test's forgotten view does not keep the process alive
    } else if (!wanted && ticker !== null) {
      timers.clearInterval(ticker);
      ticker = null;
    }
  }

  function destroy() {
    if (ticker !== null) timers.clearInterval(ticker);
    ticker = null;
    if (ui.press.timer != null) timers.clearTimeout(ui.press.timer);
    if (ui.copy?.timer != null) timers.clearTimeout(ui.copy.timer);
    root.removeEventListener('keydown', onKeydown);
  }

  return { render, destroy };
}

function defaultTimers() {
  const g = globalThis;
  return {
    setTimeout: (fn, ms) => g.setTimeout(fn, ms),
    clearTimeout: (id) => g.clearTimeout(id),
    setInterval: (fn, ms) => g.setInterval(fn, ms),
    clearInterval: (id) => g.clearInterval(id),
  };
}

// Agent name and connector state, on every screen.
function header(ctx, view) {
  const { h, t } = ctx;
  const state = view.connector?.state ?? null;
  return h('header', { key: 'header', className: 'cti-header' }, [
    h('bdi', {
      className: 'cti-header__agent',
      attrs: { title: String(view.agent?.name ?? '') }, // cut to one line; the whole name on hover
      text: String(view.agent?.name ?? ''),
    }),
    state
      ? h('span', {
          key: 'connector',
          className: `cti-connector cti-connector--${state === 'online' ? 'online' : 'offline'}`,
          text: t('ui.connector.label', {
            state: translatedOr(t, `ui.connector.${state}`, state),
            name: view.connector?.name ?? '',
          }),
        })
      : null,
    // The demo simulator is never mistaken for a phone: its calls are played in the browser (D79).
    view.connector?.name === 'simulator'
      ? h('span', {
          key: 'demo',
          className: 'c-tag c-tag--pill cti-demo',
          attrs: { title: t('ui.connector.demoHint') },
          text: t('ui.connector.demo'),
        })
      : null,
    agentStatusBar(ctx, view), // its own line of the header (adapter.css)
  ]);
}

// view.writer (set by the shim, js-shim/app/top-bar.js): when another Zendesk tab makes the writes, this one only
// mirrors its state; `takingOver` while this tab claims the writer role after that tab went away.
function writerNotice(ctx, writer) {
  if (writer?.role !== 'follower') return null;
  return ctx.h('p', {
    key: 'writer',
    className: 'cti-writer',
    attrs: { role: 'status' },
    text: ctx.t(writer.takingOver === true ? 'ui.writer.takingOver' : 'ui.writer.follower'),
  });
}

// A refused command or call (COMMAND_FAILED / CALL_FAILED {code}) whose connector code has its own text
// (ui.errors.MEDIA_DENIED, CREDENTIALS_REFUSED, ...) shows that text: it tells the agent what to do.
function bannerText(t, code, params, fallback) {
  const connectorCode = typeof params.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(params.code) ? params.code : null;
  if ((code === 'COMMAND_FAILED' || code === 'CALL_FAILED') && connectorCode) {
    const text = t(`ui.errors.${connectorCode}`, params);
    if (text !== `ui.errors.${connectorCode}`) return text;
  }
  if (code === 'WRITE_FAILED') {
    // The write's label and error by their codes, not the core's English.
    return translatedOr(t, 'ui.banner.WRITE_FAILED', fallback, writeFailedParams(t, params));
  }
  return translatedOr(t, `ui.banner.${code}`, fallback, params);
}

/** WRITE_FAILED's params with `label` and `error` in the agent's language (banner and notify). */
export function writeFailedParams(t, params) {
  return { ...params, label: writeLabelText(t, params), error: writeErrorText(t, params) ?? '' };
}

// The core's banner {code, kind, params}: ui.banner.<code> with its params; an untranslated code shows the
// translated "Something went wrong (CODE)", never English from the core.
function banner(ctx, b) {
  if (!b || typeof b !== 'object') return null;
  const { h, t } = ctx;
  const kind = b.kind === 'error' ? 'error' : 'notice';
  const params = b.params && typeof b.params === 'object' ? b.params : {};
  const fallback = t('ui.banner.unknown', { code: b.code ?? '' });
  return h(
    'div',
    {
      key: 'banner',
      className: `cti-banner cti-banner--${kind}`,
      attrs: { role: kind === 'error' ? 'alert' : 'status' },
    },
    [
      h('p', { className: 'cti-banner__text', text: bannerText(t, b.code, params, fallback) }),
      button(ctx, {
        key: 'dismiss',
        label: '×',
        kind: 'basic',
        className: 'c-btn--icon cti-banner__dismiss',
        attrs: { 'aria-label': t('ui.banner.dismiss') },
        onClick: () => ctx.emit({ type: 'dismissBanner' }),
      }),
    ],
  );
}
