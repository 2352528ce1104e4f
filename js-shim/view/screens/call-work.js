// What the agent does in a call besides talking (issue 18, D370–D372): the keypad (DTMF to an IVR or a conference
// bridge), a transfer confirmed before the caller leaves, the wrap-up code, the ticket opened from the wrap-up,
// and the caller's language by its name. What is open or typed here is drawing-only state, kept per view and per
// call (a new call starts with the keypad folded and no transfer pending); whatever is sent goes to the core.
import { button, choiceGroup } from '../widgets.js';
import { consultPanel, directoryList } from './transfer-directory.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const MAX_ECHO = 32; // the digits shown back, newest last

/**
 * @typedef {{callId: unknown, keypadOpen: boolean, digits: string, transferTarget: string|null,
 *   transferName: string|null, query: string, active: number, open: boolean, chosen: {id: string, name: string}|null}} CallWorkUi
 * @type {WeakMap<object, CallWorkUi>}
 */
const drawing = new WeakMap();

function uiOf(ctx, call) {
  let ui = drawing.get(ctx);
  if (!ui || ui.callId !== call.id) {
    ui = {
      callId: call.id,
      keypadOpen: false,
      digits: '',
      transferTarget: null,
      transferName: null,
      query: '', // the directory's search (D341)
      active: -1,
      open: false,
      chosen: null,
    };
    drawing.set(ctx, ui);
  }
  return ui;
}

/** The Keypad toggle for the call's controls row; the pad itself is `keypad` below. */
export function keypadToggle(ctx, call, allowed) {
  const ui = uiOf(ctx, call);
  return button(ctx, {
    key: 'keypadToggle',
    label: ctx.t('ui.call.keypad'),
    disabled: !allowed,
    attrs: { 'aria-expanded': String(allowed && ui.keypadOpen), 'aria-controls': ctx.id('keypad') },
    onClick: () => {
      ui.keypadOpen = !ui.keypadOpen;
      ctx.redraw();
      if (ui.keypadOpen) ctx.find('keypad')?.querySelector('button')?.focus();
    },
  });
}

/** The 12 keys, each tone sent as it is pressed (digitsPressed); typing 0-9 * # on the pad sends them too. */
export function keypad(ctx, call, allowed) {
  const { h, t } = ctx;
  const ui = uiOf(ctx, call);
  if (!allowed || !ui.keypadOpen) return null;
  const press = (key) => {
    ctx.emit({ type: 'digitsPressed', digits: key });
    ui.digits = (ui.digits + key).slice(-MAX_ECHO);
    ctx.redraw();
  };
  return h('section', { key: 'keypadSection', className: 'cti-section cti-keypad' }, [
    h('p', {
      key: 'keypadEcho',
      className: 'cti-keypad__echo',
      attrs: { role: 'status', 'aria-label': t('ui.call.keypadSent') },
      text: ui.digits,
    }),
    h(
      'div',
      {
        key: 'keypad',
        className: 'cti-dialpad',
        attrs: { id: ctx.id('keypad'), role: 'group', 'aria-label': t('ui.call.keypad') },
        on: {
          keydown: (e) => {
            if (!KEYS.includes(e.key) || e.ctrlKey || e.metaKey || e.altKey) return;
            e.preventDefault();
            press(e.key);
          },
        },
      },
      KEYS.map((k) =>
        h('button', {
          key: `tone-${k}`,
          className: 'c-btn c-btn--sm cti-dialpad__key',
          attrs: { type: 'button' },
          text: k,
          on: { click: () => press(k) },
        }),
      ),
    ),
  ]);
}

/**
 * Transfer: the target chosen from the directory (view.call.transfer, D341) or typed (agent id, queue or number, as
 * the connector reads it), then either a consult (warm: the caller waits on hold while the agent talks to the
 * target) or a blind transfer with a confirming step that names the target — the caller leaves this agent's call
 * at once, so a slip must not send them away. While a consult lasts, its panel replaces the box.
 */
