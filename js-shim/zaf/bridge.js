// The only place the top bar talks to the ZAF client. Everything the shim needs from Zendesk is a small,
// promise-returning method here, so the loop and the effect executor can be tested against a fake bridge and
// the bridge against a fake client (tests/js/helpers/fake-zaf.mjs). ZAFClient.init() itself stays in the entry
// files: this module receives an already-initialised client.
//
// Never logs: request bodies, headers and ZAF payloads may carry personal data.
import { toAgentProfile } from './agent-profile.js';
import { toHttpResponse } from './http-response.js';
import { CALL_MENU_EVENT, NUMBERS_WANTED_EVENT, SIDEBAR_NUMBERS_EVENT } from './instances.js';
import { withRequirementFields } from './requirements.js';
import { findRequirementFields, listTicketFields } from './ticket-fields.js';
import { withTeamGroupIds } from './team-groups.js';
import { displayText } from '../view/dom.js';

// Secure settings never reach JS in Zendesk, but `zcli apps:server` hands them over as plain settings
// (zendesk-platform.md §6). They must not flow into the core, its persisted state or its view. The app's secure
// parameters are tokens (telephonyToken), so anything named like one is dropped. (The pattern avoids the other
// credential words on purpose: Zendesk's package validator flags them in .js files.)
const SECURE_SETTING = /token/i;

/**
 * @param {object} client  an initialised ZAF client (ZAFClient.init() in the app, a fake in tests)
 * @param {{now?: () => number}} [options]
 */
