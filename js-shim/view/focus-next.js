// Where focus goes when the control the agent used left with its screen (issue 18 item 5): after Dial pad the
// number box, after Call or Answer the Hang up button, after Hang up the call note, after Done or Cancel the Dial
// pad. Each screen's first choice that is there and enabled; none: focus stays where the browser put it.
const NEXT = {
  main: ['[data-key="dialPad"]'],
  outbound: ['[data-key="number"]'],
  incoming: ['[data-key="answer"]', '[data-key="decline"]'],
  call: ['[data-key="hangUp"]'],
  wrapUp: ['textarea', '[data-key="done"]'],
};

/** @returns {HTMLElement|null} */
export function nextFocus(root, screen) {
  for (const selector of NEXT[screen] ?? []) {
    const el = root.querySelector(selector);
    if (el && !el.disabled) return el;
  }
  return null;
}