export function transferSection(ctx, call, allowed) {
  const { h, t } = ctx;
  const ui = uiOf(ctx, call);
  const transfer = call.transfer && typeof call.transfer === 'object' ? call.transfer : null;
  if (transfer?.consult) return consultPanel(ctx, transfer);
  if (!allowed) Object.assign(ui, { transferTarget: null, chosen: null, query: '', open: false, active: -1 });
  const id = ctx.id('transfer');
  const target = () => ui.chosen?.id ?? ctx.find('transfer')?.value.trim() ?? '';
  const ask = () => {
    const input = ctx.find('transfer');
    const chosen = target();
    if (!chosen) {
      input?.focus();
      return;
    }
    ui.transferTarget = chosen;
    ui.transferName = ui.chosen?.name || chosen;
    ui.open = false;
    ctx.redraw();
    ctx.find('transferConfirm')?.focus();
  };
  const clear = () => {
    const input = ctx.find('transfer');
    if (input) input.value = '';
    Object.assign(ui, { chosen: null, query: '', open: false, active: -1 });
  };
  const cancel = () => {
    ui.transferTarget = null;
    ctx.redraw();
    ctx.find('transfer')?.focus();
  };
  const choose = (entry) => {
    const input = ctx.find('transfer');
    if (input) input.value = entry.name || entry.id;
    Object.assign(ui, { chosen: { id: entry.id, name: entry.name || entry.id }, query: '', open: false, active: -1 });
    ctx.redraw();
    ctx.find(transfer?.can?.consult ? 'consultButton' : 'transferButton')?.focus();
  };
  const directory = transfer ? directoryList(ctx, transfer, ui, choose) : null;
  const confirmRow =
    ui.transferTarget == null
      ? null
      : h('div', { key: 'transferAsk', className: 'cti-message cti-confirm', attrs: { role: 'alertdialog' } }, [
          h('p', {
            key: 'question',
            text: t('ui.call.transferConfirmText', { target: ui.transferName ?? ui.transferTarget }),
          }),
          h('div', { key: 'buttons', className: 'cti-row' }, [
            button(ctx, { key: 'transferCancel', label: t('ui.call.transferCancel'), kind: 'basic', onClick: cancel }),
            button(ctx, {
              key: 'transferConfirm',
              label: t('ui.call.transferConfirm'),
              kind: 'dangerPrimary',
              onClick: () => {
                const chosen = ui.transferTarget;
                ui.transferTarget = null;
                clear();
                ctx.emit({ type: 'transferClicked', target: chosen });
              },
            }),
          ]),
        ]);
  const consultButton =
    transfer?.can?.consult === true
      ? button(ctx, {
          key: 'consultButton',
          label: t('ui.transfer.consultButton'),
          disabled: !allowed,
          onClick: () => {
            const chosen = target();
            if (!chosen) return ctx.find('transfer')?.focus();
            clear();
            ctx.emit({ type: 'consultClicked', target: chosen });
          },
        })
      : null;
  const transferButton = button(ctx, {
    key: 'transferButton',
    label: t('ui.call.transfer'),
    disabled: !allowed,
    onClick: ask,
  });
  // The input carries no value from the render, so patching leaves what was typed alone.
  const input = h('input', {
    key: 'transfer',
    className: 'c-field__input',
    attrs: {
      id,
      type: 'text',
      autocomplete: 'off',
      placeholder: t(transfer ? 'ui.transfer.search' : 'ui.call.transferPlaceholder'),
      disabled: !allowed,
      ...(directory?.inputAttrs ?? {}),
    },
    on: {
      // The directory's availability is asked again as the agent turns to it (D432; the shim's, not the core's).
      focus: () => transfer && ctx.emit({ type: 'transferDirectoryOpened' }),
      input: (e) => {
        if (!transfer) return;
        Object.assign(ui, { chosen: null, query: e.target.value, open: true, active: -1 });
        ctx.redraw();
      },
      keydown: (e) => {
        if (directory?.onKey(e)) return;
        if (e.key !== 'Enter') return;
        e.preventDefault();
        ask();
      },
    },
  });
  // With Consult beside Transfer the two buttons get a row of their own, so the box keeps its width at 320 px.
  return h('div', { key: 'transferField', className: 'c-field c-field--compact cti-section' }, [
    h('label', { className: 'c-field__label', attrs: { for: id }, text: t('ui.call.transferTo') }),
    h('div', { className: 'cti-row' }, consultButton ? [input] : [input, transferButton]),
    directory?.list ?? null,
    consultButton ? h('div', { key: 'transferButtons', className: 'cti-row' }, [consultButton, transferButton]) : null,
    confirmRow,
  ]);
}

/** The admin's wrap-up codes (view.call.wrapUp), one to choose; nothing when the admin listed none. */
export function wrapUpCodes(ctx, call) {
  const wrapUp = call.wrapUp;
  const codes = Array.isArray(wrapUp?.codes) ? wrapUp.codes.filter((c) => typeof c === 'string') : [];
  if (codes.length === 0) return null;
  const { h, t } = ctx;
  return choiceGroup(ctx, {
    key: 'wrapUpCodes',
    label: wrapUp.required ? t('ui.wrapUp.codeRequired') : t('ui.wrapUp.code'),
    options: codes.map((code, i) => ({
      key: `code-${i}`,
      value: code,
      checked: wrapUp.chosen === code,
      content: h('bdi', { className: 'cti-choice__title', text: code }),
    })),
    onChoose: (code) => ctx.emit({ type: 'wrapUpCodeChosen', code }),
  });
}

/** Done waits for a code when the admin requires one (the core refuses it too). */
export function wrapUpCodeMissing(call) {
  const wrapUp = call.wrapUp;
  return Boolean(wrapUp?.required) && Array.isArray(wrapUp.codes) && wrapUp.codes.length > 0 && !wrapUp.chosen;
}

/** "Open ticket #123": the call's ticket in the agent's workspace (routeTo through the core). */
export function openTicketButton(ctx, call) {
  const id = call.ticket?.id;
  if (id == null) return null;
  return button(ctx, {
    key: 'openTicket',
    label: ctx.t('ui.wrapUp.openTicket', { id }),
    kind: 'basic',
    onClick: () => ctx.emit({ type: 'openTicketClicked', ticketId: id }),
  });
}

/**
 * A language code as the connector gave it ("en", "pt-BR") → its name in the agent's language ("English",
 * "Portuguese (Brazil)"); the code itself when the browser does not know it.
 */
export function languageName(ctx, code) {
  if (typeof code !== 'string' || code === '') return '';
  // The agent's locale (the translator's), else the page's language, else the browser's.
  const doc = ctx.root?.ownerDocument;
  const locale = ctx.t?.locale || doc?.documentElement?.lang || doc?.defaultView?.navigator?.language || 'en';
  try {
    const name = new Intl.DisplayNames([String(locale).replace(/_/g, '-'), 'en'], {
      type: 'language',
      fallback: 'none',
    }).of(code);
    return name || code;
  } catch {
    return code; // not a BCP 47 tag ("english", "EN_us"): shown as given
  }
}
