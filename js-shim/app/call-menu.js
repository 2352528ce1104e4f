// Draws the ticket sidebar's Call menu. Requester names and phone numbers are end-user data, so every string
// goes in through textContent (never innerHTML): a name like <img src=x onerror=...> stays text.

/**
 * @param {Element} root
 * @param {object} model
 * @param {string|null} model.requesterName
 * @param {string[]} model.numbers
 * @param {string|null} model.message  a translated status line (loading, loading failed, no top bar), or null
 * @param {(() => void)|null} [model.onRetry]  offered as a Retry button after the message
 * @param {(key: string, params?: object) => string} t
 * @param {(number: string|null) => void} onCall  null = "Enter new number"
 */
export function renderCallMenu(root, { requesterName, numbers, message, onRetry = null }, t, onCall) {
  const doc = root.ownerDocument;
  const el = (tag, className, text) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  };

  const menu = el('section', 'call-menu');
  menu.append(el('h2', 'call-menu__title', t('ui.callMenu.title')));
  if (requesterName) menu.append(el('p', 'call-menu__requester', requesterName));

  const list = el('ul', 'call-menu__numbers');
  const item = (button) => {
    const li = el('li');
    li.append(button);
    list.append(li);
  };
  for (const number of numbers) {
    const button = el('button', 'c-btn call-menu__number', number);
    button.type = 'button';
    button.title = t('ui.callMenu.callNumber', { number }); // an attribute set through the DOM API: never parsed
    button.addEventListener('click', () => onCall(number));
    item(button);
  }
  const enter = el('button', 'c-btn call-menu__enter', t('ui.callMenu.enterNewNumber'));
  enter.type = 'button';
  enter.addEventListener('click', () => onCall(null));
  item(enter);
  menu.append(list);

  if (message) menu.append(el('p', 'call-menu__message', message));
  if (onRetry) {
    const again = el('button', 'c-btn call-menu__retry', t('ui.callMenu.retry'));
    again.type = 'button';
    again.addEventListener('click', () => onRetry());
    menu.append(again);
  }
  root.replaceChildren(menu);
}
