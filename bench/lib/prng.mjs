// Seeded pseudo-random numbers, so a simulation run is the same run again given the same seed (Math.random is
// not seedable). mulberry32: 32-bit state, plenty for picking times and coin flips; not for anything secret.

/** @param {number} seed  any integer; `label` derives an independent stream (e.g. one for the script, one for the network) */
export function createRandom(seed, label = '') {
  let state = (Number(seed) >>> 0) ^ hash(label);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** a number in [lo, hi) */
    between: (lo, hi) => lo + (hi - lo) * next(),
    /** an integer in [lo, hi] */
    int: (lo, hi) => lo + Math.floor((hi - lo + 1) * next()),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(list.length * next())],
  };
}

// FNV-1a over the label: different labels give unrelated streams from one seed.
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
