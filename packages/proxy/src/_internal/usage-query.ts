import { CredytError, type CredytErrorDetails } from "@credyt/core";
import { isTimeZone } from "./zoned-month";

/** Most usage events one page may hold. */
const MAX_USAGE_LIMIT = 100;
/** Usage events per page when the browser names no `limit`. */
const DEFAULT_USAGE_LIMIT = 20;

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

/** A usage cursor: the last event of the previous page, as the proxy orders them (newest first). */
export interface UsageCursor {
  /** Its `occurred_at` in ms. */
  at: number;
  /** Its id, which breaks ties between events of the same instant. */
  id: string;
}

// Opaque to the browser, but plain inside: version, instant in base 36, the id's UTF-8 bytes in hex.
// No `_`, so it can never look like a customer id (`cust_…`), which the proxy refuses anywhere in a request.
const CURSOR = /^v2\.([0-9a-z]{1,10})\.((?:[0-9a-f]{2}){1,128})$/;

/** The cursor's text, as `next_cursor` carries it. */
export function encodeCursor(cursor: UsageCursor): string {
  const hex = [...new TextEncoder().encode(cursor.id)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `v2.${cursor.at.toString(36)}.${hex}`;
}

function decodeCursor(text: string): UsageCursor | undefined {
  const match = CURSOR.exec(text);
  if (!match) return undefined;
  const at = Number.parseInt(match[1] as string, 36);
  if (!Number.isSafeInteger(at) || at < 0) return undefined;
  const bytes = new Uint8Array((match[2] as string).match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
  try {
    return { at, id: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return undefined;
  }
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
