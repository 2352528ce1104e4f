// Browser entry of the background location (assets/background.html): preloads the top bar.
/* global ZAFClient */
import { startBackground } from './background.js';
import { startZafClient } from './browser-support.js';

const client = await startZafClient(ZAFClient, null); // null unless Zendesk hosts this page
if (client) startBackground({ client });
