// The Content-Security-Policy of every page the package ships, written into each page as a <meta http-equiv> by
// scripts/build-app.mjs (an app iframe cannot set headers: Zendesk serves its files). What each part allows, and
// why, is in docs/security.md; the reasoning for connect-src is decision D161.
//
// - scripts only from the package and ZAF's SDK at its one CDN URL (scripts/lib/zaf-sdk.mjs; a path in a source
//   expression matches that file only); no inline script, no eval — 'wasm-unsafe-eval' lets the core's WebAssembly
//   compile and nothing else;
// - styles only from the package (the view sets no style attribute: view/dom.js refuses it); images from the
//   package and data: (Garden's form controls draw their icons as data: SVG);
// - connect-src: the package's own origin (translations, the core's .wasm) and a SIP-over-WebSocket server.
//   Zendesk requests go through the host page (ZAF's postMessage proxy), not from this frame. The SIP server is
//   named only at run time by the contact center's credential endpoint, so the page admits `wss:` (and `ws:` on
//   loopback, the sandbox's Kamailio; the connector refuses ws:// anywhere else) and then narrows itself to the one
//   server it connects to (js-shim/app/connect-policy.js);
// - no plugins, no <base>, no form posts, no frames, no workers (default-src 'none').
// frame-ancestors cannot be set from a meta tag; who may frame the app is checked in JS (js-shim/zaf/zendesk-host.js).
import { ZAF_SDK_URL } from './zaf-sdk.mjs';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${ZAF_SDK_URL}`,
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' wss: ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const CHARSET = '<meta charset="utf-8">';

/**
 * The page with the policy as the first element after its charset (before any script or stylesheet it governs).
 * Throws when the page has no charset meta to anchor it, already has a policy, or has an inline script or inline
 * handler the policy would block.
 * @param {string} html
 * @param {string} name  for the error messages
 */
export function withContentSecurityPolicy(html, name) {
  if (!html.includes(CHARSET)) throw new Error(`${name}: no ${CHARSET} to put the Content-Security-Policy after`);
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html))
    throw new Error(`${name}: already has a Content-Security-Policy`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html))
    throw new Error(`${name}: an inline <script> (the policy blocks it; load a file)`);
  if (/\son[a-z]+\s*=/i.test(html)) throw new Error(`${name}: an inline event handler (the policy blocks it)`);
  if (/\sstyle\s*=/i.test(html)) throw new Error(`${name}: a style attribute (the policy blocks it)`);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`;
  return html.replace(CHARSET, `${CHARSET}\n  ${meta}`);
}
