// Debian's Chromium as the browser tests and the benchmarks launch it: headless, flags for running as root in a
// closed network (no sandbox, no network chatter), and HOME/XDG dirs inside the caller's temp dir so that nothing
// is read from or left in the real home.
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fake microphone and camera, and no permission prompt: for pages that make real (WebRTC) calls. */
export const MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/** playwright-core launch options for Chromium, its dirs under `tmp`; `extraArgs` after the common flags. */
export function chromiumOptions(tmp, extraArgs = []) {
  return {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    env: {
      ...process.env,
      HOME: tmp,
      XDG_CONFIG_HOME: path.join(tmp, 'config'),
      XDG_CACHE_HOME: path.join(tmp, 'cache'),
    },
  };
}
