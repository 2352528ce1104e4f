// One agent's top bar, end to end in node: the real WASM core, the real shim loop, the real view on jsdom, the
// simulator connector, and a fake ZAF client answering with recorded Zendesk responses. Time is a fake clock, so
// typing pauses, answer delays and Retry-After waits are crossed without sleeping.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { startTopBar } from '../../../js-shim/app/top-bar.js';
import { createSimulatorConnector } from '../../../js-shim/telephony/simulator/connector.js';
import { createFakeClock } from './fake-clock.mjs';
import { createFakeZaf, createMemoryStorage } from './fake-zaf.mjs';
import { repoRoot, wasmBinaryPath, wasmModulePath } from './build-paths.mjs';

const fixtures = path.join(repoRoot, 'tests/js/fixtures/zendesk');
export const zendeskFixture = async (name) => JSON.parse(await readFile(path.join(fixtures, name), 'utf8'));

const quietLog = { warn() {} };

export async function startAgent({ settings = {}, currentUser, storage = createMemoryStorage() } = {}) {
  const dom = new JSDOM('<!doctype html><html><body><div id="app"></div></body></html>');
  const document = dom.window.document;
  const clock = createFakeClock();
  const client = createFakeZaf({ settings, ...(currentUser ? { currentUser } : {}) });
  const connector = createSimulatorConnector({ clock, answerAfterMs: 3000 });
  const { default: createAdapterCore } = await import(pathToFileURL(wasmModulePath).href);
  const dictionaries = {
    en: JSON.parse(await readFile(path.join(repoRoot, 'app-manifest/translations/en.json'), 'utf8')),
  };
  const app = await startTopBar({
    client,
    createModule: createAdapterCore,
    moduleOptions: { wasmBinary: await readFile(wasmBinaryPath) },
    connector,
    root: document.getElementById('app'),
    storage,
    dictionaries,
    now: clock.now,
    timers: clock,
    log: quietLog,
  });
  await app.idle();

  const agent = {
    app,
    client,
    clock,
    connector,
    document,
    window: dom.window,
    storage,
    view: () => app.view(),
    /** Lets the loop, the fake ZAF answers and the effects they cause settle. */
    async settle() {
      for (let i = 0; i < 5; i++) {
        await app.idle();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    /** Moves time on (timers fire: typing pauses, retries, the simulator's answer) and settles. */
    async wait(ms) {
      await clock.advance(ms);
      await agent.settle();
    },
    el(key) {
      return document.querySelector(`[data-key="${key}"]`);
    },
    async click(key) {
      const el = agent.el(key);
      if (!el) throw new Error(`no element with data-key ${key}`);
      el.click();
      await agent.settle();
    },
    async type(key, text) {
      const el = agent.el(key);
      if (!el) throw new Error(`no element with data-key ${key}`);
      el.focus();
      el.value = text;
      el.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
      await agent.settle();
    },
    /**
     * Every request the app sent through ZAF, as Zendesk would receive it — but the top bar's listing of the ticket
     * fields at registration (the shim's own, D355; tests/js/shim-requirements.test.mjs pins it).
     */
    requests: () => client.calls('request').filter((r) => !String(r.url).startsWith('/api/v2/ticket_fields')),
    invokes: (name) => client.calls('invoke').filter((c) => c.name === name),
  };
  return agent;
}
