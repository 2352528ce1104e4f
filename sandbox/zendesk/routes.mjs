// The stand-in's routing: every Zendesk route it serves (STAND_IN_ROUTES, checked against Zendesk's OpenAPI
// description by tests/js/openapi-helper.test.mjs) and the match of a request's method and path to one of them,
// with its path parameters.
// Routes. `path` uses the OAS template and parameter names; `example` is a concrete URL (tests feed it to
// documentedOperation and to the stand-in itself).

export const STAND_IN_ROUTES = Object.freeze(
  [
    {
      method: 'GET',
      path: '/api/v2/search',
      example: '/api/v2/search.json?query=role%3Aend-user%20phone%3A*4155550100',
      handler: 'search',
    },
    {
      method: 'GET',
      path: '/api/v2/users/show_many',
      example: '/api/v2/users/show_many.json?external_ids=zendesk-cti-adapter%3Acaller%3A5%3Acall-77',
      handler: 'showManyUsers',
    },
    { method: 'GET', path: '/api/v2/users/{user_id}', example: '/api/v2/users/7.json', handler: 'showUser' },
    { method: 'POST', path: '/api/v2/users', example: '/api/v2/users.json', handler: 'createUser' },
    {
      method: 'GET',
      path: '/api/v2/users',
      example: '/api/v2/users.json?role[]=agent&role[]=admin&page[size]=100',
      handler: 'listUsers',
    },
    {
      method: 'GET',
      path: '/api/v2/users/{user_id}/identities',
      example: '/api/v2/users/7/identities.json?type[]=phone_number',
      handler: 'listIdentities',
    },
    {
      method: 'GET',
      path: '/api/v2/users/{user_id}/tickets/requested',
      example: '/api/v2/users/7/tickets/requested.json?sort_by=updated_at&sort_order=desc&per_page=100',
      handler: 'requestedTickets',
    },
    {
      method: 'GET',
      path: '/api/v2/tickets',
      example: '/api/v2/tickets.json?external_id=call-77',
      handler: 'listTickets',
    },
    {
      method: 'GET',
      path: '/api/v2/tickets/{ticket_id}',
      example: '/api/v2/tickets/42.json?include=users',
      handler: 'showTicket',
    },
    { method: 'POST', path: '/api/v2/tickets', example: '/api/v2/tickets.json', handler: 'createTicket' },
    { method: 'PUT', path: '/api/v2/tickets/{ticket_id}', example: '/api/v2/tickets/42.json', handler: 'updateTicket' },
    {
      method: 'POST',
      path: '/api/v2/tickets/{ticket_id}/merge',
      example: '/api/v2/tickets/42/merge.json',
      handler: 'mergeTickets',
    },
    {
      method: 'GET',
      path: '/api/v2/tickets/{ticket_id}/comments',
      example: '/api/v2/tickets/42/comments.json?sort_order=desc&per_page=100',
      handler: 'listComments',
    },
    {
      method: 'POST',
      path: '/api/v2/channels/voice/tickets',
      example: '/api/v2/channels/voice/tickets.json',
      handler: 'createVoiceTicket',
    },
    {
      method: 'POST',
      path: '/api/v2/channels/voice/agents/{agent_id}/tickets/{ticket_id}/display',
      example: '/api/v2/channels/voice/agents/5/tickets/42/display.json',
      handler: 'displayTicket',
    },
    {
      method: 'POST',
      path: '/api/v2/channels/voice/agents/{agent_id}/users/{user_id}/display',
      example: '/api/v2/channels/voice/agents/5/users/7/display.json',
      handler: 'displayUser',
    },
    { method: 'POST', path: '/api/v2/calls', example: '/api/v2/calls.json', handler: 'createCall' },
    {
      method: 'GET',
      path: '/api/v2/ticket_fields',
      example: '/api/v2/ticket_fields.json?creator=true&page[size]=100',
      handler: 'listTicketFields',
    },
    {
      method: 'GET',
      path: '/api/v2/job_statuses/{job_status_id}',
      example: '/api/v2/job_statuses/82de0b044094f0c67893ac9fe64f1a99.json',
      handler: 'showJobStatus',
    },
  ].map((r) => Object.freeze(r)),
);

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function segmentsOf(pathname) {
  const segments = pathname.split('/');
  segments[segments.length - 1] = segments[segments.length - 1].replace(/\.json$/, '');
  return segments;
}

const COMPILED_ROUTES = STAND_IN_ROUTES.map((route) => ({ ...route, segments: segmentsOf(route.path) }));

// Ids are integers, except job status ids (hex strings).
export function matchRoute(method, pathname) {
  const segments = segmentsOf(pathname);
  for (const route of COMPILED_ROUTES) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const t = route.segments[i];
      const m = /^\{(.+)\}$/.exec(t);
      if (!m) ok = t === segments[i];
      else if (m[1] === 'job_status_id') ok = /^[A-Za-z0-9_-]+$/.test(segments[i]) && (params[m[1]] = segments[i]);
      else ok = /^\d{1,15}$/.test(segments[i]) && (params[m[1]] = Number(segments[i])) > 0;
    }
    if (ok) return { route, params };
  }
  return null;
}
