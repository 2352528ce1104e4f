// Small, locale-neutral formatting of numbers the view model carries (seconds, ISO times). Drawing only: what
// the numbers are is decided by the core.

/** 75 → "1:15", 3725 → "1:02:05"; negative or missing → "0:00". */
export function formatDuration(totalSec) {
  const s = Number.isFinite(totalSec) && totalSec > 0 ? Math.floor(totalSec) : 0;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * An ISO time relative to now, through translated strings ("5 min ago"); older than 30 days → YYYY-MM-DD.
 * Unparsable or missing → null (the caller draws nothing).
 */
export function formatAgo(t, iso, nowMs) {
  if (typeof iso !== 'string' || !iso) return null;
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  const minutes = Math.floor((nowMs - at) / 60000);
  if (minutes < 1) return t('ui.time.justNow');
  if (minutes < 60) return t('ui.time.minutesAgo', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('ui.time.hoursAgo', { count: hours });
  const days = Math.floor(hours / 24);
  if (days <= 30) return t('ui.time.daysAgo', { count: days });
  return new Date(at).toISOString().slice(0, 10);
}
