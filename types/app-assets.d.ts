// Modules that exist only in the built app (scripts/build-app.mjs puts them next to the entries in dist/app/assets).

/** The Emscripten glue, copied from build/wasm/adapter-core.mjs as assets/adapter-core.js. */
declare module '*/adapter-core.js' {
  const createAdapterCore: import('./adapter-core').CreateAdapterCore;
  export default createAdapterCore;
}

/** The SIP connector chunk, bundled apart from js-shim/telephony/sip/load.js so that only SIP agents load JsSIP. */
declare module '*/sip-connector.js' {
  export * from '../js-shim/telephony/sip/load.js';
}

/** The demo simulator's chunk, bundled apart from js-shim/telephony/simulator/load.js (only when chosen). */
declare module '*/simulator-connector.js' {
  export * from '../js-shim/telephony/simulator/load.js';
}

/** ZAF's SDK (from Zendesk's CDN, a classic script before the entry: scripts/lib/zaf-sdk.mjs) defines this global. */
declare const ZAFClient: { init(): any };
