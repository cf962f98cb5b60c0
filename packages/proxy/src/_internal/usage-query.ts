import { CredytError, type CredytErrorDetails } from "@credyt/core";
import { isTimeZone } from "./zoned-month";

/** Most usage events one page may hold. */
const MAX_USAGE_LIMIT = 100;
/** Usage events per page when the browser names no `limit`. */
const DEFAULT_USAGE_LIMIT = 20;
/** Deepest offset a cursor may point at (a history of a million events is paged no further). */
const MAX_OFFSET = 1_000_000;

function invalidQuery(details: CredytErrorDetails): CredytError {
  const fields = Object.keys(details).join(", ");
  return new CredytError("invalid_request", `Check the query parameters: ${fields}.`, { details });
}

/** The query's parameters, refusing unknown or repeated ones (a typo must not be silently ignored). */
function params(url: URL, allowed: readonly string[]): Map<string, string> {
  const details: CredytErrorDetails = {};
  const seen = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    const name = key.slice(0, 64);
    if (!allowed.includes(key)) details[name] = [`unknown parameter; use ${allowed.join(", ") || "none"}`];
    else if (seen.has(key)) details[name] = ["give it once"];
    else seen.set(key, value);
  }
  if (Object.keys(details).length > 0) throw invalidQuery(details);
  return seen;
}

/** A usage cursor: the newest event time the history was first read at, and how far in it is. */
export interface UsageCursor {
  /** Events at or after this instant (ms) are left out, so a new event never shifts later pages. */
  before: number;
  offset: number;
}

// Opaque to the browser, but plain inside: version, instant and offset in base 36. No `_`, so it can
// never look like a customer id (`cust_…`), which the proxy refuses anywhere in a request.
const CURSOR = /^v1\.([0-9a-z]{1,10})\.([0-9a-z]{1,6})$/;

/** The cursor's text, as `next_cursor` carries it. */
export function encodeCursor(cursor: UsageCursor): string {
  return `v1.${cursor.before.toString(36)}.${cursor.offset.toString(36)}`;
}

function decodeCursor(text: string): UsageCursor | undefined {
  const match = CURSOR.exec(text);
  if (!match) return undefined;
  const before = Number.parseInt(match[1] as string, 36);
  const offset = Number.parseInt(match[2] as string, 36);
  if (!Number.isSafeInteger(before) || before <= 0 || offset < 1 || offset > MAX_OFFSET) return undefined;
  return { before, offset };
}

/** `GET /usage?limit=&cursor=`. */
export function parseUsageQuery(url: URL): { limit: number; cursor: UsageCursor | undefined } {
  const query = params(url, ["limit", "cursor"]);
  const details: CredytErrorDetails = {};
  let limit = DEFAULT_USAGE_LIMIT;
  const rawLimit = query.get("limit");
  if (rawLimit !== undefined) {
    if (/^\d{1,3}$/.test(rawLimit) && Number(rawLimit) >= 1 && Number(rawLimit) <= MAX_USAGE_LIMIT)
      limit = Number(rawLimit);
    else details.limit = [`must be a whole number from 1 to ${MAX_USAGE_LIMIT}`];
  }
  let cursor: UsageCursor | undefined;
  const rawCursor = query.get("cursor");
  if (rawCursor !== undefined) {
    cursor = decodeCursor(rawCursor);
    if (!cursor) details.cursor = ["must be a `next_cursor` from an earlier page, unchanged"];
  }
  if (Object.keys(details).length > 0) throw invalidQuery(details);
  return { limit, cursor };
}

/** `GET /usage/summary?period=month&tz=`. */
export function parseSummaryQuery(url: URL): { tz: string } {
  const query = params(url, ["period", "tz"]);
  const details: CredytErrorDetails = {};
  const period = query.get("period") ?? "month";
  if (period !== "month") details.period = ['must be "month"'];
  const tz = query.get("tz") ?? "UTC";
  if (tz.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(tz) || !isTimeZone(tz))
    details.tz = ['must be an IANA time zone, such as "Europe/London" or "UTC"'];
  if (Object.keys(details).length > 0) throw invalidQuery(details);
  return { tz };
}

/** `GET /quote?asset=&currency=&amount=`: raw fields, checked further against the top-up limits. */
export function parseQuoteQuery(url: URL): { asset: string; currency: string; amount: string } {
  const query = params(url, ["asset", "currency", "amount"]);
  const details: CredytErrorDetails = {};
  const currency = query.get("currency");
  const amount = query.get("amount");
  if (currency === undefined || currency === "") details.currency = ["is required"];
  if (amount === undefined || !/^\d{1,13}(?:\.\d{1,12})?$/.test(amount))
    details.amount = ['must be a plain decimal such as "10" or "10.50"'];
  if (Object.keys(details).length > 0) throw invalidQuery(details);
  const asset = query.get("asset");
  return {
    asset: asset === undefined || asset === "" ? (currency as string) : asset,
    currency: currency as string,
    amount: amount as string,
  };
}
