// Brings the page in line with a freshly built tree while keeping the elements that are still there.
//
// Why not replaceChildren: render() runs after every event, including the numberChanged/noteChanged the agent's
// own typing causes. A rebuilt input loses focus and caret mid-word. So elements are matched (by data-key, else
// by tag in order), updated in place, and only what changed is touched. The new tree comes from h() only, so
// copying its attributes, text and handlers over is as safe as h() itself.
import { propsOf, setHandlers, handlersOf } from './dom.js';

/** Makes `parent`'s children look like `next` (an array of nodes built by h()). */
export function patchChildren(parent, next) {
  const old = [...parent.childNodes];
  const keyed = new Map();
  const unkeyed = [];
  for (const node of old) {
    const key = keyOf(node);
    if (key != null && !keyed.has(key)) keyed.set(key, node);
    else unkeyed.push(node);
  }

  let cursor = 0;
  const wanted = next.map((node) => {
    const key = keyOf(node);
    let match = null;
    if (key != null) {
      const candidate = keyed.get(key);
      if (candidate && candidate.nodeName === node.nodeName) {
        match = candidate;
        keyed.delete(key);
      }
    } else {
      // The next old unkeyed node of the same kind: skips removed siblings instead of rebuilding what follows.
      const at = unkeyed.findIndex((n, i) => i >= cursor && n.nodeName === node.nodeName);
      if (at >= 0) {
        match = unkeyed[at];
        cursor = at + 1;
      }
    }
    return match ? patchNode(match, node) : node;
  });

  // Remove the leftovers first, so that kept nodes are already in order and never move: moving a focused
  // element out of the document and back would blur it.
  const keep = new Set(wanted);
  for (const node of old) if (!keep.has(node)) node.remove();
  wanted.forEach((node, i) => {
    const at = parent.childNodes[i] ?? null;
    if (at !== node) parent.insertBefore(node, at);
  });
}

function patchNode(from, to) {
  if (from.nodeType !== 1) {
    if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
    return from;
  }
  patchAttributes(from, to);
  setHandlers(from, handlersOf(to));
  patchProps(from, propsOf(to));
  // A textarea's children are its default text; its content is the value property (patchProps).
  if (from.nodeName !== 'TEXTAREA') patchChildren(from, [...to.childNodes]);
  return from;
}

function patchAttributes(from, to) {
  for (const { name } of [...from.attributes]) if (!to.hasAttribute(name)) from.removeAttribute(name);
  for (const { name, value } of [...to.attributes])
    if (from.getAttribute(name) !== value) from.setAttribute(name, value);
}

function patchProps(from, props) {
  // The input the agent is typing in is the truth while it has focus: the view model may still be one event
  // behind the keystrokes (events are queued), and writing it back would eat characters and move the caret.
  if ('value' in props && from.value !== props.value && !isBeingTypedIn(from)) from.value = props.value;
  if ('checked' in props && from.checked !== props.checked) from.checked = props.checked;
}

// Focused in a document that has focus: a box the agent left for another part of Zendesk (say, a ticket's Call
// menu, which fills the number) stays activeElement of this frame but must show what the core now says.
function isBeingTypedIn(el) {
  const doc = el.ownerDocument;
  return doc.activeElement === el && (typeof doc.hasFocus !== 'function' || doc.hasFocus());
}

function keyOf(node) {
  return node.nodeType === 1 ? node.getAttribute('data-key') : null;
}
