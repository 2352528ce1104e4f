// Countdowns to a time the core gave ("next try in 12 s"). The element carries its deadline in data-until, so
// render.js's one-second ticker can rewrite just these texts (refreshCountdowns) without a render.

/** "next try in 12 s", or "next try now" once the time has come (the core has not answered yet). */
export function countdownText(t, untilMs, nowMs) {
  const seconds = Math.ceil((untilMs - nowMs) / 1000);
  return seconds > 0 ? t('ui.sync.nextTryIn', { seconds }) : t('ui.sync.nextTryNow');
}

/** Rewrites every countdown under `root` for `nowMs` (nothing else changes between renders). */
export function refreshCountdowns(ctx, root, nowMs) {
  for (const el of root.querySelectorAll('[data-until]')) {
    const text = countdownText(ctx.t, Number(el.getAttribute('data-until')), nowMs);
    if (el.textContent !== text) el.textContent = text;
  }
}

/** A <span> counting down to `untilMs`. */
export function countdown(ctx, untilMs, className) {
  return ctx.h('span', {
    className,
    attrs: { 'data-until': String(untilMs) },
    text: countdownText(ctx.t, untilMs, ctx.now()),
  });
}
