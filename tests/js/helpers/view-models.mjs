// The view models the core hands the renderer (docs/adapter-protocol.md "View"), as the view tests start from them:
// one place for the shape, each test overriding only what it is about.

/** The main screen of a registered agent with nothing waiting; `over` replaces top-level fields. */
export function viewFrame(over = {}) {
  return {
    screen: 'main',
    ready: true,
    agent: { id: 5, name: 'Sam Agent' },
    connector: { name: 'simulator', state: 'online' },
    settingsProblems: [],
    banner: null,
    sync: { pending: 0, failed: 0, writes: [] },
    outbound: null,
    call: null,
    ...over,
  };
}

/** The outbound view of an empty dial pad (FO-3c); `over` replaces top-level fields. */
export function outboundModel(over = {}) {
  return {
    source: 'dialpad',
    numberText: '',
    searching: false,
    number: { e164: null, display: '(415) 123-4567', isPlaceholder: true, valid: false },
    useEnteredNumber: { offered: false, checked: false },
    contact: { options: [], selected: null, willCreate: false },
    ticket: { mode: 'auto', required: false, selected: null, options: [], ticketIdText: '', checking: false },
    errors: [],
    warnings: [],
    canCall: false,
    decision: null,
    ...over,
  };
}
