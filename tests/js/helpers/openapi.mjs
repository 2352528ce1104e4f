// Is a Zendesk request the core makes documented by Zendesk's OpenAPI description? Tests use this so the core
// never calls an endpoint that does not exist (or with a method the endpoint does not take).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const STORED_OAS_PATH = path.resolve(repoRoot, '../shared/reference/zendesk-support-oas.yaml');

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/**
 * Endpoints the core uses that Zendesk documents, but only in a newer OAS than the 2025 copy stored beside the
 * platform notes. Listed here, one by one, so the check stays explicit instead of being loosened.
 */
export const KNOWN_MISSING_FROM_STORED_OAS = Object.freeze([
  Object.freeze({
    method: 'GET',
    path: '/api/v2/users/{user_id}/tickets/requested',
    operationId: 'ListUserRequestedTickets',
    why:
      "A contact's tickets (outbound ticket choice, TR-3 append). Documented in Zendesk's 2026 OAS " +
      '(zendesk-platform.md §4 "A user\'s requested tickets", §5 table) but missing from the 2025 copy stored here.',
  }),
  Object.freeze({
    method: 'POST',
    path: '/api/v2/calls',
    operationId: 'CreateCall',
    source: 'TPE Calls API reference (developer.zendesk.com/api-reference/voice/talk-partner-edition-api/calls/)',
    why:
      "Talk Partner Edition's standard call object: the wrapped-up call's record with its wrap-up code (D421). " +
      'Documented in the TPE Calls API reference and guide (zendesk-platform.md §3), which no Support OAS holds.',
  }),
]);
const EXCEPTION_SOURCE = '2026 OAS (zendesk-platform.md §4)';

let storedOasCache = null;

/** The stored OAS, parsed once: it is 35k lines, and every test file may ask. */
export function storedOas() {
  storedOasCache ??= parse(readFileSync(STORED_OAS_PATH, 'utf8'));
  return storedOasCache;
}

let routesCache = null;

// Each documented path as segments, with the operationId of each method it takes.
function routes() {
  if (routesCache) return routesCache;
  routesCache = [];
  for (const [template, item] of Object.entries(storedOas().paths ?? {})) {
    const operations = new Map();
    for (const [key, op] of Object.entries(item ?? {})) {
      if (HTTP_METHODS.has(key)) operations.set(key, { operationId: op?.operationId ?? null });
    }
    routesCache.push({ template, segments: segmentsOf(template), operations });
  }
  for (const missing of KNOWN_MISSING_FROM_STORED_OAS) {
    const operations = new Map([
      [missing.method.toLowerCase(), { operationId: missing.operationId, source: missing.source ?? EXCEPTION_SOURCE }],
    ]);
    routesCache.push({ template: missing.path, segments: segmentsOf(missing.path), operations });
  }
  return routesCache;
}

// Zendesk accepts `.json` on every path and a few OAS paths carry it, so it is ignored on both sides.
function segmentsOf(pathname) {
  const segments = pathname.split('/');
  segments[segments.length - 1] = segments[segments.length - 1].replace(/\.json$/, '');
  return segments;
}

const isParam = (segment) => /^\{[^{}/]+\}$/.test(segment);

function matches(route, segments) {
  if (route.segments.length !== segments.length) return false;
  return route.segments.every((t, i) =>
    isParam(t) ? segments[i] !== '' && !segments[i].includes('/') : t === segments[i],
  );
}

// The more specific template wins: at the first segment where two differ, a literal beats a parameter
// (`/tickets/update_many` over `/tickets/{ticket_id}`), as Zendesk's router does.
function moreSpecific(a, b) {
  for (let i = 0; i < a.segments.length; i++) {
    const pa = isParam(a.segments[i]);
    const pb = isParam(b.segments[i]);
    if (pa !== pb) return pb ? a : b;
  }
  return a;
}

function pathnameOf(url) {
  if (/^https?:\/\//i.test(url)) return new URL(url).pathname;
  return url.split(/[?#]/, 1)[0];
}

/**
 * @param {string} method  HTTP method, any case
 * @param {string} url     path (+ query) as the core's `request` effect gives it, or an absolute URL
 * @returns {{path: string, operationId: string|null, source?: string} | null}  the documented operation, or null
 *   when no path template matches or the best-matching path does not take this method
 */
export function documentedOperation(method, url) {
  const segments = segmentsOf(pathnameOf(String(url)));
  let best = null;
  for (const route of routes()) {
    if (matches(route, segments)) best = best ? moreSpecific(best, route) : route;
  }
  const op = best?.operations.get(String(method).toLowerCase());
  if (!op) return null;
  return op.source
    ? { path: best.template, operationId: op.operationId, source: op.source }
    : { path: best.template, operationId: op.operationId };
}
