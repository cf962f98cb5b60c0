/**
 * The usage side of the wire protocol: `GET {base}/usage`, `GET {base}/usage/summary` and
 * `GET {base}/quote`, in both spellings (`Wire*` on the wire, camelCase in JavaScript), with the
 * shape checks the browser client applies. `docs/protocol.md` is the prose version.
 */

/** One fee of a usage event: an exact amount of one asset, as a JSON number in major units. */
export interface WireUsageFee {
  amount: number;
  asset: string;
  /** The product that priced the event, when Credyt names it. */
  product_code?: string;
}

/** One usage event of the signed-in customer, with what it cost. */
export interface WireUsageEvent {
  id: string;
  event_type: string;
  /** ISO 8601 with a zone. */
  occurred_at: string;
  subject?: string;
  description?: string;
  fees: WireUsageFee[];
}

/** `GET {base}/usage` 200: newest first; `next_cursor` is `null` on the last page. */
export interface WireUsagePage {
  items: WireUsageEvent[];
  next_cursor: string | null;
}

/** A total of one asset. */
export interface WireAssetTotal {
  asset: string;
  amount: number;
}

/** One calendar day (in the summary's time zone) and what was spent on it. */
export interface WireUsageDay {
  /** `YYYY-MM-DD` in the summary's time zone. */
  date: string;
  totals: WireAssetTotal[];
}

/** `GET {base}/usage/summary` 200: this calendar month in `tz`, per asset and per day. */
export interface WireUsageSummary {
  period: "month";
  /** The IANA time zone the month and days are counted in. */
  tz: string;
  /** Start of the month (inclusive), ISO 8601 UTC. */
  from: string;
  /** End of the counted range (exclusive): now. */
  to: string;
  totals: WireAssetTotal[];
  /** Every day of the month up to today, oldest first; a day without usage has no totals. */
  days: WireUsageDay[];
  /** How many usage events were counted. */
  event_count: number;
  /** `false` when the month held more events than the server adds up (the totals are then a lower bound). */
  complete: boolean;
}

/** Who decided a quote's rate: the app's `exchangeRate`, Credyt's asset rate, or no conversion at all. */
export type QuoteRateSource = "app" | "credyt" | "none";

/** `GET {base}/quote` 200: what a top-up of `amount` `currency` credits in `asset`. */
export interface WireQuote {
  asset: string;
  currency: string;
  amount: number;
  /** Units credited, rounded down like the top-up itself. */
  units: number;
  rate_source: QuoteRateSource;
}

/** One fee of a {@link UsageEvent}. */
export interface UsageFee {
  /** How much was charged, in major units of `asset`. */
  amount: number;
  /** The asset charged (`"USD"`, `"TOK"`). */
  asset: string;
  /** The product the fee was charged for, when Credyt says. */
  productCode?: string;
}

/** One usage event: when, what, for which subject, and its fees per asset. */
export interface UsageEvent {
  /** The event id your server sent to Credyt. */
  id: string;
  /** Its type (`video_promoted`). */
  eventType: string;
  /** When it happened (ISO 8601). */
  occurredAt: string;
  /** What it was about (`video_a1b2c3`), when sent. */
  subject?: string;
  /** A human description, when sent. */
  description?: string;
  /** What it cost, per asset (and product). */
  fees: UsageFee[];
}

/** A page of usage, newest first; pass `nextCursor` back for the next one (`null`: no more). */
export interface UsagePage {
  /** Events, newest first. */
  items: UsageEvent[];
  /** Pass it back for the next page; `null` on the last page. */
  nextCursor: string | null;
}

/** A total of one asset. */
export interface AssetTotal {
  /** The asset (`"USD"`, `"TOK"`). */
  asset: string;
  /** The total, in major units of `asset`. */
  amount: number;
}

/** One day of a {@link UsageSummary}. */
export interface UsageDay {
  /** The local day (`YYYY-MM-DD`, in the summary's time zone). */
  date: string;
  /** That day's spend per asset. */
  totals: AssetTotal[];
}

/** What the customer spent this calendar month, per asset and per day. */
export interface UsageSummary {
  /** Always `month`: the current calendar month. */
  period: "month";
  /** The IANA time zone the month is read in. */
  tz: string;
  /** Local midnight on the 1st, as an instant (ISO 8601). */
  from: string;
  /** Now, exclusive (ISO 8601). */
  to: string;
  /** Spend per asset, exact, sorted by asset. */
  totals: AssetTotal[];
  /** Every day of the month so far, oldest first (a day without usage has empty `totals`). */
  days: UsageDay[];
  /** How many events were added up. */
  eventCount: number;
  /** False when there were more events than the server adds up: the totals are a lower bound. */
  complete: boolean;
}

/** What a top-up would credit. */
export interface Quote {
  /** Asset credited. */
  asset: string;
  /** Currency paid. */
  currency: string;
  /** Amount paid, in major units of `currency`. */
  amount: number;
  /** Units of `asset` credited, exact. */
  units: number;
  /** Who set the rate: `app` (the server's `exchangeRate`), `credyt`, or `none` (same asset). */
  rateSource: QuoteRateSource;
}

/** What to quote: `amount` of `currency`, credited to `asset`. */
export interface QuoteInput {
  /** Asset to credit. */
  asset: string;
  /** Currency to pay in. */
  currency: string;
  /** Amount to pay, in major units of `currency`. */
  amount: number;
}

/** Maps a wire usage page to its camelCase form. */
export function usagePageFromWire(wire: WireUsagePage): UsagePage {
  return {
    nextCursor: wire.next_cursor,
    items: wire.items.map((e) => {
      const event: UsageEvent = {
        id: e.id,
        eventType: e.event_type,
        occurredAt: e.occurred_at,
        fees: e.fees.map((f) => {
          const fee: UsageFee = { amount: f.amount, asset: f.asset };
          if (f.product_code !== undefined) fee.productCode = f.product_code;
          return fee;
        }),
      };
      if (e.subject !== undefined) event.subject = e.subject;
      if (e.description !== undefined) event.description = e.description;
      return event;
    }),
  };
}

/** Maps a wire usage summary to its camelCase form. */
export function usageSummaryFromWire(wire: WireUsageSummary): UsageSummary {
  return {
    period: wire.period,
    tz: wire.tz,
    from: wire.from,
    to: wire.to,
    totals: wire.totals,
    days: wire.days,
    eventCount: wire.event_count,
    complete: wire.complete,
  };
}

/** Maps a wire quote to its camelCase form. */
export function quoteFromWire(wire: WireQuote): Quote {
  return {
    asset: wire.asset,
    currency: wire.currency,
    amount: wire.amount,
    units: wire.units,
    rateSource: wire.rate_source,
  };
}
