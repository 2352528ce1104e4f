// Small value helpers the stand-in's modules share: copies, ids, digits, tags. No state.

export const clone = (v) => structuredClone(v);
export const digitsOf = (phone) => String(phone ?? '').replace(/\D/g, '');
export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const isId = (v) => Number.isSafeInteger(v) && v > 0;

export function normalizeTags(tags) {
  const out = [];
  for (const tag of tags) {
    for (const part of String(tag).toLowerCase().split(/\s+/)) if (part && !out.includes(part)) out.push(part);
  }
  return out;
}

export function toId(value) {
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return value;
}
