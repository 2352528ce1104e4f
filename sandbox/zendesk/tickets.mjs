// The stand-in's ticket routes: a user's requested tickets (offset or cursor pages), the list by external_id, show,
// create, update (with Zendesk's closed-ticket and safe-update refusals) and a ticket's comments.
import { answer, HttpAnswer, notFound, parameterMissing } from './http-answer.mjs';
import { cursorPage, offsetPage, wantsCursor } from './pagination.mjs';
import { STATUSES } from './ticket-records.mjs';
import { clone, isObject, normalizeTags, toId } from './values.mjs';

/**
 * Handlers by route name (routes.mjs): each returns an HttpAnswer and sets `ctx.changed` when it changed `st`.
 * Rule: check everything, then change — a handler that answers ≥ 400 must not have touched `st`.
 * @param {object} st
 * @param {ReturnType<import('./records.mjs').createRecords>} records
 * @param {ReturnType<import('./ticket-records.mjs').createTicketRecords>} ticketRecords
 * @param {() => number} now
 */
export function ticketHandlers(st, records, ticketRecords, now) {
  const { iso, nextId, findUser, findTicket, renderUser, renderTicket, renderGroup } = records;
  const {
    makeComment,
    makeVoiceComment,
    validateComment,
    validateVoiceComment,
    validateTicketFields,
    mergeCustomFields,
    newAudit,
    commentEvent,
    insertTicket,
  } = ticketRecords;

  // A page of tickets (offset pagination) as Zendesk answers it, or the page's own error answer.
  function ticketsAnswer(ctx, page) {
    if (page instanceof HttpAnswer) return page;
    return answer(200, {
      tickets: page.items.map((t) => renderTicket(ctx, t)),
      ...sideloads(ctx, page.items),
      next_page: page.next_page,
      previous_page: page.previous_page,
      count: page.count,
    });
  }

  function sideloads(ctx, tickets, extraUserIds = []) {
    const include = new Set(
      String(ctx.query.get('include') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    const out = {};
    if (include.has('users')) {
      const ids = [];
      for (const t of tickets)
        for (const id of [t.requester_id, t.submitter_id, t.assignee_id, ...(t.collaborator_ids ?? [])])
          if (id != null && !ids.includes(id)) ids.push(id);
      for (const id of extraUserIds) if (id != null && !ids.includes(id)) ids.push(id);
      out.users = ids
        .map(findUser)
        .filter(Boolean)
        .map((u) => renderUser(ctx, u));
    }
    if (include.has('groups')) {
      const ids = [...new Set(tickets.map((t) => t.group_id).filter((id) => id != null))];
      out.groups = st.groups.filter((g) => ids.includes(g.id)).map((g) => renderGroup(ctx, g));
    }
    return out;
  }

  return {
    requestedTickets(ctx) {
      const user = findUser(ctx.params.user_id);
      if (!user) return notFound();
      const sortBy = ['id', 'created_at', 'updated_at', 'status', 'subject'].includes(ctx.query.get('sort_by'))
        ? ctx.query.get('sort_by')
        : 'id';
      const dir = ctx.query.get('sort_order') === 'desc' ? -1 : 1;
      const keyOf = (t) => (sortBy === 'status' ? STATUSES.indexOf(t.status) : t[sortBy]);
      const keyFor = (x) => (x.__key !== undefined ? x.__key : keyOf(x));
      const cmp = (a, b) => {
        const ka = keyFor(a);
        const kb = keyFor(b);
        const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
        return dir * c;
      };
      const tickets = st.tickets.filter((t) => t.requester_id === user.id).sort(cmp);
      let page;
      if (wantsCursor(ctx)) {
        page = cursorPage(ctx, tickets, cmp, keyOf);
        if (page instanceof HttpAnswer) return page;
        return answer(200, {
          tickets: page.items.map((t) => renderTicket(ctx, t)),
          ...sideloads(ctx, page.items),
          meta: page.meta,
          links: page.links,
        });
      }
      page = offsetPage(ctx, tickets);
      return ticketsAnswer(ctx, page);
    },

    // ListTickets. `external_id`: every ticket carrying it (Zendesk does not keep external ids unique); without it,
    // every ticket. Offset pagination, ascending id.
    listTickets(ctx) {
      const externalId = ctx.query.get('external_id');
      const tickets = st.tickets
        .filter((t) => externalId == null || t.external_id === externalId)
        .sort((a, b) => a.id - b.id);
      const page = offsetPage(ctx, tickets);
      return ticketsAnswer(ctx, page);
    },

    showTicket(ctx) {
      const ticket = findTicket(ctx.params.ticket_id);
      if (!ticket) return notFound();
      return answer(200, { ticket: renderTicket(ctx, ticket), ...sideloads(ctx, [ticket]) });
    },

    createTicket(ctx) {
      const t = ctx.body?.ticket;
      if (!isObject(t)) return parameterMissing('ticket');
      const problem =
        validateComment(t.comment) ??
        validateTicketFields(t) ??
        (t.voice_comment !== undefined ? validateVoiceComment(t.voice_comment) : null);
      if (problem) return problem;
      const { ticket, audit } = insertTicket(t, { channel: 'api', source: { from: {}, to: {}, rel: null } });
      ctx.changed = true;
      return answer(
        201,
        { ticket: renderTicket(ctx, ticket), audit },
        { Location: `${ctx.base}/api/v2/tickets/${ticket.id}.json` },
      );
    },

    updateTicket(ctx) {
      const ticket = findTicket(ctx.params.ticket_id);
      if (!ticket) return notFound();
      const t = ctx.body?.ticket;
      if (!isObject(t)) return parameterMissing('ticket');
      if (ticket.status === 'closed') {
        return answer(422, {
          error: 'RecordInvalid',
          description: 'Status: closed prevents ticket update',
          details: {
            status: [{ description: 'Status: closed prevents ticket update', error: 'ClosedPreventsUpdate' }],
          },
        });
      }
      if (
        t.safe_update === true &&
        t.updated_stamp !== undefined &&
        Date.parse(t.updated_stamp) !== Date.parse(ticket.updated_at)
      ) {
        return answer(409, {
          error: 'UpdateConflict',
          description:
            'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
        });
      }
      const problem =
        (t.comment !== undefined ? validateComment(t.comment) : null) ??
        validateTicketFields(t) ??
        (t.voice_comment !== undefined ? validateVoiceComment(t.voice_comment) : null);
      if (problem) return problem;

      const updatedAt = iso();
      const via = { channel: 'api', source: { from: {}, to: {}, rel: null } };
      const audit = newAudit(ticket.id, st.current_user_id, via, updatedAt);
      const change = (field, value) => {
        const previous = ticket[field];
        if (JSON.stringify(previous) === JSON.stringify(value)) return;
        ticket[field] = value;
        audit.events.push({
          id: nextId('audit'),
          type: 'Change',
          field_name: field,
          value: clone(value),
          previous_value: clone(previous),
        });
      };
      if (t.subject !== undefined) {
        change('subject', t.subject ?? '');
        ticket.raw_subject = ticket.subject;
      }
      for (const field of ['priority', 'type', 'due_at']) if (t[field] !== undefined) change(field, t[field]);
      if (t.external_id !== undefined) change('external_id', t.external_id == null ? null : String(t.external_id));
      if (t.requester_id !== undefined) change('requester_id', toId(t.requester_id));
      if (t.group_id !== undefined) change('group_id', t.group_id == null ? null : toId(t.group_id));
      if (t.assignee_id !== undefined) change('assignee_id', t.assignee_id == null ? null : toId(t.assignee_id));
      if (t.status !== undefined) change('status', t.status);
      else if (ticket.status === 'new' && ticket.assignee_id != null) change('status', 'open'); // assigning opens a new ticket
      if (t.tags !== undefined) change('tags', normalizeTags(t.tags));
      if (t.additional_tags !== undefined) change('tags', normalizeTags([...ticket.tags, ...t.additional_tags]));
      if (t.remove_tags !== undefined) {
        const remove = normalizeTags(t.remove_tags);
        change(
          'tags',
          ticket.tags.filter((x) => !remove.includes(x)),
        );
      }
      if (t.custom_fields !== undefined)
        change('custom_fields', mergeCustomFields(ticket.custom_fields ?? [], t.custom_fields));
      const comments = st.comments[ticket.id] ?? (st.comments[ticket.id] = []);
      if (t.comment !== undefined) {
        const c = makeComment(t.comment, {
          authorId: st.current_user_id,
          via,
          createdAt: updatedAt,
          auditId: audit.id,
        });
        comments.push(c);
        audit.events.push(commentEvent(c));
      }
      if (t.voice_comment !== undefined) {
        const c = makeVoiceComment(t.voice_comment, {
          authorId: st.current_user_id,
          via: {
            channel: 'voice',
            source: {
              from: { phone: t.voice_comment.from ?? null },
              to: { phone: t.voice_comment.to ?? null },
              rel: null,
            },
          },
          createdAt: updatedAt,
          auditId: audit.id,
        });
        comments.push(c);
        audit.events.push(commentEvent(c));
      }
      ticket.updated_at = updatedAt;
      ticket.generated_timestamp = Math.floor(now() / 1000);
      ctx.changed = true;
      return answer(200, { ticket: renderTicket(ctx, ticket), audit });
    },

    listComments(ctx) {
      const ticket = findTicket(ctx.params.ticket_id);
      if (!ticket) return notFound();
      // Offset pagination (`per_page` ≤ 100, `page`) over the comments oldest first, or newest first with
      // sort_order=desc (so a client checking its last writes reads one page).
      const comments = clone(st.comments[ticket.id] ?? []);
      if (ctx.query.get('sort_order') === 'desc') comments.reverse();
      const page = offsetPage(ctx, comments);
      if (page instanceof HttpAnswer) return page;
      const include = String(ctx.query.get('include') ?? '').split(',');
      const users = include.includes('users')
        ? {
            users: [...new Set(page.items.map((c) => c.author_id))]
              .map(findUser)
              .filter(Boolean)
              .map((u) => renderUser(ctx, u)),
          }
        : {};
      return answer(200, {
        comments: page.items,
        ...users,
        next_page: page.next_page,
        previous_page: page.previous_page,
        count: page.count,
      });
    },
  };
}
