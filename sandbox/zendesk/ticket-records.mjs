// Tickets and their comments as Zendesk writes them: comment and voice-comment records, audits, the field checks
// a create or update must pass (422 RecordInvalid answers), and the creation of a ticket itself.
import { recordInvalid } from './http-answer.mjs';
import { escapeHtml } from './seed.mjs';
import { clone, isId, isObject, normalizeTags, toId } from './values.mjs';

export const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
export const TICKET_TYPES = ['problem', 'incident', 'question', 'task'];

/**
 * @param {object} st  the stand-in's data
 * @param {ReturnType<import('./records.mjs').createRecords>} records
 * @param {() => number} now
 */
export function createTicketRecords(st, records, now) {
  const { iso, nextId, findUser, findTicket, isAgent } = records;

  function makeComment(input, { authorId, via, createdAt, auditId }) {
    const body = input.body != null ? String(input.body) : String(input.html_body ?? '').replace(/<[^>]*>/g, '');
    return {
      id: nextId('comment'),
      type: 'Comment',
      author_id: isId(toId(input.author_id)) ? toId(input.author_id) : authorId,
      body,
      html_body:
        input.html_body != null
          ? String(input.html_body)
          : `<div class="zd-comment" dir="auto"><p dir="auto">${escapeHtml(body)}</p></div>`,
      plain_body: body,
      public: input.public === undefined ? true : Boolean(input.public),
      attachments: [],
      audit_id: auditId,
      via: clone(via),
      created_at: createdAt,
      metadata: { system: { client: 'sandbox-zendesk-stand-in' }, custom: {} },
    };
  }

  function makeVoiceComment(vc, { authorId, via, createdAt, auditId }) {
    const lines = [];
    const rel = via?.source?.rel;
    lines.push(
      `${rel === 'outbound' ? 'Outbound call to' : rel === 'voicemail' ? 'Voicemail from' : 'Inbound call from'} ${rel === 'outbound' ? (vc.to ?? '') : (vc.from ?? '')}`.trim(),
    );
    if (vc.started_at != null) lines.push(`Time of call: ${vc.started_at}`);
    if (vc.answered_by_id != null)
      lines.push(`Answered by: ${findUser(toId(vc.answered_by_id))?.name ?? vc.answered_by_id}`);
    if (vc.call_duration != null) lines.push(`Length of phone call: ${vc.call_duration} seconds`);
    if (vc.location) lines.push(`Location: ${vc.location}`);
    if (vc.recording_url) lines.push(`Listen to the recording: ${vc.recording_url}`);
    if (vc.transcription_text) lines.push(`Transcription: ${vc.transcription_text}`);
    const body = lines.join('\n');
    return {
      ...makeComment({ body, public: vc.public ?? false }, { authorId, via, createdAt, auditId }),
      type: 'VoiceComment',
      data: {
        from: vc.from ?? null,
        to: vc.to ?? null,
        recording_url: vc.recording_url ?? null,
        recording_type: vc.recording_type ?? null,
        started_at: vc.started_at ?? null,
        call_duration: vc.call_duration ?? null,
        answered_by_id: toId(vc.answered_by_id) ?? null,
        transcription_text: vc.transcription_text ?? null,
        location: vc.location ?? null,
      },
    };
  }

  function validateComment(comment, field = 'comment') {
    if (!isObject(comment)) return recordInvalid('base', 'Description: cannot be blank', 'BlankValue');
    const text = comment.body ?? comment.html_body;
    if (typeof text !== 'string' || text.trim() === '')
      return recordInvalid(field, 'Comment: cannot be blank', 'BlankValue');
    if (comment.public !== undefined && typeof comment.public !== 'boolean')
      return recordInvalid(field, 'Comment: public must be true or false');
    return null;
  }

  function validateVoiceComment(vc) {
    if (!isObject(vc)) return recordInvalid('voice_comment', 'Voice comment: must be an object');
    if (vc.call_duration != null && !Number.isSafeInteger(Number(vc.call_duration)))
      return recordInvalid('voice_comment', 'Voice comment: call_duration must be an integer (seconds)');
    if (vc.started_at != null && Number.isNaN(Date.parse(vc.started_at)))
      return recordInvalid('voice_comment', 'Voice comment: started_at must be an ISO 8601 time');
    if (vc.answered_by_id != null && !isAgent(toId(vc.answered_by_id)))
      return recordInvalid('voice_comment', 'Voice comment: answered_by_id is not an agent');
    return null;
  }

  // Shared field checks for create and update. Returns an HttpAnswer or null.
  function validateTicketFields(t) {
    if (t.status !== undefined && !STATUSES.includes(t.status))
      return recordInvalid('status', `Status: ${t.status} is not a valid status`);
    if (t.priority !== undefined && t.priority !== null && !PRIORITIES.includes(t.priority))
      return recordInvalid('priority', 'Priority: is invalid');
    if (t.type !== undefined && t.type !== null && !TICKET_TYPES.includes(t.type))
      return recordInvalid('type', 'Type: is invalid');
    if (t.requester_id !== undefined && !findUser(toId(t.requester_id)))
      return recordInvalid('requester', 'Requester: is invalid', 'InvalidValue');
    if (t.submitter_id !== undefined && !findUser(toId(t.submitter_id)))
      return recordInvalid('submitter', 'Submitter: is invalid', 'InvalidValue');
    if (t.assignee_id !== undefined && t.assignee_id !== null && !isAgent(toId(t.assignee_id)))
      return recordInvalid('assignee', 'Assignee: is not an agent', 'InvalidValue');
    if (t.group_id !== undefined && t.group_id !== null && !st.groups.some((g) => g.id === toId(t.group_id)))
      return recordInvalid('group', 'Group: is invalid', 'InvalidValue');
    if (t.tags !== undefined && !Array.isArray(t.tags)) return recordInvalid('tags', 'Tags: must be an array');
    for (const key of ['additional_tags', 'remove_tags'])
      if (t[key] !== undefined && !Array.isArray(t[key])) return recordInvalid('tags', `${key}: must be an array`);
    if (t.custom_fields !== undefined) {
      if (!Array.isArray(t.custom_fields) || !t.custom_fields.every((f) => isObject(f) && isId(toId(f.id)))) {
        return recordInvalid('custom_fields', 'Custom fields: each entry needs a numeric id');
      }
    }
    if (t.subject !== undefined && t.subject !== null && typeof t.subject !== 'string')
      return recordInvalid('subject', 'Subject: must be a string');
    if (
      t.external_id !== undefined &&
      t.external_id !== null &&
      typeof t.external_id !== 'string' &&
      typeof t.external_id !== 'number'
    ) {
      return recordInvalid('external_id', 'External id: must be a string');
    }
    return null;
  }

  function mergeCustomFields(current, updates) {
    const out = current.map((f) => ({ ...f }));
    for (const f of updates) {
      const id = toId(f.id);
      const existing = out.find((x) => x.id === id);
      if (existing) existing.value = f.value ?? null;
      else out.push({ id, value: f.value ?? null });
    }
    return out;
  }

  function newAudit(ticketId, authorId, via, createdAt) {
    return {
      id: nextId('audit'),
      ticket_id: ticketId,
      created_at: createdAt,
      author_id: authorId,
      metadata: { system: { client: 'sandbox-zendesk-stand-in' }, custom: {} },
      via: clone(via),
      events: [],
    };
  }

  function commentEvent(c) {
    return {
      id: c.id,
      type: c.type,
      author_id: c.author_id,
      body: c.body,
      html_body: c.html_body,
      plain_body: c.plain_body,
      public: c.public,
      attachments: [],
      audit_id: c.audit_id,
      ...(c.data ? { data: clone(c.data) } : {}),
    };
  }

  // Create a ticket (POST /tickets and the TPE voice route). `t` is the request's ticket object, already checked.
  function insertTicket(t, via) {
    const createdAt = iso();
    const currentUser = st.current_user_id;
    const id = Math.max(nextId('ticket'), ...st.tickets.map((x) => x.id + 1));
    st.next_ids.ticket = id + 1;
    const requesterId = t.requester_id !== undefined ? toId(t.requester_id) : currentUser;
    const submitterId = t.submitter_id !== undefined ? toId(t.submitter_id) : currentUser;
    const assigneeId = t.assignee_id != null ? toId(t.assignee_id) : null;
    const audit = newAudit(id, submitterId, via, createdAt);
    const comments = [];
    if (t.comment) comments.push(makeComment(t.comment, { authorId: submitterId, via, createdAt, auditId: audit.id }));
    if (t.voice_comment)
      comments.push(makeVoiceComment(t.voice_comment, { authorId: submitterId, via, createdAt, auditId: audit.id }));
    const description = comments[0]?.body ?? '';
    const subject =
      typeof t.subject === 'string' && t.subject !== '' ? t.subject : description.split('\n')[0].slice(0, 150);
    const ticket = {
      id,
      external_id: t.external_id != null ? String(t.external_id) : null,
      via: clone(via),
      created_at: createdAt,
      updated_at: createdAt,
      generated_timestamp: Math.floor(now() / 1000),
      type: t.type ?? null,
      subject,
      raw_subject: subject,
      description,
      priority: t.priority ?? null,
      status: t.status ?? (assigneeId != null ? 'open' : 'new'),
      recipient: null,
      requester_id: requesterId,
      submitter_id: submitterId,
      assignee_id: assigneeId,
      organization_id: null,
      group_id:
        t.group_id != null
          ? toId(t.group_id)
          : assigneeId != null
            ? (findUser(assigneeId)?.default_group_id ?? null)
            : null,
      collaborator_ids: [],
      follower_ids: [],
      email_cc_ids: [],
      forum_topic_id: null,
      problem_id: null,
      has_incidents: false,
      is_public: comments[0]?.public ?? true,
      due_at: t.due_at ?? null,
      tags: normalizeTags([...(t.tags ?? []), ...(t.additional_tags ?? [])]),
      custom_fields: mergeCustomFields([], t.custom_fields ?? []),
      satisfaction_rating: null,
      sharing_agreement_ids: [],
      custom_status_id: null,
      followup_ids: [],
      ticket_form_id: null,
      brand_id: 1,
      allow_channelback: false,
      allow_attachments: true,
      from_messaging_channel: false,
    };
    if (t.via_followup_source_id != null) {
      const source = findTicket(toId(t.via_followup_source_id));
      if (source) source.followup_ids = [...(source.followup_ids ?? []), id];
    }
    st.tickets.push(ticket);
    st.comments[id] = comments;
    for (const field of [
      'subject',
      'status',
      'priority',
      'type',
      'requester_id',
      'assignee_id',
      'group_id',
      'tags',
      'custom_fields',
    ]) {
      if (ticket[field] != null && !(Array.isArray(ticket[field]) && ticket[field].length === 0)) {
        audit.events.push({ id: nextId('audit'), type: 'Create', field_name: field, value: clone(ticket[field]) });
      }
    }
    for (const c of comments) audit.events.push(commentEvent(c));
    return { ticket, audit };
  }

  return {
    makeComment,
    makeVoiceComment,
    validateComment,
    validateVoiceComment,
    validateTicketFields,
    mergeCustomFields,
    newAudit,
    commentEvent,
    insertTicket,
  };
}
