// Zendesk's Idempotency-Key on ticket creates (developer.zendesk.com, Ticketing API introduction, "Idempotency"):
// the first request with a key is carried out and its answer kept for two hours, marked `x-idempotency-lookup:
// miss`; the same key again with the same body gets that answer back, marked `hit`, and creates nothing; the same
// key with another body is refused (400 IdempotentRequestError). Keys are the account's, whoever sends them.
// Only successful answers are kept here (a refused create changed nothing, so carrying it out again is the same);
// keys live in memory, not in the state file.
import { answer, HttpAnswer } from './http-answer.mjs';

export const IDEMPOTENCY_KEY_MS = 2 * 3600 * 1000;

// The body as Zendesk would compare it: parsed, so key order and spacing do not matter.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** @param {() => number} now  the stand-in's clock */
export function createIdempotencyKeys(now) {
  const kept = new Map(); // key → {body, answer, atMs}
  return {
    /**
     * Carries out `run` (→ HttpAnswer) under the request's Idempotency-Key, if it has one; `entry` (the log
     * entry) gets `idempotencyKey` and `idempotencyLookup`.
     */
    apply(req, body, entry, run) {
      const raw = req.headers?.['idempotency-key'];
      const key = Array.isArray(raw) ? raw[0] : raw;
      if (key == null || key === '') return run();
      entry.idempotencyKey = key;
      for (const [k, v] of kept) if (now() - v.atMs >= IDEMPOTENCY_KEY_MS) kept.delete(k);
      const earlier = kept.get(key);
      const text = canonical(body);
      if (earlier && earlier.body !== text) {
        return answer(400, {
          error: 'IdempotentRequestError',
          description: "Request parameters don't match the given idempotency key",
        });
      }
      if (earlier) {
        entry.idempotencyLookup = 'hit';
        const a = earlier.answer;
        return new HttpAnswer(a.status, structuredClone(a.body), { ...a.headers, 'x-idempotency-lookup': 'hit' });
      }
      const result = run();
      entry.idempotencyLookup = 'miss';
      if (result.status < 300) kept.set(key, { body: text, answer: result, atMs: now() });
      return new HttpAnswer(result.status, result.body, { ...result.headers, 'x-idempotency-lookup': 'miss' });
    },
    reset() {
      kept.clear();
    },
  };
}
