/**
 * The playground's HTTP app (Hono): a demo sign-in kept in a signed session cookie, the Credyt proxy
 * mounted at /api/credyt (with its live balance stream), and a "generate video" route that bills a usage
 * event and tells the proxy (`notify`), so every open tab of that customer shows the new balance at once.
 * Static files and the dev server (Vite) are added by the entry points, so tests and `pnpm dev` share this
 * exact app.
 */
import { randomUUID } from "node:crypto";
import { createCredyt } from "@credyt/proxy";
import { type HonoContext, toHonoHandler } from "@credyt/proxy/hono";
import { type Context, Hono } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { DemoCustomer } from "./config";

const SESSION_COOKIE = "playground_session";
/** How long a video takes to render, in seconds; the event's billed volume. */
const VIDEO_SECONDS = 10;

export interface PlaygroundAppOptions {
  apiKey: string;
  apiUrl: string;
  sessionSecret: string;
  customers: DemoCustomer[];
  /** The Credyt customer id for an `external_id` (a fixed map for the emulator, a lookup for the real API). */
  resolveCustomerId(externalId: string): Promise<string | undefined>;
  /** Usage event type "generate video" sends. */
  eventType: string;
  /** Per-second video price, shown in the UI; undefined when the product's pricing is not known here. */
  videoPricePerSecond?: number;
  /** Hosts the browser may be sent to for checkout and the portal, besides Credyt's. */
  redirectHosts: string[];
  /** Set `Secure` on the session cookie (when served over https). @default false */
  secureCookie?: boolean;
  /** `fetch` used to reach Credyt (tests may pass the emulator's). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/**
 * Tokens per US dollar shown on the credits page: the TOK asset's own rate in the emulator's seed
 * (0.000001 USD per token). Top-ups send no override, so Credyt applies the asset's rate, and the
 * top-up preview quotes it from `GET /assets/TOK`.
 */
const TOKENS_PER_DOLLAR = 1_000_000;

/** Creates the Hono app. Mount it in any Node server (see dev.ts and serve.ts). */
export function createPlaygroundApp(options: PlaygroundAppOptions): Hono {
  const { apiKey, apiUrl, sessionSecret, customers } = options;
  const upstream = options.fetch ?? globalThis.fetch;
  const app = new Hono();

  async function signedInAs(c: Context): Promise<DemoCustomer | undefined> {
    const externalId = await getSignedCookie(c, sessionSecret, SESSION_COOKIE);
    if (!externalId) return undefined;
    return customers.find((x) => x.externalId === externalId);
  }

  async function customerIdOf(c: Context): Promise<string | null> {
    const customer = await signedInAs(c);
    return customer ? ((await options.resolveCustomerId(customer.externalId)) ?? null) : null;
  }

  // Our own POSTs take JSON only: a cross-site HTML form cannot send that without a CORS preflight.
  app.use("/api/session", async (c, next) => {
    if (c.req.method !== "GET" && !c.req.header("content-type")?.startsWith("application/json")) {
      return c.json({ error: { code: "unsupported_media_type", message: "Send JSON." } }, 415);
    }
    await next();
  });
  app.use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });

  app.get("/api/session", async (c) => {
    const customer = await signedInAs(c);
    return c.json({
      customer: customer ?? null,
      customers,
      redirectHosts: options.redirectHosts,
      video: { seconds: VIDEO_SECONDS, pricePerSecond: options.videoPricePerSecond ?? null, currency: "USD" },
      tokensPerDollar: TOKENS_PER_DOLLAR,
    });
  });

  app.post("/api/session", async (c) => {
    const body = (await c.req.json().catch(() => null)) as { customer?: unknown } | null;
    const customer = customers.find((x) => x.externalId === body?.customer);
    if (!customer)
      return c.json({ error: { code: "invalid_request", message: "Pick one of the demo customers." } }, 422);
    if (!(await options.resolveCustomerId(customer.externalId))) {
      return c.json(
        { error: { code: "not_found", message: `No Credyt customer has external_id "${customer.externalId}".` } },
        404,
      );
    }
    await setSignedCookie(c, SESSION_COOKIE, customer.externalId, sessionSecret, {
      httpOnly: true,
      sameSite: "Lax",
      path: "/",
      secure: options.secureCookie ?? false,
      maxAge: 60 * 60 * 24,
    });
    return c.json({ customer });
  });

  app.delete("/api/session", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });

  // One instance: the proxy's routes and `notify` below share it. The proxy maps the signed-in demo user
  // (our own id, Credyt's external_id) to its Credyt customer and remembers it.
  const credyt = createCredyt<HonoContext>({
    apiKey,
    apiUrl,
    // The playground is a local development tool (loopback or a LAN address): this site is its Host.
    dev: true,
    identify: async ({ c }) => {
      const customer = await signedInAs(c);
      return customer ? { externalId: customer.externalId, name: customer.name } : null;
    },
    returnUrl: "/credits",
    topUps: {
      currencies: { USD: { min: 5, max: 500 } },
      assets: ["USD", "TOK"],
    },
    // The demo customers are shared by every tab you open and by the end-to-end suite, which signs in as
    // them back to back (and a live stream's opening counts as a read); each page reads the whole usage
    // history (Credyt documents no order for it). A real customer is one person, so apps keep the defaults
    // (120 reads and 300 calls to Credyt a minute per customer).
    rateLimit: { reads: { limit: 1200 } },
    upstreamBudget: { limit: 3000 },
    fetch: upstream,
  });
  // "Generate video": the app does its work, then bills it as a usage event; Credyt debits the wallet.
  app.post("/api/videos", async (c) => {
    if (!c.req.header("content-type")?.startsWith("application/json")) {
      return c.json({ error: { code: "unsupported_media_type", message: "Send JSON." } }, 415);
    }
    const customerId = await customerIdOf(c);
    if (!customerId) return c.json({ error: { code: "unauthorized", message: "Sign in first." } }, 401);
    const videoId = `video_${randomUUID().slice(0, 12)}`;
    const response = await upstream(`${apiUrl}/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-credyt-api-key": apiKey },
      body: JSON.stringify({
        customer_id: customerId,
        events: [
          {
            id: randomUUID(),
            event_type: options.eventType,
            occurred_at: new Date().toISOString(),
            subject: videoId,
            description: "Video generated",
            data: { seconds: VIDEO_SECONDS },
          },
        ],
      }),
    });
    if (!response.ok) {
      console.error(`Credyt POST /events answered ${response.status}: ${await response.text()}`);
      return c.json({ error: { code: "upstream_error", message: "Could not bill the video; try again." } }, 502);
    }
    // The wallet changed: push it to this customer's open tabs now rather than at their next poll.
    // The video is billed either way; a failed read only delays the live balance until that poll.
    await credyt.notify(customerId).catch((error: unknown) => {
      console.error(`Live balance notify failed: ${(error as Error).message}`);
    });
    return c.json({ id: videoId, seconds: VIDEO_SECONDS }, 201);
  });

  app.all("/api/credyt/*", toHonoHandler(credyt));

  app.all("/api/*", (c) => c.json({ error: { code: "not_found", message: `No route ${c.req.path}.` } }, 404));
  return app;
}
