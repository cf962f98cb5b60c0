import { CredytError } from "@credyt/core";
import { type Big, exactDecimal, formatDecimal, roundDown } from "./decimal";
import type { Exchange } from "./exchange";
import { checkRate, exchangeRate } from "./handlers";
import { mergedRead } from "./merge-reads";
import { jsonText } from "./respond";
import { encodeCursor, parseQuoteQuery, parseSummaryQuery, parseUsageQuery } from "./usage-query";
import type { UpstreamUsageEvent } from "./usage-upstream";
import { validateTopUp } from "./validate-body";
import { dateIn, monthSoFar } from "./zoned-month";

/** Events a summary adds up at most (pages of 100); past it the summary says `complete: false`. */
const MAX_SUMMARY_EVENTS = 2_000;
const SUMMARY_PAGE = 100;

/** A JSON number literal for an exact decimal: the digits Big holds, never a rounded double. */
const literal = formatDecimal;

/**
 * `GET /usage?limit=&cursor=`: the signed-in customer's usage events, newest first. The first page fixes
 * the instant the history is read at (its newest event), and every later page reads before it, so events
 * arriving meanwhile never shift a page: the next refresh of the first page shows them.
 */
export async function getUsage<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const { limit, cursor } = parseUsageQuery(x.url);
  await checkRate(x, x.config.getRateLimit, "get");
  const page = await x.api.listEvents(
    { customerId: x.customerId, offset: cursor?.offset ?? 0, limit, to: cursor?.before },
    x.requestId,
  );
  const offset = cursor?.offset ?? 0;
  let next: string | null = null;
  const newest = page.items[0];
  if (offset + page.items.length < page.totalCount && page.items.length > 0 && newest) {
    // 1 ms after the newest event read on the first page; `to` is exclusive upstream.
    const before = cursor?.before ?? Date.parse(newest.occurred_at) + 1;
    next = encodeCursor({ before, offset: offset + page.items.length });
  }
  return jsonText(200, JSON.stringify({ items: page.items, next_cursor: next }), x.requestId);
}

type Totals = Map<string, Big>;
function add(totals: Totals, event: UpstreamUsageEvent): void {
  for (const fee of event.fees)
    totals.set(fee.asset, (totals.get(fee.asset) ?? exactDecimal(0)).plus(exactDecimal(fee.amount)));
}
const totalsJson = (totals: Totals): string =>
  `[${[...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([asset, amount]) => `{"asset":${JSON.stringify(asset)},"amount":${literal(amount)}}`)
    .join(",")}]`;

/**
 * `GET /usage/summary?period=month&tz=`: what the customer spent this calendar month in `tz`, per asset
 * and per day, added up exactly (big.js) from Credyt's events.
 */
export async function getUsageSummary<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const { tz } = parseSummaryQuery(x.url);
  await checkRate(x, x.config.getRateLimit, "get");
  // Up to 20 upstream pages each: identical summaries in flight or answered in the last 2 s are shared.
  const body = await mergedRead(x.api, `summary\n${x.customerId}\n${tz}`, SUMMARY_TTL_MS, () => summaryText(x, tz));
  return jsonText(200, body, x.requestId);
}

/** How long an answered summary is reused for the same customer and zone. */
const SUMMARY_TTL_MS = 2_000;

async function summaryText<Ctx>(x: Exchange<Ctx>, tz: string): Promise<string> {
  const now = Date.now();
  const { from, days } = monthSoFar(now, tz);
  const to = now + 1;
  const totals: Totals = new Map();
  const perDay = new Map<string, Totals>(days.map((day) => [day, new Map()]));
  let counted = 0;
  let total = 0;
  for (let offset = 0; offset < MAX_SUMMARY_EVENTS; offset += SUMMARY_PAGE) {
    const page = await x.api.listEvents(
      { customerId: x.customerId, offset, limit: SUMMARY_PAGE, from, to },
      x.requestId,
    );
    total = page.totalCount;
    for (const event of page.items) {
      counted += 1;
      add(totals, event);
      const day = perDay.get(dateIn(Date.parse(event.occurred_at), tz));
      if (day) add(day, event);
    }
    if (page.items.length < SUMMARY_PAGE || offset + SUMMARY_PAGE >= total) break;
  }
  const body =
    `{"period":"month","tz":${JSON.stringify(tz)},"from":"${new Date(from).toISOString()}",` +
    `"to":"${new Date(to).toISOString()}","totals":${totalsJson(totals)},` +
    `"days":[${[...perDay].map(([date, t]) => `{"date":"${date}","totals":${totalsJson(t)}}`).join(",")}],` +
    `"event_count":${counted},"complete":${counted >= total}}`;
  return body;
}

/**
 * `GET /quote?asset=&currency=&amount=`: what a top-up of `amount` `currency` would credit in `asset`,
 * decided as the top-up itself is: the app's `exchangeRate` when it gives one (units = amount × rate,
 * rounded down to the asset's precision, as Credyt credits them), else Credyt's own quote. The amount passes the top-up limits.
 */
export async function getQuote<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const query = parseQuoteQuery(x.url);
  const amount = Number(query.amount);
  validateTopUp({ amount, currency: query.currency, asset: query.asset }, x.config);
  await checkRate(x, x.config.getRateLimit, "get");
  const paid = exactDecimal(query.amount);
  let units: Big;
  let source: "app" | "credyt" | "none";
  if (query.asset.toUpperCase() === query.currency.toUpperCase()) {
    units = paid;
    source = "none";
  } else {
    const appRate = await exchangeRate(x, { asset: query.asset, currency: query.currency, amount });
    if (appRate !== undefined) {
      const precision = await x.api.assetPrecision(query.asset, x.requestId);
      // Read as units per unit of currency, as the emulator reads `destination.exchange_rate` by default
      // (Credyt's `1000000` TOK example); Credyt documents no direction.
      units = roundDown(paid.times(exactDecimal(appRate)), precision);
      source = "app";
    } else {
      const quoted = await x.api.quote(query.asset, query.currency, amount, x.requestId);
      units = exactDecimal(quoted.units);
      source = "credyt";
    }
  }
  if (units.lte(0)) {
    throw new CredytError("invalid_request", "This amount buys less than one unit.", {
      details: { amount: ["buys less than one unit of the asset"] },
    });
  }
  const body =
    `{"asset":${JSON.stringify(query.asset)},"currency":${JSON.stringify(query.currency)},` +
    `"amount":${literal(paid)},"units":${literal(units)},"rate_source":"${source}"}`;
  return jsonText(200, body, x.requestId);
}
