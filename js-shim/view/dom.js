// The only way the view makes elements. Names, subjects, numbers and messages come from Zendesk end users and
// callers, so they are data: this helper puts text in with textContent and attributes with setAttribute, and
// refuses what could turn data into code (inline handlers, URL attributes, script-capable tags). Nothing in the
// view parses markup; keeping every element behind h() is what makes that checkable (tests/js/view-safety).

// The tags the view draws. Anything else (script, img, iframe, a, object, svg...) is refused: none is needed,
// and each could load or run something.
const TAGS = new Set([
  'bdi',
  'button',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'header',
  'input',
  'label',
  'li',
  'main',
  'p',
  'section',
  'small',
  'span',
  'strong',
  'textarea',
  'ul',
]);

// Attributes that take a URL or markup. The view has no links or images, so none is allowed at all.
const URL_ATTRS = new Set([
  'href',
  'src',
  'srcset',
  'srcdoc',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'data',
  'style',
]);
const ATTR_NAME = /^[a-z][a-z0-9-]*$/i;

// Text is cut before it reaches the DOM. A caller's name, a ticket subject or a note may be any length (a 100 KB
// unbroken string once took the browser 22 s to lay out), and whatever is put in the page is laid out on every
// render. So a text longer than its display length is shown cut, with "…", and the element's title (its tooltip)
// carries the text up to TITLE_CHARS; where the whole text matters to the agent (a call note) the view offers Copy.
/** Characters (UTF-16 units) of a text shown in the page, unless h() is given another `textLimit`. */
export const DISPLAY_CHARS = 500;
/** Characters of the tooltip that carries a cut text. */
export const TITLE_CHARS = 5000;
/** Characters an input or textarea is given as its value (the longest the core keeps is the note's 60,000 bytes). */
export const VALUE_CHARS = 60_000;

/** `text` cut to `max` characters plus "…", never between the halves of a surrogate pair; as is when it fits. */
export function displayText(text, max = DISPLAY_CHARS) {
  const s = String(text);
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate whose low half would be cut off
  return `${s.slice(0, end)}…`;
}

// Handlers and live properties are kept beside the element, not on it, so that patch.js can hand the new
// render's closures and values to an element that stays in the page (see patch.js).
const handlers = new WeakMap(); // element → {eventType: fn}
const listening = new WeakMap(); // element → Set of event types with a listener attached
const liveProps = new WeakMap(); // element → {value?, checked?} as the render asked for them

/** The handler map of an element made by h() (empty object when none). */
export function handlersOf(el) {
  return handlers.get(el) ?? {};
}

/** The live properties (value, checked) an element made by h() asked for. */
export function propsOf(el) {
  return liveProps.get(el) ?? {};
}

/** Gives `el` the handlers `map`; one listener per event type looks the current handler up at event time. */
export function setHandlers(el, map) {
  handlers.set(el, map);
  let types = listening.get(el);
  if (!types) listening.set(el, (types = new Set()));
  for (const type of Object.keys(map)) {
    if (types.has(type)) continue;
    types.add(type);
    el.addEventListener(type, callCurrentHandler);
  }
}

function callCurrentHandler(event) {
  const fn = handlers.get(event.currentTarget)?.[event.type];
  if (typeof fn === 'function') fn(event);
}

/**
 * h(tag, {className, attrs, text, on, key, value, checked}, children) for one document.
 * - `text`: textContent (a string from the view is never parsed).
 * - `attrs`: set with setAttribute; true → present, false/null/undefined → absent. No on*, no URL attributes.
 * - `on`: {click: fn, ...} through addEventListener.
 * - `key`: data-key, so patch.js keeps this element across renders (focus, caret, scroll stay put).
 * - `value` / `checked`: live properties of inputs and textareas (a value is cut to VALUE_CHARS).
 * - `textLimit`: the display length of this element's text (default DISPLAY_CHARS); a longer text is cut and
 *   carried whole (up to TITLE_CHARS) in the title attribute, unless attrs names a title of its own.
 * - `children`: nodes, strings (as text nodes, cut like `text`), arrays, null/false (skipped).
 * @param {Document} document
 */
export function createH(document) {
  return function h(tag, opts = {}, children = []) {
    if (!TAGS.has(tag)) throw new Error(`h: tag <${tag}> is not allowed in the view`);
    const el = document.createElement(tag);
    const { className, attrs, text, on, key, value, checked, textLimit = DISPLAY_CHARS } = opts;
    if (className) el.className = className;
    if (key != null) el.setAttribute('data-key', String(key));
    for (const [name, v] of Object.entries(attrs ?? {})) setSafeAttribute(el, name, v);
    if (on) setHandlers(el, { ...on });
    const props = {};
    if (value !== undefined) el.value = props.value = value == null ? '' : String(value).slice(0, VALUE_CHARS);
    if (checked !== undefined) el.checked = props.checked = Boolean(checked);
    liveProps.set(el, props);
    if (text != null) el.textContent = shown(el, String(text), textLimit);
    else append(el, children, document, textLimit);
    return el;
  };
}

/** The text to show in `el`; when it has to be cut, the element's tooltip carries it (unless it has a title). */
function shown(el, text, limit) {
  if (text.length <= limit) return text;
  if (!el.hasAttribute('title')) el.setAttribute('title', displayText(text, TITLE_CHARS));
  return displayText(text, limit);
}

function setSafeAttribute(el, name, v) {
  const lower = String(name).toLowerCase();
  if (!ATTR_NAME.test(lower) || lower.startsWith('on') || URL_ATTRS.has(lower)) {
    throw new Error(`h: attribute "${name}" is not allowed in the view`);
  }
  if (v === false || v == null) return;
  el.setAttribute(lower, v === true ? '' : String(v));
}

function append(el, children, document, limit) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false || child === true) continue;
    el.append(
      typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(shown(el, String(child), limit))
        : child,
    );
  }
}
