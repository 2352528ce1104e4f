// Getting the agent's attention (issue 18 item 1), from the views the top bar draws: the top-bar icon shows ringing,
// on a call, wrap-up or away (ZAF's documented `iconSymbol` setter and the <symbol>s of icon_top_bar.svg), and a
// call that rings while the agent is elsewhere — the tab hidden, or the pane switched away from — raises a desktop
// notification when the agent allowed them. Permission is asked once, from the agent's click (browsers refuse it
// otherwise). Where notifications are refused or unavailable (Zendesk runs apps in a cross-origin frame, where
// Chrome does not let them be asked for), the core's `popover` effect opening the app and the ringing icon are
// what the agent gets (D363). The ring tone is the connector's: the sip connector rings while its line does.
// Drawing only: nothing here changes the core's state.
import { callerName } from '../view/announce.js';

/** view.agentStatus.current → the icon's symbol id. */
const SYMBOLS = { available: 'default', away: 'away', ringing: 'ringing', onCall: 'onCall', wrapUp: 'wrapUp' };

/**
 * @param {object} o
 * @param {{setIconSymbol(symbol: string): Promise<unknown>, onPaneActivated(h: Function): Function,
 *   onPaneDeactivated(h: Function): Function, showPopover(): Promise<unknown>}} o.zaf
 * @param {(key: string, params?: object) => string} o.t
 * @param {Document} [o.document]
 * @param {typeof Notification} [o.Notification]
 * @param {() => boolean} [o.leading]  only the writing tab notifies (one notification per call, not one per tab)
 * @param {() => void} [o.redraw]      the permission changed: the view's "Notify me" button comes or goes
 */
export function createAttention({
  zaf,
  t,
  document = globalThis.document,
  Notification = globalThis.Notification,
  leading = () => true,
  redraw = () => {},
}) {
  let symbol = 'default';
  let rungId = null;
  let paneShown = true; // until Zendesk says otherwise (the pane is shown on first display)
  let shownNotification = null;
  let asked = false;
  // Whether the pane is shown matters only for notifications: without them, nothing is listened to.
  const offs =
    typeof Notification === 'function'
      ? [
          zaf.onPaneActivated?.(() => {
            paneShown = true;
          }),
          zaf.onPaneDeactivated?.(() => {
            paneShown = false;
          }),
        ]
      : [];

  /** `unsupported`, or the browser's `default` | `granted` | `denied`. */
  function permission() {
    if (typeof Notification !== 'function' || typeof Notification.permission !== 'string') return 'unsupported';
    // Asked once: a browser that would not even ask (a cross-origin frame) leaves `default`, which is a no.
    return asked && Notification.permission === 'default' ? 'denied' : Notification.permission;
  }

  function drawn(view) {
    const current = view?.agentStatus?.current;
    const next = Object.hasOwn(SYMBOLS, current) ? SYMBOLS[current] : 'default';
    if (next !== symbol) {
      symbol = next;
      Promise.resolve()
        .then(() => zaf.setIconSymbol?.(next))
        .catch(() => {}); // a host without icon symbols: the icon stays as it is
    }
    const call = view?.call;
    const ringing = call?.state === 'ringing' && call.direction === 'inbound' ? call : null;
    if (!ringing) {
      shownNotification?.close?.();
      shownNotification = null;
      return;
    }
    if (ringing.id === rungId) return;
    rungId = ringing.id;
    const away = document?.visibilityState === 'hidden' || !paneShown;
    if (away && leading() && permission() === 'granted') notify(ringing);
  }

  function notify(call) {
    try {
      shownNotification = new Notification(t('ui.console.notify.title'), {
        body: callerName(t, call),
        tag: 'agent-adapter-incoming', // one at a time, replaced by the next call's
        requireInteraction: true,
      });
      shownNotification.onclick = () => {
        document?.defaultView?.focus?.();
        void Promise.resolve(zaf.showPopover()).catch(() => {});
        shownNotification?.close?.();
      };
    } catch {
      shownNotification = null; // refused by the browser after all: the popover and the icon remain
    }
  }

  /** From the agent's click ("Notify me of calls"): the browser asks once; the answer is kept by the browser. */
  async function ask() {
    if (permission() !== 'default') return permission();
    asked = true;
    try {
      await Notification.requestPermission();
    } catch {
      // refused to ask (a cross-origin frame): treated as denied
    }
    redraw();
    return permission();
  }

  return {
    /** After every render: the icon follows the view; a newly ringing call may notify. */
    update: drawn,
    ask,
    permission,
    stop() {
      for (const off of offs) off?.();
      shownNotification?.close?.();
    },
  };
}
