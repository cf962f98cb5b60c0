import {
  CredytError,
  type UsageEvent,
  type UsageSummary,
  type WireQuote,
  type WireUsagePage,
  type WireUsageSummary,
} from "@credyt/core";

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
      fees: [
        video
          ? { amount: 0.5, asset: "USD", productCode: "video_standard" }
          : { amount: 1250 + (i % 5) * 250, asset: "TOK", productCode: "chat_tokens" },
      ],
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

function pageToWire(items: UsageEvent[], next: string | null): WireUsagePage {
  return {
    next_cursor: next,
    items: items.map((e) => ({
      id: e.id,
      event_type: e.eventType,
      occurred_at: e.occurredAt,
      ...(e.subject !== undefined ? { subject: e.subject } : {}),
      ...(e.description !== undefined ? { description: e.description } : {}),
      fees: e.fees.map((f) => ({
        amount: f.amount,
        asset: f.asset,
        ...(f.productCode !== undefined ? { product_code: f.productCode } : {}),
      })),
    })),
  };
}

/**
 * The mock client's `get`: answers `/usage` (numeric cursors over `events`), `/usage/summary` and `/quote`
 * with wire JSON, or rejects with the configured error; an unknown path is a `not_found`.
 */
export function mockUsageGet(
  options: MockUsageOptions,
  settle: <T>(error: CredytError | undefined, value: () => T) => Promise<T>,
) {
  const events = () => options.events ?? demoUsage();
  return function get<W>(path: string, check: (body: unknown) => string[]): Promise<W> {
    const url = new URL(path, "mock://credyt");
    const q = (name: string) => url.searchParams.get(name);
    const answer = (error: CredytError | undefined, value: () => unknown) =>
      settle(error, () => {
        const body = value();
        const problems = check(body);
        if (problems.length > 0) throw new CredytError("invalid_response", problems.join("; "));
        return body as W;
      });
    if (url.pathname === "/usage") {
      return answer(options.errors?.getUsage, () => {
        const start = Number(q("cursor") ?? 0);
        const limit = Number(q("limit") ?? 20);
        const all = events();
        return pageToWire(all.slice(start, start + limit), start + limit < all.length ? String(start + limit) : null);
      });
    }
    if (url.pathname === "/usage/summary") {
      return answer(options.errors?.getUsageSummary, () => {
        const s = options.summary ?? summaryOf(events());
        const wire: WireUsageSummary = {
          period: "month",
          tz: q("tz") ?? s.tz,
          from: s.from,
          to: s.to,
          totals: s.totals,
          days: s.days,
          event_count: s.eventCount,
          complete: s.complete,
        };
        return wire;
      });
    }
    if (url.pathname === "/quote") {
      return answer(options.errors?.getQuote, () => {
        const asset = q("asset") ?? "";
        const currency = q("currency") ?? "";
        const amount = Number(q("amount"));
        const same = asset === currency;
        const per = same ? 1 : (options.unitsPerCurrency ?? 1_000_000);
        const wire: WireQuote = {
          asset,
          currency,
          amount,
          units: Math.floor(amount * per),
          rate_source: same ? "none" : "credyt",
        };
        return wire;
      });
    }
    return settle(new CredytError("not_found", `The mock client serves no ${url.pathname}.`), () => undefined as W);
  };
}
