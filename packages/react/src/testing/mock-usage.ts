import type { CredytError, Quote, QuoteInput, UsageEvent, UsagePage, UsageSummary } from "@credyt/core";

/** Usage data and failures a mock client answers the usage calls with. */
export interface MockUsageOptions {
  /** The whole history, newest first. @default {@link demoUsage}() */
  events?: UsageEvent[];
  /** The month's summary. @default one computed from `events` */
  summary?: UsageSummary;
  /** Units per unit of currency for `getQuote` (1,000,000 TOK per USD by default). @default 1000000 */
  unitsPerCurrency?: number;
  /** Failures of the usage calls. */
  errors?: { getUsage?: CredytError; getUsageSummary?: CredytError; getQuote?: CredytError };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A fixed "now" for the demo data, so stories and screenshots never change. */
export const MOCK_NOW = Date.UTC(2026, 10, 20, 15, 0, 0);

/**
 * A deterministic usage history of `count` events ending at {@link MOCK_NOW}: videos billed in USD and
 * token generation billed in TOK, a few per day.
 */
export function demoUsage(count = 40): UsageEvent[] {
  const events: UsageEvent[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(MOCK_NOW - Math.floor(i / 3) * DAY_MS - (i % 3) * 3_600_000 - 600_000);
    const video = i % 2 === 0;
    events.push({
      id: `evt_${String(i).padStart(4, "0")}`,
      eventType: video ? "video_promoted" : "tokens_generated",
      occurredAt: at.toISOString(),
      subject: `video_${(0xa1b2c3 + i * 97).toString(16)}`,
      description: video ? "Video promoted" : "Tokens generated",
      fees: [video ? { amount: 0.5, asset: "USD" } : { amount: 1250 + (i % 5) * 250, asset: "TOK" }],
    });
  }
  return events;
}

function add(totals: Map<string, number>, asset: string, amount: number): void {
  // Fixture amounts are cents and whole tokens, so float sums stay exact; the real summary comes from the server.
  totals.set(asset, Math.round(((totals.get(asset) ?? 0) + amount) * 1e6) / 1e6);
}
const list = (totals: Map<string, number>) =>
  [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([asset, amount]) => ({ asset, amount }));

/** This (mock) month's summary of `events`, in UTC. */
export function summaryOf(events: UsageEvent[], now = MOCK_NOW): UsageSummary {
  const today = new Date(now);
  const from = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
  const totals = new Map<string, number>();
  const days = new Map<string, Map<string, number>>();
  for (let d = 1; d <= today.getUTCDate(); d++) {
    days.set(new Date(from + (d - 1) * DAY_MS).toISOString().slice(0, 10), new Map());
  }
  let count = 0;
  for (const event of events) {
    const at = Date.parse(event.occurredAt);
    if (at < from || at > now) continue;
    count += 1;
    const day = days.get(event.occurredAt.slice(0, 10));
    for (const fee of event.fees) {
      add(totals, fee.asset, fee.amount);
      if (day) add(day, fee.asset, fee.amount);
    }
  }
  return {
    period: "month",
    tz: "UTC",
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    totals: list(totals),
    days: [...days].map(([date, t]) => ({ date, totals: list(t) })),
    eventCount: count,
    complete: true,
  };
}

/** The usage calls of a mock client: pages of `events` with numeric cursors, a summary and quotes. */
export function mockUsageCalls(
  options: MockUsageOptions,
  settle: <T>(error: CredytError | undefined, value: () => T) => Promise<T>,
) {
  const events = () => options.events ?? demoUsage();
  return {
    getUsage(page: { limit?: number; cursor?: string | null } = {}): Promise<UsagePage> {
      return settle(options.errors?.getUsage, () => {
        const start = page.cursor ? Number(page.cursor) : 0;
        const limit = page.limit ?? 20;
        const all = events();
        const items = structuredClone(all.slice(start, start + limit));
        return { items, nextCursor: start + limit < all.length ? String(start + limit) : null };
      });
    },
    getUsageSummary(tz: string): Promise<UsageSummary> {
      return settle(options.errors?.getUsageSummary, () => ({ ...(options.summary ?? summaryOf(events())), tz }));
    },
    getQuote(input: QuoteInput): Promise<Quote> {
      return settle(options.errors?.getQuote, () => {
        const same = input.asset === input.currency;
        const per = same ? 1 : (options.unitsPerCurrency ?? 1_000_000);
        return {
          ...input,
          units: Math.floor(input.amount * per),
          rate: 1 / per,
          rateSource: same ? "none" : "credyt",
        };
      });
    },
  };
}
