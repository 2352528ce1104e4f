// Who may do what (issue 17 item 4): Zendesk answers a request with the permissions of the agent whose session
// cookie it carries, and refuses with 403 what that agent's role may not do. The stand-in knows the agent's role
// from the sandbox's ZAF host, which plays the session cookie with the header X-Sandbox-Role (zaf-host.js,
// `sessionHeaders`; the workspace's `?role=`). A request without it (node tests, bench scripts) acts as an admin's
// API token and is never refused.
//
// Only what Zendesk's documentation states is enforced (docs/zendesk-requests.md, "Allowed for"):
// - Create User, Create Or Update User: "Admins and agents in custom roles with permission to manage end users";
//   an agent creates end users only (an agent or admin account is an admin's job).
// - Talk Partner Edition's API (/api/v2/channels/voice/…, /api/v2/calls): "Talk Partner Edition is required to use this API"; on an
//   account without it (`setAccount({talkPartnerEdition: false})`) every request there is refused, whoever asks.
//   Zendesk's exact answer is not documented; the stand-in gives its usual 403 Forbidden.
// - An end user (the role `end-user`, for tests) may list ticket fields ("Anyone"; only those visible in the
//   portal, ticket-fields.mjs) and nothing else the app sends, which is all for agents.
// Everything else the app sends is "Agents" (or "Anyone") in the docs, so every agent role here may send it.
import { answer } from './http-answer.mjs';

/**
 * The roles the sandbox plays: Zendesk's two built-in agent roles, a custom role without the end-user permission,
 * and an end user.
 */
export const SANDBOX_ROLES = Object.freeze(['admin', 'agent', 'agent-no-end-users', 'end-user']);
export const ROLE_HEADER = 'x-sandbox-role';

/** Zendesk's answer to a request the role may not make. */
export const forbidden = () =>
  answer(403, {
    error: 'Forbidden',
    description:
      'You do not have access to this page. Please contact the account owner of this help desk for further help.',
  });

/** The acting role of a request: one of SANDBOX_ROLES, or null (no session: an admin's API token). */
export function actingRole(req) {
  const raw = req.headers?.[ROLE_HEADER];
  const role = Array.isArray(raw) ? raw[0] : raw;
  return SANDBOX_ROLES.includes(role) ? role : role == null ? null : 'agent-no-end-users'; // unknown: least rights
}

// By the route's OAS path, so a route added for Create Or Update User is covered whatever its handler is called.
const USER_CREATES = new Set(['/api/v2/users', '/api/v2/users/create_or_update']);

/** What the account has: its plan's features the stand-in plays. */
export const DEFAULT_ACCOUNT = Object.freeze({ talkPartnerEdition: true });

// TPE's voice channel and its standard call object (D421) alike "require Talk Partner Edition".
const isTalkPartnerRoute = (path) => path.startsWith('/api/v2/channels/voice/') || path === '/api/v2/calls';

/** The refusal Zendesk would answer, or null when the account and the role allow the request. */
export function refusal(role, route, body, account = DEFAULT_ACCOUNT) {
  if (!account.talkPartnerEdition && isTalkPartnerRoute(route.path)) return forbidden();
  if (role == null || role === 'admin') return null;
  if (role === 'end-user') return route.handler === 'listTicketFields' ? null : forbidden();
  if (route.method === 'POST' && USER_CREATES.has(route.path)) {
    if (role === 'agent-no-end-users') return forbidden();
    const wanted = body?.user?.role ?? 'end-user';
    if (wanted !== 'end-user') return forbidden();
  }
  return null;
}
