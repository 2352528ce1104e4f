// A benchmark page in headless Chromium: a few files served from 127.0.0.1 (cross-origin isolated, so that
// performance.now() has its finer 5 µs resolution instead of 100 µs), Debian's Chromium driven by playwright-core
// with a throw-away profile. Used by bench/speed.mjs and bench/compare-core.mjs; its flags by every bench that
// drives Chromium (scripts/lib/chromium.mjs).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

import { CHROMIUM, chromiumOptions } from '../../scripts/lib/chromium.mjs';

/**
 * Serves `files` ({urlPath: [filePath, contentType]}, '/' the page) and opens the page; waits for
 * body[data-ready=true]. `tmp` holds the browser profile. Returns {tab, userAgent, close()}.
 */
export async function openBenchPage(
  files,
  tmp,
  fail = (message) => {
    throw new Error(message);
  },
) {
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: install Debian's chromium or set CHROMIUM_PATH`);
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    fail('npm playwright-core is missing: npm install (it is a devDependency)');
  }
  const server = http.createServer(async (req, res) => {
    const entry = files[new URL(req.url, 'http://x').pathname];
    if (!entry) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(entry[0]);
      res.writeHead(200, {
        'content-type': entry[1],
        'cache-control': 'no-store',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      res.end(body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  let context;
  const close = async () => {
    await context?.close().catch(() => {});
    context = undefined;
    server.close();
  };
  try {
    context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), chromiumOptions(tmp));
    const tab = context.pages()[0] ?? (await context.newPage());
    const pageErrors = [];
    tab.on('pageerror', (err) => pageErrors.push(String(err?.message ?? err)));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    try {
      await tab.waitForSelector('body[data-ready=true]', { timeout: 60_000, state: 'attached' });
    } catch {
      fail(`the bench page did not load: ${pageErrors.join('; ') || 'no error reported'}`);
    }
    const userAgent = await tab.evaluate(() => navigator.userAgent);
    return { tab, userAgent, close };
  } catch (err) {
    await close();
    throw err;
  }
}
