// The transfer directory and the consult leg (issue 18 item 3, D341–D343), drawn from `view.call.transfer`: the
// queues AH-1 offers now and the account's agents with their availability, searched by name as the agent types in
// the transfer box (a combobox: arrow keys move through the list, Enter chooses, Escape closes it; a typed number
// still works), and while a consult lasts, its panel: Complete transfer, Conference where the connector can,
// Cancel (back to the caller). What is typed, highlighted or chosen is drawing-only state; the core gets events.
import { button } from '../widgets.js';

const MAX_SHOWN = 50; // matches past this are reached by typing more

/** The directory entries whose name (or id) contains what was typed, case- and accent-blind. */
export function matchingTargets(targets, query) {
  const fold = (text) =>
    String(text ?? '')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLocaleLowerCase();
  const q = fold(query).trim();
  const list = Array.isArray(targets) ? targets.filter((x) => x && typeof x.id === 'string') : [];
  return (q ? list.filter((x) => fold(x.name).includes(q) || fold(x.id) === q) : list).slice(0, MAX_SHOWN);
}

/** The words for an entry's availability ("Queue" for a queue); unknown is said plainly. */
export function availabilityText(t, target) {
  if (target.kind === 'queue') return t('ui.transfer.queue');
  const known = ['available', 'away', 'busy', 'wrapUp', 'offline'];
  return t(`ui.transfer.availability.${known.includes(target.availability) ? target.availability : 'unknown'}`);
}

/**
 * The list under the transfer box. `ui` is call-work.js's drawing state: {query, active, open, chosen}.
 * @returns {{list: object|null, inputAttrs: object, onKey: (e: KeyboardEvent) => boolean}}
 */
export function directoryList(ctx, transfer, ui, choose) {
  const { h, t } = ctx;
  const matches = matchingTargets(transfer?.targets, ui.query);
  const listId = ctx.id('transferList');
  const optionId = (i) => ctx.id(`transferOption-${i}`);
  if (ui.active >= matches.length) ui.active = matches.length - 1;
  const shown = ui.open && matches.length > 0;
  const inputAttrs = {
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': String(shown),
    'aria-controls': listId,
    'aria-activedescendant': shown && ui.active >= 0 ? optionId(ui.active) : null,
  };
  // Arrow keys move the highlight (the list opens on the first), Enter takes the highlighted entry, Escape closes.
  const onKey = (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (matches.length === 0) return false;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      ui.active = !ui.open ? 0 : (ui.active + step + matches.length) % matches.length;
      ui.open = true;
      ctx.redraw();
      ctx.find(`transferOption-${ui.active}`)?.scrollIntoView?.({ block: 'nearest' });
      return true;
    }
    if (e.key === 'Enter' && shown && ui.active >= 0) {
      e.preventDefault();
      choose(matches[ui.active]);
      return true;
    }
    if (e.key === 'Escape' && shown) {
      e.preventDefault();
      ui.open = false;
      ctx.redraw();
      return true;
    }
    return false;
  };
  const list = shown
    ? h(
        'ul',
        {
          key: 'transferList',
          className: 'cti-directory',
          attrs: { id: listId, role: 'listbox', 'aria-label': t('ui.transfer.directory') },
        },
        matches.map((target, i) =>
          h(
            'li',
            {
              key: `transferOption-${i}`,
              className: `cti-directory__item${i === ui.active ? ' is-active' : ''}`,
              attrs: {
                id: optionId(i),
                role: 'option',
                'aria-selected': String(i === ui.active),
                'data-target': target.id,
                title: target.name,
              },
              // mousedown, not click: the box keeps focus (a click would blur it first and close the list)
              on: {
                mousedown: (e) => {
                  e.preventDefault();
                  choose(target);
                },
              },
            },
            [
              h('bdi', { className: 'cti-directory__name', text: target.name || target.id }),
              h('span', {
                className: `cti-directory__state cti-directory__state--${target.kind === 'queue' ? 'queue' : (target.availability ?? 'unknown')}`,
                text: availabilityText(t, target),
              }),
            ],
          ),
        ),
      )
    : null;
  return { list, inputAttrs, onKey };
}

/** While a consult lasts: who is consulted and how far it got, and the three ways out of it. */
export function consultPanel(ctx, transfer) {
  const { h, t } = ctx;
  const consult = transfer.consult;
  const name = consult.name || consult.target;
  const onLine = consult.state === 'connected' || consult.state === 'conference';
  return h('section', { key: 'consult', className: 'cti-section cti-consult', attrs: { role: 'group' } }, [
    h('p', {
      key: 'consultState',
      className: 'cti-consult__state',
      attrs: { role: 'status', title: name },
      text: t(
        `ui.transfer.consult.${consult.state === 'conference' ? 'conference' : onLine ? 'connected' : 'dialing'}`,
        {
          target: name,
        },
      ),
    }),
    h('div', { key: 'consultButtons', className: 'cti-row cti-row--wrap' }, [
      button(ctx, {
        key: 'consultComplete',
        label: t('ui.transfer.complete'),
        kind: 'primary',
        disabled: !onLine,
        onClick: () => ctx.emit({ type: 'consultCompleteClicked' }),
      }),
      transfer.can?.conference && consult.state === 'connected'
        ? button(ctx, {
            key: 'conference',
            label: t('ui.transfer.conference'),
            onClick: () => ctx.emit({ type: 'conferenceClicked' }),
          })
        : null,
      button(ctx, {
        key: 'consultCancel',
        label:
          consult.state === 'conference'
            ? t('ui.transfer.endConference', { target: name })
            : t('ui.transfer.cancelConsult'),
        kind: 'basic',
        onClick: () => ctx.emit({ type: 'consultCancelClicked' }),
      }),
    ]),
  ]);
}
