// The lazily loaded part of the demo simulator: the connector, its journal across reloads and its sandbox controls,
// in a file of its own (assets/simulator-connector.js) that the top bar imports only when the telephonyConnector
// setting is `simulator` (scripts/build-app.mjs splits it out), so a production top bar carries none of it.
import { createSimulatorConnector } from './connector.js';
import { playSimulatorControl } from './controls.js';
import { journalSimulator } from './journal.js';

export { createSimulatorConnector, journalSimulator, playSimulatorControl };
