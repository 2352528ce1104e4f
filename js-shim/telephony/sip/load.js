// The lazily loaded part of the sip connector: JsSIP and the connector, in a chunk of their own that the top bar
// imports only when the telephonyConnector setting is `sip` (scripts/build-app.mjs splits it out).
import JsSIP from 'jssip';
import { createSipConnector } from './connector.js';
import { createBrowserMedia } from './media.js';

export { JsSIP, createSipConnector, createBrowserMedia };
