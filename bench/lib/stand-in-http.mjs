// The sandbox's Zendesk stand-in behind a real HTTP server on a free local port, and a tiny client whose answers
// have the shape of the protocol's `httpResponse` (docs/adapter-protocol.md): {status, body, retryAfterSec}, status
// 0 when the connection failed or closed without an answer (what a browser reports as a network error).
// Shared by the benchmarks that drive WASM adapters against the stand-in over HTTP.
import http from 'node:http';
import { rateLimitOf } from '../../js-shim/zaf/http-response.js';
import { createZendeskStandIn } from '../../sandbox/zendesk/stand-in.mjs';

/**
 * @param {object} options  handed to createZendeskStandIn (seed, now, …)
 * @returns {Promise<{zd, origin: string, send(method, url, body, headers?): Promise<{status, body, retryAfterSec,
 *   idempotencyLookup?, rateLimit?}>, close(): Promise<void>}>}
 */
export async function serveStandIn(options = {}) {
  const zd = createZendeskStandIn(options);
  const server = http.createServer(async (req, res) => {
    if (!(await zd.handle(req, res))) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  // keepAlive saves a TCP handshake per request; a dropped response destroys its socket, and the agent replaces it.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  function send(method, url, body, extraHeaders = {}) {
    return new Promise((resolve) => {
      const payload = body == null ? null : JSON.stringify(body);
      const headers = payload
        ? { ...extraHeaders, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
        : { ...extraHeaders };
      const req = http.request(`${origin}${url}`, { method, agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', () => resolve({ status: 0, body: null, retryAfterSec: null }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: the body stays null
          }
          const ra = res.headers['retry-after'];
          const lookup = res.headers['x-idempotency-lookup'];
          const rateLimit = rateLimitOf({ headers: res.headers }); // as the shim reads them (D381)
          resolve({
            status: res.statusCode,
            body: json,
            retryAfterSec: ra != null && /^\d+$/.test(ra) ? Number(ra) : null,
            ...(lookup === 'hit' || lookup === 'miss' ? { idempotencyLookup: lookup } : {}),
            ...(rateLimit ? { rateLimit } : {}),
          });
        });
      });
      req.on('error', () => resolve({ status: 0, body: null, retryAfterSec: null }));
      if (payload) req.write(payload);
      req.end();
    });
  }

  async function close() {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
  return { zd, origin, send, close };
}
