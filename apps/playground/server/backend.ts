/**
 * Where the playground's Credyt lives: the embedded, seeded emulator (default), or the real Credyt when
 * `CREDYT_API_KEY` and `CREDYT_API_URL` are set.
 */
import { DEFAULT_SEED, DEMO_CUSTOMER_ID, type EmulatorSeed, SECOND_CUSTOMER_ID } from "@credyt/emulator";
import { startEmulator } from "@credyt/emulator/node";
import type { PlaygroundConfig } from "./config";

/** What the app needs to reach Credyt. */
export interface Backend {
  apiKey: string;
  apiUrl: string;
  /** The emulator's base URL (hosted pages, admin routes); undefined with the real Credyt. */
  emulatorUrl?: string;
  /** Extra hosts checkout/portal redirects may go to (the emulator's). */
  redirectHosts: string[];
  videoPricePerSecond?: number;
  resolveCustomerId(externalId: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** USD per second of generated video, billed by the emulator's `video_generated` price. */
const VIDEO_PRICE_PER_SECOND = 0.25;

/** The emulator's default seed, plus the price of a generated video (per second of footage). */
const PLAYGROUND_SEED: EmulatorSeed = {
  ...DEFAULT_SEED,
  products: (DEFAULT_SEED.products ?? []).map((product) =>
    product.code === "glitch_video_std"
      ? {
          ...product,
          prices: [
            ...(product.prices ?? []),
            {
              event_type: "video_generated",
              asset: "USD",
              unit_price: VIDEO_PRICE_PER_SECOND,
              volume_field: "seconds",
            },
          ],
        }
      : product,
  ),
};

const EMULATOR_CUSTOMERS: Record<string, string> = { demo: DEMO_CUSTOMER_ID, "demo-2": SECOND_CUSTOMER_ID };

/** Starts the seeded emulator on `config.emulatorPort` (admin routes on: it is a local sandbox). */
export async function startEmulatorBackend(config: Pick<PlaygroundConfig, "host" | "emulatorPort">): Promise<Backend> {
  // The emulator stays on loopback unless the app itself is bound elsewhere (e.g. HOST=0.0.0.0 in a container).
  const host = config.host === "localhost" ? "127.0.0.1" : config.host;
  const emulator = await startEmulator({ port: config.emulatorPort, host, admin: true, seed: PLAYGROUND_SEED });
  const url = new URL(emulator.url);
  return {
    apiKey: emulator.apiKey,
    apiUrl: emulator.url.replace(/\/+$/, ""),
    emulatorUrl: emulator.url.replace(/\/+$/, ""),
    redirectHosts: [url.host],
    videoPricePerSecond: VIDEO_PRICE_PER_SECOND,
    resolveCustomerId: async (externalId) => EMULATOR_CUSTOMERS[externalId],
    close: () => emulator.close(),
  };
}

/** Uses the real Credyt; demo customers are looked up by `external_id` ("demo", "demo-2") once each. */
export function realCredytBackend(credyt: { apiKey: string; apiUrl: string }): Backend {
  const known = new Map<string, string>();
  return {
    ...credyt,
    redirectHosts: [],
    async resolveCustomerId(externalId) {
      const cached = known.get(externalId);
      if (cached) return cached;
      const response = await fetch(`${credyt.apiUrl}/customers?external_id=${encodeURIComponent(externalId)}`, {
        headers: { "x-credyt-api-key": credyt.apiKey, accept: "application/json" },
      });
      if (!response.ok) return undefined;
      // Credyt documents no shape for this lookup: accept a single customer or a page of them.
      const body = (await response.json()) as { id?: string; items?: { id?: string }[] };
      const id = body.items ? body.items[0]?.id : body.id;
      if (id) known.set(externalId, id);
      return id;
    },
    close: async () => undefined,
  };
}
