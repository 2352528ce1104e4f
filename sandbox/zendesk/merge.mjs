// The stand-in's ticket merge (OAS MergeTicketsIntoTargetTicket): the sources are closed with the tag
// `closed_by_merge` and a comment naming the target, the target gets a comment naming the sources (Zendesk's default
// wording, or the caller's `source_comment` / `target_comment`, private unless asked), and the answer is a job
// status. Zendesk runs the merge as a background job; the stand-in runs it at once and answers the job completed.
// A closed ticket refuses later updates (tickets.mjs), which is how a client finds out (TR-9, docs/decisions.md D444).
import { randomBytes } from 'node:crypto';

import { answer, notFound } from './http-answer.mjs';
import { normalizeTags, toId } from './values.mjs';

const invalid = (description) => answer(422, { error: 'InvalidValue', description });

/**
 * @param {object} st
 * @param {ReturnType<import('./records.mjs').createRecords>} records
 * @param {ReturnType<import('./ticket-records.mjs').createTicketRecords>} ticketRecords
 */
export function mergeHandlers(st, records, ticketRecords) {
  const { iso, nextId, findTicket } = records;
  const { makeComment, newAudit, commentEvent } = ticketRecords;

  function addComment(ticket, body, isPublic, createdAt, changes = {}) {
    const via = { channel: 'web', source: { from: {}, to: {}, rel: 'merge' } };
    const audit = newAudit(ticket.id, st.current_user_id, via, createdAt);
    const comment = makeComment(
      { body, public: isPublic },
      { authorId: st.current_user_id, via, createdAt, auditId: audit.id },
    );
    (st.comments[ticket.id] ??= []).push(comment);
    audit.events.push(commentEvent(comment));
    for (const [field, value] of Object.entries(changes)) {
      audit.events.push({
        id: nextId('audit'),
        type: 'Change',
        field_name: field,
        value,
        previous_value: ticket[field],
      });
      ticket[field] = value;
    }
    ticket.updated_at = createdAt;
  }

  return {
    mergeTickets(ctx) {
      const target = findTicket(ctx.params.ticket_id);
      if (!target) return notFound();
      const body = ctx.body ?? {};
      if (!Array.isArray(body.ids) || body.ids.length === 0) {
        return answer(400, { error: 'ParameterMissing', description: 'Missing or invalid parameter: ids (an array)' });
      }
      const sources = [];
      for (const raw of body.ids) {
        const source = findTicket(toId(raw));
        if (!source) return invalid(`Ticket ${raw} not found`);
        if (source.id === target.id) return invalid('A ticket cannot be merged into itself');
        if (source.status === 'closed') return invalid(`Ticket #${source.id} is closed and cannot be merged`);
        if (!sources.includes(source)) sources.push(source);
      }
      if (target.status === 'closed') return invalid(`Ticket #${target.id} is closed and cannot be merged into`);
      const at = iso();
      for (const source of sources) {
        const text =
          body.source_comment ?? `This request was closed and merged into request #${target.id} "${target.subject}".`;
        addComment(source, String(text), body.source_comment_is_public === true, at, {
          status: 'closed',
          tags: normalizeTags([...(source.tags ?? []), 'closed_by_merge']),
        });
      }
      const named = sources.map((s) => `#${s.id}`).join(', ');
      const text =
        body.target_comment ??
        (sources.length === 1
          ? `Request #${sources[0].id} "${sources[0].subject}" was closed and merged into this request.`
          : `Requests ${named} were closed and merged into this request.`);
      addComment(target, String(text), body.target_comment_is_public === true, at);
      const job = {
        id: randomBytes(16).toString('hex'),
        job_type: 'TicketMergeJob',
        status: 'completed',
        total: sources.length,
        progress: sources.length,
        message: `Completed at ${at}`,
        results: sources.map((s) => ({ action: 'merge', id: s.id, status: 'Merged', success: true })),
      };
      (st.job_statuses ??= []).push(job);
      ctx.changed = true;
      return answer(200, { job_status: { ...job, url: `${ctx.base}/api/v2/job_statuses/${job.id}.json` } });
    },
  };
}
