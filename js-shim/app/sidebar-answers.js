// Where the core's `sidebarNumbers` answer goes. A ticket sidebar asks the top bar of its own Zendesk tab for its
// requester's phone numbers; only the writing tab's core looks them up (the request budget and retries are the
// writer's), and ZAF delivers instance events only within one Zendesk tab. So every top bar remembers which
// sidebars asked through it: the writer answers those itself and posts the others' answers on the agent's tab
// channel, where the tab whose sidebar asked hands them on. Nothing else a channel message says reaches a sidebar.

import { checkSidebarNumbers } from './tab-messages.js';

const MAX_ASKS = 64; // sidebars remembered per tab; the oldest is forgotten first (its sidebar offers Retry)

/**
 * @param {object} o
 * @param {{sendSidebarNumbers(answer: object): unknown}} o.zaf  this tab's ZAF bridge
 * @param {() => ({post(msg: object): void}|null)} o.channel  the agent's tab channel (null: this tab is alone)
 * @param {{warn: Function}} [o.log]
 */
export function createSidebarAnswers({ zaf, channel, log = console }) {
  const asked = new Set(); // guids of the sidebars in this tab that asked and were not answered yet

  function handOn(answer) {
    asked.delete(answer.to);
    const { to, ticketId, requesterId, numbers, state } = answer;
    return zaf.sendSidebarNumbers({ to, ticketId, requesterId, numbers, state });
  }

  return {
    /** A sidebar of this tab asked (its guid). */
    asked(guid) {
      if (typeof guid !== 'string') return;
      asked.delete(guid);
      asked.add(guid);
      if (asked.size > MAX_ASKS) asked.delete(asked.values().next().value);
    },

    /** The writer's core answered: to the sidebar here, or to the other tabs. */
    deliver(answer) {
      if (asked.has(answer.to)) return handOn(answer);
      const tabs = channel();
      if (!tabs) return log.warn('[adapter] a sidebar answer for no sidebar of this tab was dropped');
      const { to, ticketId, requesterId, numbers, state } = answer;
      tabs.post({ type: 'sidebarNumbers', to, ticketId, requesterId, numbers, state });
      return undefined;
    },

    /**
     * Another tab's `sidebarNumbers` message: handed on when a sidebar of this tab asked for it.
     * @returns {string|null} why it was dropped (`bad-value`), or null
     */
    fromChannel(msg) {
      const checked = checkSidebarNumbers(msg);
      if (!checked.ok) return checked.reason;
      if (asked.has(checked.answer.to)) handOn(checked.answer);
      return null; // another tab's sidebar: not ours to deliver, and no fault
    },
  };
}
