// Seed data for the sandbox's Zendesk REST stand-in (sandbox/zendesk/stand-in.mjs).
//
// Ids are stable and line up with the recorded responses in tests/js/fixtures/zendesk/*.json (Ada Lovelace is
// user 7, her tickets 39, 41, 42 and 50, agent Sam is user 5), so a demo and the fixtures tell the same story.
// Every call returns a fresh, independent object: the stand-in mutates its copy.

import { readFileSync } from 'node:fs';

export const SEED_VERSION = 1;

/** The integration tags the adapter writes (RC-2/RC-3, default `integrationTag` "ccaas"). */
export const INTEGRATION_TAGS = Object.freeze(['ccaas', 'ccaas_voice', 'ccaas_queue_billing']);

/** Ticket field that carries a phone number (TB-5, `teamTicketPhoneFieldId`). */
export const PHONE_TICKET_FIELD_ID = 360001;

/**
 * The ticket fields an installation of the app created from app-manifest/requirements.json (ids from 360101, in
 * the file's order), as Zendesk lists them: created by the app (`creator_app_name`).
 */
export function requirementFields() {
  const declared = JSON.parse(readFileSync(new URL('../../app-manifest/requirements.json', import.meta.url), 'utf8'));
  return Object.values(declared.ticket_fields).map((f, i) => ({
    id: 360101 + i,
    type: f.type,
    title: f.title,
    description: f.description,
    position: 20 + i,
    creator_app_name: 'Agent Adapter',
  }));
}

/** A subject of exactly 10 KB (10,240 characters), built deterministically. */
export function tenKilobyteSubject() {
  const unit = 'Automated alert from PBX export: trunk 7 reports jitter above threshold; ';
  return unit.repeat(Math.ceil(10240 / unit.length)).slice(0, 10240);
}

function user(fields) {
  return {
    id: fields.id,
    name: fields.name,
    email: null,
    created_at: '2024-01-01T10:00:00Z',
    updated_at: '2026-09-01T10:00:00Z',
    time_zone: 'Pacific Time (US & Canada)',
    iana_time_zone: 'America/Los_Angeles',
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: null,
    role: 'end-user',
    verified: false,
    external_id: null,
    tags: [],
    alias: '',
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: null,
    two_factor_auth_enabled: null,
    signature: null,
    details: '',
    notes: '',
    role_type: null,
    custom_role_id: null,
    moderator: false,
    ticket_restriction: 'requested',
    only_private_comments: false,
    restricted_agent: true,
    suspended: false,
    default_group_id: null,
    report_csv: false,
    user_fields: {},
    ...fields,
  };
}

function ticket(fields) {
  return {
    id: fields.id,
    external_id: null,
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: '2026-01-01T08:00:00Z',
    updated_at: '2026-01-01T08:00:00Z',
    generated_timestamp: 0,
    type: null,
    subject: '',
    raw_subject: fields.subject ?? '',
    description: '',
    priority: null,
    status: 'open',
    recipient: null,
    requester_id: 7,
    submitter_id: 5,
    assignee_id: null,
    organization_id: null,
    group_id: 11,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [],
    custom_fields: [],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    custom_status_id: null,
    fields: undefined,
    followup_ids: [],
    ticket_form_id: null,
    brand_id: 1,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
    ...fields,
  };
}

function comment(fields) {
  const body = fields.body ?? '';
  return {
    id: fields.id,
    type: 'Comment',
    author_id: 5,
    body,
    html_body: `<div class="zd-comment" dir="auto"><p dir="auto">${escapeHtml(body)}</p></div>`,
    plain_body: body,
    public: true,
    attachments: [],
    audit_id: fields.id + 1000,
    via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    created_at: '2026-01-01T08:00:00Z',
    metadata: { system: {}, custom: {} },
    ...fields,
  };
}

export function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

const voice = (rel, from, to) => ({ channel: 'voice', source: { from: { phone: from }, to: { phone: to }, rel } });
const email = (address) => ({
  channel: 'email',
  source: { from: { address }, to: { address: 'support@example.com' }, rel: null },
});
const SUPPORT_LINE = '+1 415 555 0000';

