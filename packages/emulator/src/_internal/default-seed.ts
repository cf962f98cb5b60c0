// The default seed and its ids, apart from the seed's validation (zod) and the store it builds, so the
// published typings of the entry files that re-export them reach no implementation module.
import type { EmulatorSeed } from "./types";

/** The demo customer of the default seed (`external_id: "demo"`). */
export const DEMO_CUSTOMER_ID = "cust_4yd8340ff7fvwe1emfpe87d4w6";
/** The second customer of the default seed (`external_id: "demo-2"`), for isolation tests. */
export const SECOND_CUSTOMER_ID = "cust_473cr1y0ghbyc3m1yfbwvn3nxx";

/** The default seed: Credyt's documented demo balances (14.566678 USD, 993450234 TOK) and a second customer. */
export const DEFAULT_SEED: EmulatorSeed = {
  assets: [
    {
      code: "TOK",
      name: "Tokens",
      precision: 0,
      symbol: "🪙",
      label: "TOK",
      rates: [{ source: "USD", rate: 0.000001 }],
    },
  ],
  products: [
    {
      id: "prp_4t2fz8a57hje7fjazkrc08jg5n",
      code: "glitch_video_std",
      name: "Glitch Video Standard",
      prices: [
        { event_type: "video_promoted", asset: "USD", unit_price: 0.5 },
        { event_type: "tokens_generated", asset: "TOK", unit_price: 1, volume_field: "tokens" },
      ],
    },
  ],
  customers: [
    {
      id: DEMO_CUSTOMER_ID,
      external_id: "demo",
      name: "Demo Customer",
      email: "demo@example.com",
      products: ["glitch_video_std"],
      usage_history_days: 28,
      accounts: [
        { asset: "USD", available: 14.566678 },
        { asset: "TOK", available: 993450234 },
      ],
    },
    {
      id: SECOND_CUSTOMER_ID,
      external_id: "demo-2",
      name: "Second Customer",
      products: ["glitch_video_std"],
      accounts: [{ asset: "USD", available: 50 }],
    },
  ],
};
