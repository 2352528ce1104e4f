// The agent as appRegistered needs it: {id, name, groupIds, locale, utcOffsetMinutes}, read from ZAF's
// currentUser. Pure apart from the Intl lookup, and the clock is a parameter (offsets change with DST).
//
// currentUser.timeZone is documented only loosely (zendesk-platform.md §2.4, marked GUESS): we expect
// {name, ianaName, offset, formattedOffset}. The IANA name is preferred because it gives today's offset including
// daylight saving; then "GMT+01:00"; then a numeric offset in minutes; then the browser's own offset.

/**
 * @param {object} user  ZAF currentUser
 * @param {number} nowMs the shim's clock
 */
export function toAgentProfile(user, nowMs) {
  const u = user ?? {};
  return {
    id: Number.isInteger(u.id) ? u.id : Number(u.id) || 0,
    name: typeof u.name === 'string' ? u.name : '',
    groupIds: (Array.isArray(u.groups) ? u.groups : [])
      .map((g) => (g && typeof g === 'object' ? g.id : g))
      .map(Number)
      .filter(Number.isInteger),
    locale: typeof u.locale === 'string' && u.locale ? u.locale : 'en',
    utcOffsetMinutes: utcOffsetMinutes(u.timeZone, nowMs),
  };
}

export function utcOffsetMinutes(timeZone, nowMs) {
  const tz = timeZone ?? {};
  const fromIana = typeof tz.ianaName === 'string' ? offsetOfIanaZone(tz.ianaName, nowMs) : null;
  if (fromIana != null) return fromIana;
  const fromText = typeof tz.formattedOffset === 'string' ? parseGmtOffset(tz.formattedOffset) : null;
  if (fromText != null) return fromText;
  if (Number.isInteger(tz.offset) && Math.abs(tz.offset) <= 14 * 60) return tz.offset;
  return -new Date(nowMs).getTimezoneOffset() || 0; // || 0: no -0 in events
}

function offsetOfIanaZone(ianaName, nowMs) {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: ianaName, timeZoneName: 'longOffset' }).formatToParts(
      new Date(nowMs),
    );
    const name = parts.find((p) => p.type === 'timeZoneName')?.value;
    return name ? parseGmtOffset(name) : null;
  } catch {
    return null; // unknown zone name, or a runtime without time-zone data
  }
}

/** "GMT+01:00", "GMT-5", "+05:30", "GMT" → minutes east of UTC; null if unreadable. */
export function parseGmtOffset(text) {
  const t = text.trim();
  if (t === 'GMT' || t === 'UTC') return 0;
  const m = /^(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -minutes : minutes) || 0;
}