export function defaultSeed() {
  const users = [
    user({
      id: 5,
      name: 'Sam Agent',
      email: 'sam.agent@example.com',
      role: 'agent',
      created_at: '2020-01-01T10:00:00Z',
      verified: true,
      default_group_id: 11,
      restricted_agent: false,
      ticket_restriction: null,
      last_login_at: '2026-11-22T07:55:00Z',
      locale: 'en-US',
    }),
    user({
      id: 6,
      name: 'Kim Supervisor',
      email: 'kim.supervisor@example.com',
      role: 'admin',
      created_at: '2019-05-01T10:00:00Z',
      verified: true,
      default_group_id: 12,
      restricted_agent: false,
      ticket_restriction: null,
    }),
    // Two end users sharing +1 415 555 0100, stored in two formats (fixtures search-two-contacts.json, user-7.json).
    user({
      id: 7,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      created_at: '2024-02-01T10:00:00Z',
      phone: '+1 415 555 0100',
      shared_phone_number: true,
      verified: true,
    }),
    user({
      id: 8,
      name: '<img src=x onerror=alert(1)>',
      email: 'bob@example.com',
      created_at: '2025-06-01T10:00:00Z',
      phone: '(415) 555-0100',
      shared_phone_number: true,
      notes: 'Hostile display name: must render as text.',
    }),
    user({
      id: 9,
      name: 'נועה כהן',
      email: 'noa.cohen@example.co.il',
      created_at: '2025-02-10T09:00:00Z',
      phone: '+972 3-555-0123',
      locale: 'he',
      locale_id: 30,
      time_zone: 'Jerusalem',
      iana_time_zone: 'Asia/Jerusalem',
      verified: true,
    }),
    user({
      id: 10,
      name: 'Jürgen Weiß',
      email: 'juergen.weiss@example.de',
      created_at: '2025-03-03T09:00:00Z',
      phone: '+49 30 5550 1234',
      locale: 'de',
      locale_id: 8,
      time_zone: 'Berlin',
      iana_time_zone: 'Europe/Berlin',
      verified: true,
      external_id: 'crm-de-1001',
    }),
    user({
      id: 11,
      name: 'Åse Bjørnstad',
      email: 'ase.bjornstad@example.no',
      created_at: '2025-04-04T09:00:00Z',
      phone: '+47 22 55 50 10',
      locale: 'no',
      locale_id: 34,
      time_zone: 'Copenhagen',
      iana_time_zone: 'Europe/Oslo',
      verified: true,
    }),
    user({
      id: 12,
      name: 'Grace Hopper',
      email: 'grace@example.com',
      created_at: '2025-05-05T09:00:00Z',
      phone: '+1 415 555 0199',
      verified: true,
    }),
  ];

  const tickets = [
    // Ada (7): one ticket in every status (new 43, open 39, pending 42, hold 44, solved 41/50, closed 45),
    // and ticket 46, closed by merging it into 42.
    ticket({
      id: 39,
      subject: 'Moving house',
      description: 'Call',
      status: 'open',
      created_at: '2026-01-05T08:00:00Z',
      updated_at: '2026-10-01T09:30:00Z',
      requester_id: 7,
      submitter_id: 5,
      assignee_id: null,
      tags: ['ccaas', 'ccaas_voice'],
      via: voice('inbound', '+14155550100', SUPPORT_LINE),
    }),
    ticket({
      id: 41,
      subject: 'Invoice copy',
      description: 'Email',
      status: 'solved',
      created_at: '2026-03-01T08:00:00Z',
      updated_at: '2026-11-21T09:30:00Z',
      requester_id: 7,
      submitter_id: 7,
      assignee_id: 5,
      via: email('ada@example.com'),
    }),
    ticket({
      id: 42,
      subject: 'Router keeps rebooting',
      description: 'Inbound call',
      status: 'pending',
      external_id: 'call-2026-09-20-1',
      created_at: '2026-09-20T08:00:00Z',
      updated_at: '2026-11-20T09:30:00Z',
      requester_id: 7,
      submitter_id: 5,
      assignee_id: 5,
      tags: ['ccaas', 'ccaas_voice', 'ccaas_queue_billing', 'voice_inbound_ivr'],
      custom_fields: [{ id: PHONE_TICKET_FIELD_ID, value: '+1 415 555 0111' }],
      via: voice('inbound', '+14155550100', SUPPORT_LINE),
    }),
    ticket({
      id: 43,
      subject: 'Callback request: billing question',
      description: 'Voicemail left after hours',
      status: 'new',
      created_at: '2026-11-22T06:10:00Z',
      updated_at: '2026-11-22T06:10:00Z',
      requester_id: 7,
      submitter_id: 5,
      assignee_id: null,
      group_id: 12,
      tags: ['ccaas', 'ccaas_voice', 'ccaas_queue_billing', 'voicemail'],
      via: voice('voicemail', '+14155550100', SUPPORT_LINE),
    }),
    ticket({
      id: 44,
      subject: 'Replacement router shipment',
      description: 'Waiting for the warehouse',
      status: 'hold',
      created_at: '2026-10-02T08:00:00Z',
      updated_at: '2026-10-15T12:00:00Z',
      requester_id: 7,
      submitter_id: 5,
      assignee_id: 5,
      tags: ['ccaas'],
    }),
    ticket({
      id: 45,
      subject: 'Installation appointment',
      description: 'Technician visit',
      status: 'closed',
      created_at: '2025-11-01T08:00:00Z',
      updated_at: '2025-12-01T09:00:00Z',
      requester_id: 7,
      submitter_id: 5,
      assignee_id: 5,
      tags: ['ccaas', 'ccaas_voice'],
      via: voice('outbound', SUPPORT_LINE, '+14155550100'),
    }),
    ticket({
      id: 46,
      subject: 'Router rebooting again',
      description: 'Second call about the router',
      status: 'closed',
      created_at: '2026-09-21T08:00:00Z',
      updated_at: '2026-09-21T08:30:00Z',
      requester_id: 7,
      submitter_id: 5,
      assignee_id: 5,
      tags: ['ccaas', 'ccaas_voice', 'closed_by_merge'],
      via: voice('inbound', '+14155550100', SUPPORT_LINE),
    }),
    ticket({
      id: 50,
      subject: 'Old complaint',
      description: 'Old complaint',
      status: 'solved',
      created_at: '2026-02-01T08:00:00Z',
      updated_at: '2026-03-01T09:30:00Z',
      requester_id: 7,
      submitter_id: 7,
      assignee_id: 5,
      via: email('ada@example.com'),
    }),
    // The hostile-named user's ticket: subject and body also carry markup.
    ticket({
      id: 51,
      subject: '"><script>alert("subject")</script>',
      description: '<b>bold?</b> </textarea><svg onload=alert(2)>',
      status: 'open',
      created_at: '2026-06-01T08:00:00Z',
      updated_at: '2026-11-01T08:00:00Z',
      requester_id: 8,
      submitter_id: 8,
      assignee_id: null,
      tags: ['ccaas'],
      via: voice('inbound', '4155550100', SUPPORT_LINE),
    }),
    ticket({
      id: 52,
      subject: 'בעיה בחשבונית — חיוב כפול',
      description: 'הלקוחה התקשרה בנוגע לחיוב כפול בחשבונית נובמבר.',
      status: 'open',
      created_at: '2026-08-08T08:00:00Z',
      updated_at: '2026-11-10T10:00:00Z',
      requester_id: 9,
      submitter_id: 5,
      assignee_id: 5,
      tags: ['ccaas', 'ccaas_voice', 'ccaas_queue_billing'],
      via: voice('inbound', '+97235550123', SUPPORT_LINE),
    }),
    ticket({
      id: 53,
      subject: 'Rückruf wegen Rechnung – Gebühren für Straßenanschluss',
      description: 'Kunde bittet um Rückruf bezüglich der Rechnung.',
      status: 'pending',
      created_at: '2026-07-07T08:00:00Z',
      updated_at: '2026-11-12T10:00:00Z',
      requester_id: 10,
      submitter_id: 5,
      assignee_id: 5,
      tags: ['ccaas', 'ccaas_voice'],
      external_id: 'call-2026-07-07-3',
      custom_fields: [{ id: PHONE_TICKET_FIELD_ID, value: '+49 30 5550 1234' }],
      via: voice('inbound', '+493055501234', SUPPORT_LINE),
    }),
    ticket({
      id: 54,
      subject: 'Spørsmål om faktura for måned åtte',
      description: 'Kunden lurer på hvorfor fakturaen er høyere enn før.',
      status: 'open',
      created_at: '2026-08-18T08:00:00Z',
      updated_at: '2026-11-14T10:00:00Z',
      requester_id: 11,
      submitter_id: 5,
      assignee_id: null,
      group_id: 12,
      tags: ['ccaas', 'ccaas_voice', 'ccaas_queue_billing'],
      via: voice('inbound', '+4722555010', SUPPORT_LINE),
    }),
    ticket({
      id: 55,
      subject: tenKilobyteSubject(),
      description: 'Automated alert with an oversized subject.',
      status: 'new',
      created_at: '2026-11-02T08:00:00Z',
      updated_at: '2026-11-02T08:00:00Z',
      requester_id: 12,
      submitter_id: 12,
      assignee_id: null,
      tags: [],
      via: email('grace@example.com'),
    }),
    // Jürgen's earlier tickets, settled: his caller card lists them under the call's own (issue 18 item 3).
    ...[
      [56, 'Gutschrift für doppelte Abbuchung im September', 'solved', '2026-10-02T14:20:00Z'],
      [57, 'Router tauschen – WLAN bricht abends ab', 'solved', '2026-08-20T09:10:00Z'],
      [58, 'Umzug des Anschlusses nach Berlin-Pankow', 'closed', '2026-05-11T16:45:00Z'],
    ].map(([id, subject, status, updatedAt]) =>
      ticket({
        id,
        subject,
        description: `${subject}.`,
        status,
        created_at: '2026-04-02T08:00:00Z',
        updated_at: updatedAt,
        requester_id: 10,
        submitter_id: 10,
        assignee_id: 5,
        group_id: 11,
        tags: [],
        via: email('juergen.weiss@example.de'),
      }),
    ),
  ];
  for (const t of tickets) {
    t.raw_subject = t.subject;
    t.generated_timestamp = Math.floor(Date.parse(t.updated_at) / 1000);
    delete t.fields;
  }

  let commentId = 7001;
  const comments = {};
  for (const t of tickets) {
    comments[t.id] = [
      comment({
        id: commentId,
        body: t.description,
        author_id: t.submitter_id,
        created_at: t.created_at,
        via: t.via,
        public: t.via.channel === 'email',
      }),
    ];
    commentId += 1;
  }
  // The merge (Zendesk's standard wording), both notes private as the merge API defaults them.
  comments[46].push(
    comment({
      id: commentId++,
      body: 'This request was closed and merged into request #42 "Router keeps rebooting".',
      public: false,
      created_at: '2026-09-21T08:30:00Z',
      author_id: 5,
    }),
  );
  comments[42].push(
    comment({
      id: commentId++,
      body: 'Request #46 "Router rebooting again" was closed and merged into this request. Last comment in request #46:\n\nSecond call about the router',
      public: false,
      created_at: '2026-09-21T08:30:00Z',
      author_id: 5,
    }),
  );
  comments[42].push(
    comment({
      id: commentId++,
      type: 'VoiceComment',
      public: false,
      author_id: 5,
      created_at: '2026-11-20T09:30:00Z',
      body: 'Inbound call from +14155550100\nCall duration: 2 minutes 13 seconds',
      data: {
        from: '+14155550100',
        to: '+14155550000',
        recording_url: null,
        call_duration: 133,
        answered_by_id: 5,
        started_at: '2026-11-20T09:27:47Z',
        transcription_text: null,
        location: 'San Francisco, CA',
      },
    }),
  );

  return {
    version: SEED_VERSION,
    current_user_id: 5,
    groups: [
      {
        id: 11,
        name: 'Support',
        description: 'Front-line support',
        default: true,
        deleted: false,
        created_at: '2019-01-01T00:00:00Z',
        updated_at: '2019-01-01T00:00:00Z',
      },
      {
        id: 12,
        name: 'Sales',
        description: 'Sales and billing',
        default: false,
        deleted: false,
        created_at: '2019-01-01T00:00:00Z',
        updated_at: '2019-01-01T00:00:00Z',
      },
    ],
    group_memberships: [
      { id: 1101, user_id: 5, group_id: 11, default: true },
      { id: 1201, user_id: 5, group_id: 12, default: false },
      { id: 1202, user_id: 6, group_id: 12, default: true },
    ],
    ticket_fields: [
      // Zendesk's system fields (a few), an admin's own fields, then the fields the app's requirements created.
      { id: 10001, type: 'subject', title: 'Subject', position: 1, removable: false, visible_in_portal: true },
      { id: 10002, type: 'description', title: 'Description', position: 2, removable: false, visible_in_portal: true },
      { id: 10003, type: 'status', title: 'Status', position: 3, removable: false },
      { id: PHONE_TICKET_FIELD_ID, type: 'text', title: 'Caller phone number (TB-5)', position: 10 },
      { id: 360002, type: 'integer', title: 'Call duration (seconds)', position: 11 },
      ...requirementFields(),
    ],
    users,
    // Phone identities beyond `user.phone` (a second number on the same profile).
    extra_phones: { 10: ['+49 171 5550 2233'] },
    tickets,
    comments,
    job_statuses: [
      {
        id: '82de0b044094f0c67893ac9fe64f1a99',
        job_type: 'TicketMergeJob',
        status: 'completed',
        total: 1,
        progress: 1,
        message: 'Completed at 2026-09-21 08:30:02 +0000',
        results: [{ action: 'merge', id: 46, status: 'Merged', success: true }],
      },
    ],
    next_ids: { user: 100, ticket: 100, comment: commentId, audit: 50001 },
  };
}
