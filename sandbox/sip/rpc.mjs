// Kamailio's JSON-RPC (jsonrpcs over xhttp: POST /RPC on the WS listener, 127.0.0.1 only) as the sandbox server
// uses it: filling the htables the config routes with (one-time IVR routes, queues). node:http, not fetch: the
// config refuses any request with an Origin header (browsers), and a plain request sends none.
import http from 'node:http';

/** A JSON-RPC call failed (transport, HTTP status or an error member). */
export class KamailioRpcError extends Error {
  constructor(message) {
    super(message);
    this.name = 'KamailioRpcError';
  }
}

export function createKamailioRpc({ port, host = '127.0.0.1', timeoutMs = 3000 }) {
  let nextId = 1;
  function call(method, params = []) {
    const body = JSON.stringify({ jsonrpc: '2.0', method, params, id: nextId++ });
    return new Promise((resolve, reject) => {
      const req = http.request(
        // agent: false + Connection: close: the config closes every HTTP connection (set_reply_close), so a
        // kept-alive socket would be reused after Kamailio closed it ("socket hang up" on every other call)
        {
          host,
          port,
          path: '/RPC',
          method: 'POST',
          agent: false,
          timeout: timeoutMs,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            Connection: 'close',
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) return reject(new KamailioRpcError(`${method}: HTTP ${res.statusCode}`));
            let answer;
            try {
              answer = JSON.parse(text);
            } catch {
              return reject(new KamailioRpcError(`${method}: not JSON`));
            }
            if (answer.error) return reject(new KamailioRpcError(`${method}: ${answer.error.message ?? 'error'}`));
            resolve(answer.result);
          });
        },
      );
      req.on('timeout', () => req.destroy(new KamailioRpcError(`${method}: timed out`)));
      req.on('error', (err) =>
        reject(err instanceof KamailioRpcError ? err : new KamailioRpcError(`${method}: ${err.message}`)),
      );
      req.end(body);
    });
  }
  return {
    call,
    /** queue-<id> rings `agent` with X-Queue-Id: id, X-Queue-Name: name. */
    async setQueue({ id, name, agent }) {
      await call('htable.sets', ['queues', `${id}::agent`, agent]);
      await call('htable.sets', ['queues', `${id}::name`, name]);
    },
    /** A one-time route: `ivr-<token>` rings `target` with the header block `headers` ("Name: value\r\n" lines). */
    async setIvrRoute(token, { target, headers }) {
      // headers first: the config treats a route without a target as unknown
      await call('htable.sets', ['ivr', `ivr-${token}::headers`, headers]);
      await call('htable.sets', ['ivr', `ivr-${token}::target`, target]);
    },
    get: (table, key) => call('htable.get', [table, key]),
  };
}
