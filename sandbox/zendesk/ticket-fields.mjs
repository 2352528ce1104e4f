// List Ticket Fields (`GET /api/v2/ticket_fields`) as Zendesk answers it (zendesk-support-oas.yaml, ListTicketFields):
// cursor pages (`page[size]` ≤ 100, `page[after]`/`page[before]`) in the order of the fields' ids, or without
// pagination every field in the order of their `position`; `creator=true` adds `creator_user_id` (-1 for a field an
// app's requirements created) and `creator_app_name`; an end user sees only the fields visible in the portal
// ("Allowed for: Anyone"). The app reads it at registration to find the fields its requirements created (D355).
import { answer, HttpAnswer } from './http-answer.mjs';
import { byKey, cursorPage, wantsCursor } from './pagination.mjs';

/** A stored field ({id, type, title, …}) in Zendesk's shape. */
function renderField(ctx, f, withCreator) {
  const out = {
    url: `${ctx.base}/api/v2/ticket_fields/${f.id}.json`,
    id: f.id,
    type: f.type,
    title: f.title,
    raw_title: f.title,
    description: f.description ?? '',
    raw_description: f.description ?? '',
    position: f.position ?? 9999,
    active: f.active ?? true,
    required: false,
    collapsed_for_agents: false,
    regexp_for_validation: null,
    title_in_portal: f.title,
    raw_title_in_portal: f.title,
    visible_in_portal: f.visible_in_portal ?? false,
    editable_in_portal: false,
    required_in_portal: false,
    tag: null,
    created_at: f.created_at ?? '2019-01-01T00:00:00Z',
    updated_at: f.updated_at ?? f.created_at ?? '2019-01-01T00:00:00Z',
    removable: f.removable ?? true,
    agent_description: null,
  };
  if (withCreator) {
    out.creator_user_id = f.creator_app_name ? -1 : (f.creator_user_id ?? 5);
    out.creator_app_name = f.creator_app_name ?? null;
  }
  return out;
}

export function ticketFieldHandlers(st) {
  return {
    listTicketFields(ctx) {
      const withCreator = ctx.query.get('creator') === 'true';
      const visible = (st.ticket_fields ?? []).filter((f) => ctx.role !== 'end-user' || f.visible_in_portal === true);
      if (!wantsCursor(ctx)) {
        const byPosition = [...visible].sort((a, b) => (a.position ?? 9999) - (b.position ?? 9999) || a.id - b.id);
        return answer(200, {
          ticket_fields: byPosition.map((f) => renderField(ctx, f, withCreator)),
          next_page: null,
          previous_page: null,
          count: byPosition.length,
        });
      }
      const keyOf = (f) => f.id;
      const cmp = byKey(keyOf);
      const page = cursorPage(ctx, [...visible].sort(cmp), cmp, keyOf);
      if (page instanceof HttpAnswer) return page;
      return answer(200, {
        ticket_fields: page.items.map((f) => renderField(ctx, f, withCreator)),
        meta: page.meta,
        links: page.links,
      });
    },
  };
}
