// The stand-in's records as its handlers read them: ids, look-ups and each record rendered with its API `url`.
import { clone } from './values.mjs';

/**
 * @param {object} st  the stand-in's data (users, tickets, comments, groups, next_ids, …), changed in place
 * @param {() => number} now
 */
export function createRecords(st, now) {
  const iso = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const nextId = (kind) => {
    const id = st.next_ids[kind];
    st.next_ids[kind] = id + 1;
    return id;
  };
  const findUser = (id) => st.users.find((u) => u.id === id) ?? null;
  const findTicket = (id) => st.tickets.find((t) => t.id === id) ?? null;
  const isAgent = (id) => ['agent', 'admin'].includes(findUser(id)?.role);
  const phonesOf = (user) => [user.phone, ...(st.extra_phones?.[user.id] ?? [])].filter((p) => p != null && p !== '');

  // ---- rendering ----
  const renderUser = (ctx, user) => ({ url: `${ctx.base}/api/v2/users/${user.id}.json`, ...clone(user) });
  const renderTicket = (ctx, ticket) => ({ url: `${ctx.base}/api/v2/tickets/${ticket.id}.json`, ...clone(ticket) });
  const renderGroup = (ctx, group) => ({ url: `${ctx.base}/api/v2/groups/${group.id}.json`, ...clone(group) });

  return { iso, nextId, findUser, findTicket, isAgent, phonesOf, renderUser, renderTicket, renderGroup };
}
