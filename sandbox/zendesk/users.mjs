// The stand-in's user routes: the phone search (which lists a new user only once it is indexed), show, show many
// (by ids or external ids, at once), list (filtered by role, cursor or offset pages), create (never touching an
// existing user) and identities.
import { answer, HttpAnswer, notFound, parameterMissing, recordInvalid } from './http-answer.mjs';
import { byKey, cursorPage, offsetPage, wantsCursor } from './pagination.mjs';
import { clone, digitsOf, isObject, normalizeTags } from './values.mjs';

const USER_ROLES = ['end-user', 'agent', 'admin'];
const byId = (u) => u.id;

/**
 * Handlers by route name (routes.mjs): each returns an HttpAnswer and sets `ctx.changed` when it changed `st`.
 * @param {object} st
 * @param {ReturnType<import('./records.mjs').createRecords>} records
 * @param {{now: () => number, search: {indexDelayMs: number}}} index  the clock and the search index's delay
 */
export function userHandlers(st, records, { now, search: index }) {
  const { iso, nextId, findUser, phonesOf, renderUser } = records;
  // Indexed for search: created at least the delay ago (records without a readable created_at: always).
  const indexed = (record) => !(Date.parse(record.created_at) + index.indexDelayMs > now());
  const sameExternalId = (a, b) => a != null && b != null && String(a).toLowerCase() === String(b).toLowerCase();
  return {
    search(ctx) {
      const empty = { results: [], facets: null, next_page: null, previous_page: null, count: 0 };
      const query = (ctx.query.get('query') ?? '').trim();
      let role = null;
      let phone = null;
      for (const token of query.split(/\s+/).filter(Boolean)) {
        const m = /^([a-z_]+):(.*)$/i.exec(token);
        if (!m) return answer(200, empty); // free text: not modelled
        const [, key, value] = m;
        if (key === 'role') role = value;
        else if (key === 'type' && value === 'user') continue;
        else if (key === 'phone') phone = value;
        else return answer(200, empty);
      }
      // `phone:<digits>`: the stored number with every non-digit removed equals the digits;
      // `phone:*<digits>`: it ends with them. Anything else (a `+`, spaces, dashes) matches nothing.
      const term = phone == null ? null : /^(\*?)(\d+)$/.exec(phone);
      if (!term) return answer(200, empty);
      const [, star, digits] = term;
      const hits = st.users.filter(
        (u) =>
          indexed(u) &&
          (role == null || u.role === role) &&
          phonesOf(u).some((p) => (star ? digitsOf(p).endsWith(digits) : digitsOf(p) === digits)),
      );
      const sortBy = ctx.query.get('sort_by');
      if (sortBy === 'updated_at' || sortBy === 'created_at') {
        const dir = ctx.query.get('sort_order') === 'asc' ? 1 : -1;
        hits.sort((a, b) => dir * (a[sortBy] < b[sortBy] ? -1 : a[sortBy] > b[sortBy] ? 1 : a.id - b.id));
      } else {
        hits.sort((a, b) => a.id - b.id);
      }
      const page = offsetPage(ctx, hits);
      if (page instanceof HttpAnswer) return page;
      return answer(200, {
        results: page.items.map((u) => ({ ...renderUser(ctx, u), result_type: 'user' })),
        facets: null,
        next_page: page.next_page,
        previous_page: page.previous_page,
        count: page.count,
      });
    },

    // Show Many Users: `ids` or `external_ids` (comma-separated, up to 100; external ids without case), straight
    // from the records (no search index).
    showManyUsers(ctx) {
      const byExternal = ctx.query.get('external_ids');
      const byIds = ctx.query.get('ids');
      if (byExternal == null && byIds == null)
        return answer(400, { error: 'InvalidValue', description: 'ids or external_ids is required' });
      const wanted = String(byExternal ?? byIds)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (wanted.length > 100)
        return answer(400, { error: 'InvalidValue', description: 'Too many ids (the limit is 100)' });
      const users =
        byExternal != null
          ? st.users.filter((u) => wanted.some((w) => sameExternalId(u.external_id, w)))
          : st.users.filter((u) => wanted.includes(String(u.id)));
      const list = users.sort((a, b) => a.id - b.id).map((u) => renderUser(ctx, u));
      return answer(200, { users: list, next_page: null, previous_page: null, count: list.length });
    },

    // List Users (OAS ListUsers, "Admins, Agents and Light Agents"; an end user is refused in permissions.mjs): the
    // OAS's filters — `role` (one), `role[]` (repeated: any of them), `permission_set` (a custom role's id),
    // `external_id` — then offset pages, or cursor pages with `page[size]`/`page[after]`/`page[before]` (the app's
    // transfer directory, D433); at most 100 a page either way, by id.
    listUsers(ctx) {
      const roles = [...ctx.query.getAll('role[]'), ...ctx.query.getAll('role')];
      const permissionSet = ctx.query.get('permission_set');
      const externalId = ctx.query.get('external_id');
      const users = st.users
        .filter(
          (u) =>
            (roles.length === 0 || roles.includes(u.role)) &&
            (permissionSet == null || String(u.custom_role_id) === permissionSet) &&
            (externalId == null || sameExternalId(u.external_id, externalId)),
        )
        .sort((a, b) => a.id - b.id);
      if (!wantsCursor(ctx)) {
        const page = offsetPage(ctx, users);
        if (page instanceof HttpAnswer) return page;
        const { items, ...offsets } = page;
        return answer(200, { users: items.map((u) => renderUser(ctx, u)), ...offsets });
      }
      const page = cursorPage(ctx, users, byKey(byId), byId);
      if (page instanceof HttpAnswer) return page;
      return answer(200, { users: page.items.map((u) => renderUser(ctx, u)), meta: page.meta, links: page.links });
    },

    showUser(ctx) {
      const user = findUser(ctx.params.user_id);
      return user ? answer(200, { user: renderUser(ctx, user) }) : notFound();
    },

    // Creates a user; never touches an existing one (an existing email or external_id is a 422, as in Zendesk).
    createUser(ctx) {
      const u = ctx.body?.user;
      if (!isObject(u)) return parameterMissing('user');
      if (typeof u.name !== 'string' || u.name.trim() === '')
        return recordInvalid('name', 'Name: is too short (minimum one character)', 'BlankValue');
      const role = u.role ?? 'end-user';
      if (!USER_ROLES.includes(role)) return recordInvalid('role', `Role: ${role} is not a valid role`);
      if (u.phone != null && (typeof u.phone !== 'string' || digitsOf(u.phone) === ''))
        return recordInvalid('phone', 'Phone: is invalid');
      if (u.email != null) {
        if (typeof u.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(u.email))
          return recordInvalid('email', `Email: ${u.email} is not properly formatted`);
        if (st.users.some((x) => x.email && x.email.toLowerCase() === u.email.toLowerCase())) {
          return recordInvalid('email', `Email: ${u.email} is already being used by another user`, 'DuplicateValue');
        }
      }
      if (u.external_id != null && st.users.some((x) => sameExternalId(x.external_id, u.external_id))) {
        return recordInvalid('external_id', 'External has already been taken', 'DuplicateValue');
      }
      const createdAt = iso();
      const phone = u.phone ?? null;
      const shared = phone != null && st.users.some((x) => phonesOf(x).some((p) => digitsOf(p) === digitsOf(phone)));
      const user = {
        id: Math.max(nextId('user'), ...st.users.map((x) => x.id + 1)),
        name: u.name,
        email: u.email ?? null,
        created_at: createdAt,
        updated_at: createdAt,
        time_zone: u.time_zone ?? 'Pacific Time (US & Canada)',
        iana_time_zone: 'America/Los_Angeles',
        phone,
        shared_phone_number: phone == null ? null : shared,
        photo: null,
        locale_id: 1,
        locale: u.locale ?? 'en-US',
        organization_id: u.organization_id ?? null,
        role,
        verified: Boolean(u.verified),
        external_id: u.external_id != null ? String(u.external_id) : null,
        tags: normalizeTags(Array.isArray(u.tags) ? u.tags : []),
        alias: '',
        active: true,
        shared: false,
        shared_agent: false,
        last_login_at: null,
        two_factor_auth_enabled: null,
        signature: null,
        details: typeof u.details === 'string' ? u.details : '',
        notes: typeof u.notes === 'string' ? u.notes : '',
        role_type: null,
        custom_role_id: null,
        moderator: false,
        ticket_restriction: role === 'end-user' ? 'requested' : null,
        only_private_comments: false,
        restricted_agent: role === 'end-user',
        suspended: false,
        default_group_id: null,
        report_csv: false,
        user_fields: isObject(u.user_fields) ? clone(u.user_fields) : {},
      };
      st.next_ids.user = user.id + 1;
      st.users.push(user);
      ctx.changed = true;
      return answer(201, { user: renderUser(ctx, user) }, { Location: `${ctx.base}/api/v2/users/${user.id}.json` });
    },

    // Email and phone identities, derived from the user's email and phone(s); `type[]=phone_number` filters.
    listIdentities(ctx) {
      const user = findUser(ctx.params.user_id);
      if (!user) return notFound();
      const types = [...ctx.query.getAll('type[]'), ...ctx.query.getAll('type')];
      const identities = [];
      const stamp = { created_at: user.created_at, updated_at: user.updated_at };
      const identityUrl = (id) => `${ctx.base}/api/v2/users/${user.id}/identities/${id}.json`;
      if (user.email) {
        const id = 900000 + user.id * 10;
        identities.push({
          url: identityUrl(id),
          id,
          user_id: user.id,
          type: 'email',
          value: user.email,
          verified: user.verified,
          primary: true,
          deliverable_state: 'deliverable',
          undeliverable_count: 0,
          verification_method: user.verified ? 'full' : 'none',
          verified_at: null,
          ...stamp,
        });
      }
      phonesOf(user).forEach((value, i) => {
        const id = 900000 + user.id * 10 + 1 + i;
        identities.push({
          url: identityUrl(id),
          id,
          user_id: user.id,
          type: 'phone_number',
          value,
          verified: user.verified,
          primary: i === 0,
          undeliverable_count: 0,
          verification_method: user.verified ? 'full' : 'none',
          verified_at: null,
          ...stamp,
        });
      });
      const list = types.length ? identities.filter((x) => types.includes(x.type)) : identities;
      return answer(200, { identities: list, next_page: null, previous_page: null, count: list.length });
    },
  };
}
