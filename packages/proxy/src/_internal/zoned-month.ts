// Calendar arithmetic in an IANA time zone with nothing but Intl (no date library on the server path).

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The cached `en-US` formatter of `tz` giving numeric parts; throws `RangeError` for an unknown zone. */
function formatterOf(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    // A small bound: the zone list is finite, but a hostile caller must not grow this map without end.
    if (formatters.size > 500) formatters.clear();
    formatters.set(tz, formatter);
  }
  return formatter;
}

/** True when `tz` is a time zone this runtime knows (`Europe/London`, `UTC`, `Asia/Tokyo`). */
export function isTimeZone(tz: string): boolean {
  try {
    formatterOf(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of instant `ms` in `tz`. */
function wallClock(ms: number, tz: string) {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(tz).formatToParts(new Date(ms))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    // Some engines print midnight as 24 even with h23.
    hour: (parts.hour as number) % 24,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}

/** `YYYY-MM-DD` of instant `ms` in `tz`. */
export function dateIn(ms: number, tz: string): string {
  const w = wallClock(ms, tz);
  return `${String(w.year).padStart(4, "0")}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

/** How far `tz` is ahead of UTC at instant `ms`, in ms (whole seconds). */
function offsetAt(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** `YYYY-MM-DD` as a comparable number (20261207). */
const dayNumber = (w: { year: number; month: number; day: number }) => w.year * 10_000 + w.month * 100 + w.day;

/**
 * The first instant of `year-month-day` in `tz`: its local midnight, or, where midnight does not exist
 * that day (a DST change at 00:00, as in America/Asuncion, Asia/Beirut, America/Havana), the moment the
 * clocks jump forward. Where midnight happens twice (a change back at 00:00), the first one. Taken from
 * the time-zone database through Intl: the first instant whose local date is that day.
 */
function midnight(year: number, month: number, day: number, tz: string): number {
  const target = dayNumber({ year, month, day });
  const guess = Date.UTC(year, month - 1, day);
  // Every offset in use is within ±14 h (±26 h covers any zone's day): the day starts in this range.
  let low = guess - 26 * 3_600_000; // local date before the target
  let high = guess + 26 * 3_600_000; // local date the target or after
  // Offsets on either side, tried first: exact for nearly every day, and cheap.
  for (const offset of [offsetAt(low, tz), offsetAt(high, tz), offsetAt(guess, tz)]) {
    const at = guess - offset;
    if (dayNumber(wallClock(at, tz)) >= target && dayNumber(wallClock(at - 1000, tz)) < target) return at;
  }
  // A day that does not start at 00:00: bisect to the second on the change (offsets change on whole seconds).
  while (high - low > 1000) {
    const mid = low + Math.floor((high - low) / 2000) * 1000;
    if (dayNumber(wallClock(mid, tz)) >= target) high = mid;
    else low = mid;
  }
  return high;
}

/** The current calendar month in `tz` up to `now`: its start instant and each day's date so far. */
export function monthSoFar(now: number, tz: string): { from: number; days: string[] } {
  const today = wallClock(now, tz);
  const from = midnight(today.year, today.month, 1, tz);
  const days: string[] = [];
  for (let day = 1; day <= today.day; day++) {
    days.push(
      `${String(today.year).padStart(4, "0")}-${String(today.month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    );
  }
  return { from, days };
}
