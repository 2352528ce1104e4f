// The stand-in's Talk Partner Edition routes: voice tickets (with `display_to_agent`), the "display to agent" pops,
// the standard call object (POST /api/v2/calls) and job statuses.
import { answer, notFound, parameterMissing, recordInvalid } from './http-answer.mjs';
import { clone, isObject, toId } from './values.mjs';

const VOICE_VIA = { 44: 'voicemail', 45: 'inbound', 46: 'outbound' };

/**
 * Handlers by route name (routes.mjs): each returns an HttpAnswer; a pop sets `ctx.event`.
 * @param {object} st
 * @param {ReturnType<import('./records.mjs').createRecords>} records
 * @param {ReturnType<import('./ticket-records.mjs').createTicketRecords>} ticketRecords
 */
export function voiceHandlers(st, records, ticketRecords) {
  const { findUser, findTicket, isAgent, renderTicket } = records;
  const { validateComment, validateVoiceComment, validateTicketFields, insertTicket } = ticketRecords;
  return {
    createVoiceTicket(ctx) {
      if (!isObject(ctx.body)) return parameterMissing('ticket');
      const { display_to_agent: displayTo } = ctx.body;
      const t = ctx.body.ticket;
      if (displayTo !== undefined && displayTo !== null && !isAgent(toId(displayTo))) {
        return recordInvalid(
          'display_to_agent',
          'display_to_agent: is not a valid agent',
          'InvalidValue',
          'display_to_agent is invalid',
        );
      }
      if (!isObject(t)) return parameterMissing('ticket');
      const viaId = toId(t.via_id);
      if (!VOICE_VIA[viaId])
        return recordInvalid(
          'via_id',
          'Via: via_id is required and must be 44 (voicemail), 45 (inbound call) or 46 (outbound call)',
          'InvalidValue',
        );
      if (viaId === 44 && t.voice_comment == null)
        return recordInvalid(
          'voice_comment',
          'Voice comment: is required for a voicemail ticket (via_id 44)',
          'BlankValue',
        );
      if (t.comment == null && t.voice_comment == null)
        return recordInvalid('base', 'Description: cannot be blank', 'BlankValue');
      const problem =
        (t.comment != null ? validateComment(t.comment) : null) ??
        validateTicketFields(t) ??
        (t.voice_comment != null ? validateVoiceComment(t.voice_comment) : null);
      if (problem) return problem;
      const vc = t.voice_comment ?? {};
      const rel = VOICE_VIA[viaId];
      const via = { channel: 'voice', source: { from: { phone: vc.from ?? null }, to: { phone: vc.to ?? null }, rel } };
      const { ticket } = insertTicket(t, via);
      ctx.changed = true;
      if (displayTo != null)
        ctx.event = {
          type: 'displayed_to_agent',
          agent_id: toId(displayTo),
          ticket_id: ticket.id,
          via: 'display_to_agent',
        };
      return answer(
        201,
        { ticket: renderTicket(ctx, ticket) },
        { Location: `${ctx.base}/api/v2/tickets/${ticket.id}.json` },
      );
    },

    displayTicket(ctx) {
      const { agent_id: agentId, ticket_id: ticketId } = ctx.params;
      if (!isAgent(agentId) || !findTicket(ticketId)) return notFound();
      ctx.event = { type: 'displayed_to_agent', agent_id: agentId, ticket_id: ticketId };
      return answer(200, {});
    },

    displayUser(ctx) {
      const { agent_id: agentId, user_id: userId } = ctx.params;
      if (!isAgent(agentId) || !findUser(userId)) return notFound();
      ctx.event = { type: 'displayed_to_agent', agent_id: agentId, user_id: userId };
      return answer(200, {});
    },

    // Talk Partner Edition's standard call object (developer.zendesk.com/api-reference/voice/talk-partner-edition-api/
    // calls/): `{call: {…}}` with the mandatory app_id, from_line, to_line, call_started_at and direction; a missing
    // one is a 422, as Zendesk validates a record. Zendesk's own error text is not documented: the stand-in gives its
    // RecordInvalid shape. A record shows nothing on a ticket; it is kept in `calls` for tests to read.
    createCall(ctx) {
      const c = ctx.body?.call;
      if (!isObject(c)) return parameterMissing('call');
      for (const field of ['from_line', 'to_line', 'call_started_at', 'direction']) {
        if (typeof c[field] !== 'string' || c[field] === '')
          return recordInvalid(field, `${field}: cannot be blank`, 'BlankValue');
      }
      if (!Number.isSafeInteger(c.app_id) || c.app_id <= 0)
        return recordInvalid('app_id', 'app_id: cannot be blank', 'BlankValue');
      if (!['inbound', 'outbound'].includes(c.direction))
        return recordInvalid('direction', 'direction: is not included in the list', 'InvalidValue');
      for (const field of ['call_started_at', 'call_ended_at']) {
        if (c[field] != null && Number.isNaN(Date.parse(c[field])))
          return recordInvalid(field, `${field}: is not a date`, 'InvalidValue');
      }
      if (c.ticket_id != null && !findTicket(toId(c.ticket_id)))
        return recordInvalid('ticket_id', 'ticket_id: is invalid');
      if (c.call_disposition != null && typeof c.call_disposition !== 'string')
        return recordInvalid('call_disposition', 'call_disposition: must be a string');
      st.calls ??= [];
      const record = { ...clone(c), id: 9_000_000 + st.calls.length + 1 };
      st.calls.push(record);
      ctx.changed = true;
      return answer(201, { call: clone(record) });
    },

    showJobStatus(ctx) {
      const job = (st.job_statuses ?? []).find((j) => j.id === ctx.params.job_status_id);
      if (!job) return notFound();
      return answer(200, { job_status: { ...clone(job), url: `${ctx.base}/api/v2/job_statuses/${job.id}.json` } });
    },
  };
}