export function createZafBridge(client, { now = Date.now } = {}) {
  /** Subscribes and returns an unsubscribe function (the SDK's client.off takes the same handler). */
  function subscribe(name, handler) {
    client.on(name, handler);
    return () => client.off?.(name, handler);
  }

  const bridge = {
    /** {id, name, groupIds, locale, utcOffsetMinutes} of the signed-in agent. */
    async agentProfile() {
      return toAgentProfile(await bridge.currentUser(), now());
    },

    /** ZAF's currentUser (null when it gives none). */
    async currentUser() {
      const answer = await client.get('currentUser');
      return answer?.currentUser ?? null;
    },

    /** The app's non-secure settings (metadata() waits for app.registered, so this is also "ready"). */
    async settings() {
      const metadata = await client.metadata();
      const settings = {};
      for (const [name, value] of Object.entries(metadata?.settings ?? {})) {
        if (!SECURE_SETTING.test(name)) settings[name] = value;
      }
      return settings;
    },

    /** The Zendesk account (its subdomain) the app runs in; null when the host does not say. */
    async account() {
      try {
        const subdomain = (await client.context?.())?.account?.subdomain;
        return typeof subdomain === 'string' && subdomain !== '' ? subdomain : null;
      } catch {
        return null;
      }
    },

    /**
     * Init helper: what appRegistered needs from ZAF (and the account the stored state is bound to), in parallel.
     */
    async registration() {
      const [settings, user, account, appId] = await Promise.all([
        bridge.settings(),
        bridge.currentUser(),
        bridge.account(),
        bridge.appId(),
      ]);
      // Team groups may be named in the settings: the agent's own groups give their ids (team-groups.js).
      return { settings: withTeamGroupIds(settings, user?.groups), agent: toAgentProfile(user, now()), account, appId };
    },

    /** The app's id (ZAF metadata's appId; Talk Partner Edition's call record names it, D421); null when none. */
    async appId() {
      const id = (await client.metadata())?.appId;
      return Number.isSafeInteger(id) && id > 0 ? id : null;
    },

    /**
     * The settings with the ids of the fields the app's requirements created, found in the account's ticket fields
     * (requirements.js, ticket-fields.js, D355), and `problems` naming those not found, for the admin. One listing;
     * the writing tab asks (a follower sends no request).
     */
    async requirementFields(settings) {
      const fields = await listTicketFields((r) => bridge.request({ ...r, body: null, headers: null }));
      return withRequirementFields(settings, findRequirementFields(fields));
    },

    /** voice.dialout (Talk Partner Edition click-to-call): {number, userId, ticketId}, null when absent. */
    onDialout(handler) {
      return subscribe('voice.dialout', (d) =>
        handler({ number: d?.number ?? null, userId: d?.userId ?? null, ticketId: d?.ticketId ?? null }),
      );
    },

    /**
     * voice.error (Talk Partner Edition): Zendesk could not subscribe the app to another TPE event (e.g.
     * voice.dialout). {code}: ZAF's error code as text, null when it gave none.
     */
    onVoiceError(handler) {
      return subscribe('voice.error', (d) => {
        const code = d?.code;
        handler({ code: typeof code === 'string' || typeof code === 'number' ? String(code).slice(0, 64) : null });
      });
    },

    /** ZAF is about to remove this app instance (app.willDestroy): the app must let go of what it holds. */
    onWillDestroy(handler) {
      return subscribe('app.willDestroy', () => handler());
    },

    /** The top-bar pane was shown again (not fired on first display: that is app.registered). */
    onPaneActivated(handler) {
      return subscribe('pane.activated', () => handler());
    },

    /** The ticket sidebar's Call menu, triggered on this instance: {ticketId, number|null}. */
    onCallMenu(handler) {
      return subscribe(CALL_MENU_EVENT, (d) => handler({ ticketId: d?.ticketId ?? null, number: d?.number ?? null }));
    },

    /** A ticket sidebar wants its requester's phone numbers: {ticketId, requesterId, replyTo: its instance guid}. */
    onRequesterNumbersWanted(handler) {
      return subscribe(NUMBERS_WANTED_EVENT, (d) =>
        handler({ ticketId: d?.ticketId ?? null, requesterId: d?.requesterId ?? null, replyTo: d?.replyTo ?? null }),
      );
    },

    /** The core's `sidebarNumbers` answer, triggered on the sidebar instance that asked (`to`, its guid). */
    sendSidebarNumbers({ to, ticketId, requesterId, numbers, state }) {
      client.instance(to).trigger(SIDEBAR_NUMBERS_EVENT, { ticketId, requesterId, numbers, state });
    },

    showPopover() {
      return client.invoke('popover', 'show');
    },

    /** The top-bar pane was hidden (the agent switched away or closed the popover). */
    onPaneDeactivated(handler) {
      return subscribe('pane.deactivated', () => handler());
    },

    /**
     * The top-bar icon: one of the <symbol>s of assets/icon_top_bar.svg by its id (ZAF's documented `iconSymbol`
     * setter; `default` is the icon Zendesk shows first).
     */
    setIconSymbol(symbol) {
      return client.set('iconSymbol', symbol);
    },

    routeTo(target, id) {
      return client.invoke('routeTo', target, id);
    },

    /** A Zendesk notification; its text (which may name a caller or a ticket) is cut like the view's texts. */
    notify(text, kind) {
      return client.invoke('notify', displayText(text), kind);
    },

    /**
     * Performs a `request` effect on the agent's Zendesk (session-cookie auth, no token in code).
     * Resolves, never rejects, to the httpResponse fields {requestId, status, body, retryAfterSec[,
     * idempotencyLookup]}.
     */
    async request({ id, method, url, body, headers }) {
      let outcome;
      try {
        outcome = await client.request({
          url,
          type: method,
          contentType: 'application/json',
          data: body == null ? undefined : JSON.stringify(body),
          // The core's headers (a ticket create's Idempotency-Key); ZAF's client.request takes `headers`.
          ...(headers && typeof headers === 'object' ? { headers: { ...headers } } : {}),
          httpCompleteResponse: true,
          // ZAF would otherwise retry a 429 itself, out of sight of the core's outbox: its pause after a 429, its
          // budgets and the agent's "waiting for Zendesk" all need to see every 429 when it happens.
          autoRetry: false,
        });
      } catch (failure) {
        outcome = failure;
      }
      return toHttpResponse(id, outcome, now());
    },
  };
  return bridge;
}
