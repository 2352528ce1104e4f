// Small figures helpers shared by the benchmarks' reports.

/** Linear-interpolated quantile of an ascending list; null for an empty one. */
export function quantile(sorted, p) {
  if (!sorted.length) return null;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/** Milliseconds → seconds with one decimal (null stays null). */
export const sec = (ms) => (ms == null ? null : Math.round(ms / 100) / 10);

export const round2 = (x) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);
