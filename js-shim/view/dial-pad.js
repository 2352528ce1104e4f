// The 12-key dial pad (FO-5a). A key appends to the number box and the outbound screen sends the whole new
// text (numberChanged), exactly as if it had been typed. Holding "0" gives "+" like a phone keypad; keyboard
// users type "+" in the box itself.
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const LONG_PRESS_MS = 500;

/**
 * @param {object} ctx   render context
 * @param {{append: (chars: string) => void, timers: {setTimeout, clearTimeout}, press: object}} o
 *   `press` is one object kept by the view for its whole life: a render may happen between pressing and
 *   releasing "0" (the "+" itself is an event), and the press must survive it.
 */
export function dialPad(ctx, { append, timers, press }) {
  const { h, t } = ctx;
  return h(
    'div',
    { key: 'dialpad', className: 'cti-dialpad', attrs: { role: 'group', 'aria-label': ctx.t('ui.outbound.dialPad') } },
    KEYS.map((k) =>
      h(
        'button',
        {
          key: `key-${k}`,
          className: 'c-btn c-btn--sm cti-dialpad__key',
          attrs: { type: 'button', 'aria-label': k === '0' ? t('ui.outbound.keyZeroPlus') : null },
          on: k === '0' ? zeroHandlers(append, timers, press) : { click: () => append(k) },
        },
        [
          h('span', { className: 'cti-dialpad__digit', text: k }),
          k === '0' ? h('span', { className: 'cti-dialpad__sub', attrs: { 'aria-hidden': 'true' }, text: '+' }) : null,
        ],
      ),
    ),
  );
}

// Press and hold → "+" (once the hold is long enough); a short press → "0". The click that ends a long press is
// swallowed so it does not add a "0" after the "+".
function zeroHandlers(append, timers, press) {
  const cancel = () => {
    if (press.timer != null) timers.clearTimeout(press.timer);
    press.timer = null;
  };
  return {
    pointerdown: () => {
      cancel();
      press.longPressed = false;
      press.timer = timers.setTimeout(() => {
        press.timer = null;
        press.longPressed = true;
        append('+');
      }, LONG_PRESS_MS);
    },
    pointerup: cancel,
    pointerleave: cancel,
    pointercancel: cancel,
    contextmenu: (e) => e.preventDefault(), // a long touch would open the context menu instead
    click: () => {
      if (press.longPressed) {
        press.longPressed = false;
        return;
      }
      append('0');
    },
  };
}
