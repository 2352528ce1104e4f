// Zendesk's two ways of paging a list, as the stand-in answers them: offset pages (`per_page`, `page`, the first
// 10,000 records only) and cursor pages (`page[size]`, `page[after]`, `page[before]`, opaque cursors).
import { answer, badPagination } from './http-answer.mjs';
import { isId } from './values.mjs';

export const MAX_PAGE_SIZE = 100;
export const MAX_OFFSET_RECORDS = 10000;

export function pageUrl(ctx, changes) {
  const params = new URLSearchParams(ctx.query);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null) params.delete(k);
    else params.set(k, String(v));
  }
  return `${ctx.base}${ctx.pathname}?${params.toString().replace(/%5B/g, '[').replace(/%5D/g, ']')}`;
}

// Offset pagination: `per_page` (≤ 100), `page` (1-based); the first 10,000 records only.
export function offsetPage(ctx, items) {
  const perPage = Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(ctx.query.get('per_page') ?? '100', 10) || 100));
  const page = Math.max(1, Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1);
  if ((page - 1) * perPage >= MAX_OFFSET_RECORDS) {
    return answer(400, {
      error: 'InvalidPaginationDepth',
      description: 'Offset pagination is limited to the first 10,000 records. Use cursor pagination instead.',
    });
  }
  const start = (page - 1) * perPage;
  return {
    items: items.slice(start, start + perPage),
    next_page: start + perPage < items.length ? pageUrl(ctx, { page: page + 1 }) : null,
    previous_page: page > 1 ? pageUrl(ctx, { page: page - 1 }) : null,
    count: items.length,
  };
}

/** The request asks for cursor pages: any `page[…]` parameter (Zendesk's "cursor pagination starts when…"). */
export const wantsCursor = (ctx) => [...ctx.query.keys()].some((k) => k.startsWith('page['));

/**
 * The order of a list by one numeric key, then id, that also places a decoded cursor position (`{__key, id}`).
 * @param {(item: object) => number} keyOf
 */
export function byKey(keyOf) {
  const key = (x) => (x.__key !== undefined ? x.__key : keyOf(x));
  return (a, b) => key(a) - key(b) || a.id - b.id;
}

// Cursor pagination (`page[size]`, `page[after]`, `page[before]`); `items` are sorted by `cmp`, `keyOf` gives the
// sort key the opaque cursor carries. A request Zendesk refuses (an integer `page` beside the cursor parameters, a
// size over 100, a cursor it did not give out) gets the HttpAnswer (400) instead of a page.
export function cursorPage(ctx, items, cmp, keyOf) {
  if (ctx.query.has('page'))
    return badPagination(
      'Use either offset pagination (page) or cursor pagination (page[size], page[after], page[before]), not both',
    );
  const size = ctx.query.has('page[size]') ? Number(ctx.query.get('page[size]')) : MAX_PAGE_SIZE;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    return badPagination(`page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  const encode = (item) => Buffer.from(JSON.stringify([keyOf(item), item.id])).toString('base64url');
  const decode = (name) => {
    const raw = ctx.query.get(name);
    try {
      const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
      if (Array.isArray(v) && v.length === 2 && isId(v[1])) return { key: v[0], id: v[1] };
    } catch {
      // fall through
    }
    return null;
  };
  const cursorName = ['page[after]', 'page[before]'].find((name) => ctx.query.has(name));
  const at = cursorName && decode(cursorName);
  if (cursorName && !at) return badPagination(`${cursorName} is not a cursor this endpoint gave out`);
  const c = at && { __key: at.key, id: at.id };
  let page;
  if (cursorName === 'page[after]') {
    page = items.filter((it) => cmp(it, c) > 0).slice(0, size);
  } else if (cursorName === 'page[before]') {
    const before = items.filter((it) => cmp(it, c) < 0);
    page = before.slice(Math.max(0, before.length - size));
  } else {
    page = items.slice(0, size);
  }
  const first = page[0];
  const last = page[page.length - 1];
  const hasMore = last ? items.some((it) => cmp(it, last) > 0) : false;
  const hasPrev = first ? items.some((it) => cmp(it, first) < 0) : false;
  const afterCursor = last ? encode(last) : null;
  const beforeCursor = first ? encode(first) : null;
  return {
    items: page,
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
    links: {
      next: hasMore ? pageUrl(ctx, { 'page[after]': afterCursor, 'page[before]': null }) : null,
      prev: hasPrev ? pageUrl(ctx, { 'page[before]': beforeCursor, 'page[after]': null }) : null,
    },
  };
}
