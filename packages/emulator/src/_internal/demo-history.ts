import { isCurrencyCode } from "@credyt/core";
import { dec } from "./money";
import type { CustomerRecord, EventRecord, ProductRecord } from "./state";
import { isoTimestamp } from "./time";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A small deterministic PRNG (mulberry32), so the same seed always gives the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A UUID v4 drawn from the PRNG (not from a counter, so it never meets the ids tests send). */
function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(next() * 4)] as string;
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A few weeks of realistic usage for a seeded customer: each day a handful of events of the types its
 * products price, with the fees those prices give (exact decimals). Deterministic for a customer id and a
 * start time, and ending just before `now`, so "this month" and a per-day chart always have data.
 * The events are history only: the seeded balances are what is left after them, so nothing is debited.
 * Volumes are plausible for what they price: a per-unit price in a currency (seconds of video at $0.25) gets
 * 5, 10 or 15 units, a custom asset (tokens at 1 TOK each) 500 to 30,250, so a day costs a few dollars.
 */
export function demoHistory(
  customer: CustomerRecord,
  products: ProductRecord[],
  days: number,
  now: Date,
): EventRecord[] {
  const next = random(hashOf(customer.id));
  const prices = products.flatMap((product) => product.prices.map((price) => ({ product, price })));
  const types = [...new Set(prices.map((p) => p.price.event_type))];
  if (types.length === 0) return [];
  const events: EventRecord[] = [];
  for (let day = days - 1; day >= 0; day--) {
    const count = 2 + Math.floor(next() * 4);
    // Minutes before `now` on that day, latest first, so the list is in time order when reversed.
    const offsets = Array.from({ length: count }, () => 1 + Math.floor(next() * (DAY_MS / 60_000 - 1))).sort(
      (a, b) => b - a,
    );
    for (const minutes of offsets) {
      const eventType = types[Math.floor(next() * types.length)] as string;
      const occurred = isoTimestamp(new Date(now.getTime() - day * DAY_MS - minutes * 60_000));
      const volumePrice = prices.find((p) => p.price.event_type === eventType && p.price.volume_field)?.price;
      const volumeField = volumePrice?.volume_field;
      const data: Record<string, unknown> = {};
      if (volumeField) {
        data[volumeField] = isCurrencyCode(volumePrice.asset)
          ? 5 * (1 + Math.floor(next() * 3))
          : 500 + Math.floor(next() * 120) * 250;
      }
      const subject = `video_${Math.floor(next() * 0xffffff)
        .toString(16)
        .padStart(6, "0")}`;
      events.push({
        id: uuidFrom(next),
        customer_id: customer.id,
        event_type: eventType,
        occurred_at: occurred,
        subject,
        description: eventType.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase()),
        data,
        created_at: occurred,
        fees: prices
          .filter((p) => p.price.event_type === eventType)
          .filter((p) => !p.price.volume_field || typeof data[p.price.volume_field] === "number")
          .map(({ product, price }) => ({
            amount: price.unit_price.mul(price.volume_field ? dec(data[price.volume_field] as number) : dec(1)),
            asset: price.asset,
            account_id: `default:${price.asset}`,
            product_id: product.id,
            product_code: product.code,
            product_version: product.version,
          })),
      });
    }
  }
  return events;
}
