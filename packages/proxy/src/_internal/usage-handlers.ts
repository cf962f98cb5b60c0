import { CredytError } from "@credyt/core";
import { type Big, exactDecimal, formatDecimal, roundDown } from "./decimal";
import type { Exchange } from "./exchange";
import { checkRate, exchangeRate } from "./handlers";
import { mergedRead } from "./merge-reads";
import { jsonText } from "./respond";
import { UpstreamFailure } from "./upstream";
import { encodeCursor, parseQuoteQuery, parseSummaryQuery, parseUsageQuery } from "./usage-query";
import type { UpstreamUsageEvent } from "./usage-upstream";
import { validateTopUp } from "./validate-body";
import { dateIn, monthSoFar } from "./zoned-month";

/** Events of one customer the proxy reads at most (pages of 100) to order them itself. */
const MAX_HISTORY = 2_000;
const HISTORY_PAGE = 100;
/** `GET /events/{id}` calls in flight at once, for list items that carry no fees. */
const FEE_CONCURRENCY = 4;

/** A JSON number literal for an exact decimal: the digits Big holds, never a rounded double. */
const literal = formatDecimal;

/** Newest first by `occurred_at`, ties by id (descending): one order, whatever order Credyt lists in. */
const newestFirst = (a: UpstreamUsageEvent, b: UpstreamUsageEvent): number =>
  b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The customer's events, newest first, with their fees: every page of `GET /events` (offset and limit
 * only, since Credyt documents no order and no time filter), each event once. `complete` is false when
 * the history is longer than {@link MAX_HISTORY}.
 */
async function readHistory<Ctx>(x: Exchange<Ctx>): Promise<{ events: UpstreamUsageEvent[]; complete: boolean }> {
  const byId = new Map<string, UpstreamUsageEvent>();
  let complete = false;
  for (let offset = 0; offset < MAX_HISTORY; offset += HISTORY_PAGE) {
    const page = await x.api.listEvents(
      { customerId: x.customerId, offset, limit: HISTORY_PAGE },
      x.requestId,
      x.request.signal,
    );
    // An event that shifted between two pages (one arrived meanwhile) is read twice: keep it once.
    for (const event of page.items) byId.set(event.id, event);
    const end = offset + page.items.length;
    if (page.items.length < HISTORY_PAGE || (page.totalCount !== undefined && end >= page.totalCount)) {
      complete = true;
      break;
    }
  }
  const events = [...byId.values()].sort(newestFirst);
  await fillFees(x, events);
  return { events, complete };
}

/** Reads the fees of events listed without them from `GET /events/{id}`, a few at a time. */
async function fillFees<Ctx>(x: Exchange<Ctx>, events: UpstreamUsageEvent[]): Promise<void> {
  const missing = events.filter((e) => e.fees === undefined);
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const event = missing[next++] as UpstreamUsageEvent;
      event.fees = await x.api.eventFees(event.id, x.requestId, x.request.signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FEE_CONCURRENCY, missing.length) }, worker));
}

/** A fee whose asset Credyt does not name cannot be shown as an amount of anything: say so. */
function unnamedAsset(): CredytError {
  return new CredytError(
    "upstream_error",
    "The billing service listed a usage fee without its asset, so it cannot be shown.",
    {
      cause: new UpstreamFailure(
        "Credyt's event fees carry no `asset` (nor an `account_id`): the proxy cannot tell what a fee is an amount of. Run `npx @credyt/proxy probe` and report its output.",
      ),
    },
  );
}

function toWire(event: UpstreamUsageEvent): string {
  // Amounts go out as the literal digits Credyt sent (JSON numbers, never rounded through a double).
  const fees = (event.fees ?? []).map((fee) => {
    if (fee.asset === undefined) throw unnamedAsset();
    const code = fee.product_code ? `,"product_code":${JSON.stringify(fee.product_code)}` : "";
    return `{"amount":${fee.amount},"asset":${JSON.stringify(fee.asset)}${code}}`;
  });
  const out = {
    id: event.id,
    event_type: event.event_type,
    occurred_at: event.occurred_at,
    ...(event.subject !== undefined ? { subject: event.subject } : {}),
    ...(event.description !== undefined ? { description: event.description } : {}),
  };
  return `${JSON.stringify(out).slice(0, -1)},"fees":[${fees.join(",")}]}`;
}

/**
 * `GET /usage?limit=&cursor=`: the signed-in customer's usage events, newest first by `occurred_at`, with
 * their fees. The proxy orders them itself; a cursor names the last event shown, so an event arriving
 * meanwhile never shifts a later page. A history longer than the proxy reads is refused, never cut.
 */
