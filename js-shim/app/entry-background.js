// Browser entry of the background location (assets/background.html): preloads the top bar.
/* global ZAFClient */
import { startBackground } from './background.js';

const client = ZAFClient.init();
if (client) startBackground({ client });
