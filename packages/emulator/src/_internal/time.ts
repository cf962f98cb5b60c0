/**
 * ISO-8601 UTC with 7 fractional digits, as .NET (and so Credyt) prints them:
 * `2025-11-14T03:25:02.8850000Z`. JavaScript clocks have millisecond resolution, so the last four are 0.
 */
export function isoTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

/** ISO-8601 UTC to the second, as in a portal session's `expires_at`: `2025-10-18T07:23:43Z`. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Parse an ISO-8601 timestamp with 0-7 fractional digits, or return undefined. */
export function parseTimestamp(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  // Date.parse accepts at most millisecond precision reliably, so trim extra digits first.
  const trimmed = value.replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