export async function getUsage<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const { limit, cursor } = parseUsageQuery(x.url);
  await checkRate(x, x.config.getRateLimit, "get");
  // The first page always reads afresh; later pages of the same paging reuse that read for a few seconds.
  const kept = cursor ? x.api.recentHistory(x.customerId) : undefined;
  const { events, complete } = kept ? { events: kept, complete: true } : await readHistory(x);
  if (complete && !kept) x.api.rememberHistory(x.customerId, events);
  if (!complete) {
    throw new CredytError("upstream_error", "This usage history is too long to show here.", {
      cause: new UpstreamFailure(
        `The customer has more than ${MAX_HISTORY} usage events; Credyt documents no order for GET /events, so the proxy cannot tell which are newest.`,
      ),
    });
  }
  const start = cursor ? events.findIndex((e) => newestFirst(e, { ...e, at: cursor.at, id: cursor.id }) > 0) : 0;
  const from = start < 0 ? events.length : start;
  const items = events.slice(from, from + limit);
  const last = items[items.length - 1];
  const next = from + limit < events.length && last ? encodeCursor({ at: last.at, id: last.id }) : null;
  return jsonText(200, `{"items":[${items.map(toWire).join(",")}],"next_cursor":${JSON.stringify(next)}}`, x.requestId);
}

type Totals = Map<string, Big>;
function add(totals: Totals, event: UpstreamUsageEvent): void {
  for (const fee of event.fees ?? [])
    if (fee.asset !== undefined)
      totals.set(fee.asset, (totals.get(fee.asset) ?? exactDecimal(0)).plus(exactDecimal(fee.amount)));
}
const totalsJson = (totals: Totals): string =>
  `[${[...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([asset, amount]) => `{"asset":${JSON.stringify(asset)},"amount":${literal(amount)}}`)
    .join(",")}]`;

/**
 * `GET /usage/summary?period=month&tz=`: what the customer spent this calendar month in `tz`, per asset
 * and per day, added up exactly (big.js) from Credyt's events. Only events whose `occurred_at` the proxy
 * finds inside the month count. `complete: false` (the totals a lower bound) when the history was longer
 * than the proxy reads, or a fee named no asset.
 */
export async function getUsageSummary<Ctx>(x: Exchange<Ctx>): Promise<Response> {
  const { tz } = parseSummaryQuery(x.url);
  await checkRate(x, x.config.getRateLimit, "get");
  // Up to 20 upstream pages each: identical summaries in flight or answered in the last 2 s are shared.
  const body = await mergedRead(x.api, `${summaryKeyPrefix(x.customerId)}${tz}`, SUMMARY_TTL_MS, () =>
    summaryText(x, tz),
  );
  return jsonText(200, body, x.requestId);
}

/** What the kept summaries of one customer are keyed by (then the zone); `notify()` forgets them. */
export const summaryKeyPrefix = (customerId: string): string => `summary\n${customerId}\n`;

/** How long an answered summary is reused for the same customer and zone (or until `notify()`). */
const SUMMARY_TTL_MS = 2_000;

async function summaryText<Ctx>(x: Exchange<Ctx>, tz: string): Promise<string> {
  const now = Date.now();
  const { from, days } = monthSoFar(now, tz);
  const to = now + 1;
  const totals: Totals = new Map();
  const perDay = new Map<string, Totals>(days.map((day) => [day, new Map()]));
  const history = await readHistory(x);
  let counted = 0;
  let complete = history.complete;
  for (const event of history.events) {
    if (event.at < from || event.at >= to) continue;
    counted += 1;
    if ((event.fees ?? []).some((fee) => fee.asset === undefined)) complete = false;
    add(totals, event);
    const day = perDay.get(dateIn(event.at, tz));
    if (day) add(day, event);
  }
  const body =
    `{"period":"month","tz":${JSON.stringify(tz)},"from":"${new Date(from).toISOString()}",` +
    `"to":"${new Date(to).toISOString()}","totals":${totalsJson(totals)},` +
    `"days":[${[...perDay].map(([date, t]) => `{"date":"${date}","totals":${totalsJson(t)}}`).join(",")}],` +
    `"event_count":${counted},"complete":${complete}}`;
  return body;
}

/**
 * `GET /quote?asset=&currency=&amount=`: what a top-up of `amount` `currency` would credit in `asset`,
 * decided as the top-up itself is: the app's override when it names one (`unitsPerCurrency`: amount ×
 * rate; `currencyPerUnit`: amount ÷ rate), else the asset's documented rate from `GET /assets/{code}`
 * (`rates[].rate`, the price of one unit: amount ÷ rate), else Credyt's quote route when its answer is
 * recognisably shaped. Units are rounded down to the asset's precision, exactly (big.js).
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
    const override = await exchangeRate(x, { asset: query.asset, currency: query.currency, amount });
    const asset = await x.api.getAsset(query.asset, x.requestId, x.request.signal);
    if (override !== undefined) {
      const rate = exactDecimal(override.rate);
      units = roundDown(
        override.direction === "units-per-currency" ? paid.times(rate) : paid.div(rate),
        asset.precision,
      );
      source = "app";
    } else {
      const currency = query.currency.toUpperCase();
      const rate = asset.rates.find((r) => r.source.toUpperCase() === currency)?.rate;
      if (rate !== undefined) units = roundDown(paid.div(rate), asset.precision);
      else {
        const quoted = await x.api
          .quote(query.asset, query.currency, amount, x.requestId, x.request.signal)
          .catch(() => undefined);
        if (quoted === undefined) {
          throw new CredytError("upstream_error", "This top-up cannot be quoted right now.", {
            cause: new UpstreamFailure(
              `Credyt's asset ${query.asset} has no ${currency} rate, and its quote route gave no answer the proxy recognises.`,
            ),
          });
        }
        units = roundDown(exactDecimal(quoted), asset.precision);
      }
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
