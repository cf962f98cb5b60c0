import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { Miniflare, type Request as MiniflareRequest } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker, forward, UPSTREAM_HOST } from "./workerd";

// The plain Fetch entry, bundled as a Cloudflare Worker and run by workerd (through Miniflare) without
// the `nodejs_compat` flag: only web-standard globals exist. Its default `fetch` is the Worker's own;
// Miniflare's `outboundService` carries those upstream calls to the emulator.

const WORKER_SOURCE = `
import { createCredytProxy } from "@credyt/proxy";

let proxy;

export default {
  fetch(request, env) {
    proxy ??= createCredytProxy({
      apiKey: env.CREDYT_API_KEY,
      apiUrl: env.CREDYT_API_URL,
      getCustomerId: () => env.CUSTOMER_ID,
      // No NODE_ENV under workerd: development is stated, never guessed.
      dev: true,
      topUps: { currencies: ["USD"], min: 1, max: 500 },
    });
    return proxy(request);
  },
};
`;

let upstream: RunningEmulator;
let mf: Miniflare;
const toUpstream = forward((_, url) => `${upstream.url}${url.pathname}${url.search}`);
let bundle: string;
const outbound: { url: string; apiKey: string | null; cookie: string | null }[] = [];

beforeAll(async () => {
  // Checkout links on the URL the worker calls, as with a real Credyt (the proxy refuses other hosts).
  upstream = await startEmulator({ port: 0, admin: true, publicUrl: UPSTREAM_HOST });
  bundle = await bundleWorker(WORKER_SOURCE);
  mf = new Miniflare({
    modules: true,
    script: bundle,
    compatibilityDate: "2025-09-01",
    bindings: { CREDYT_API_KEY: upstream.apiKey, CREDYT_API_URL: UPSTREAM_HOST, CUSTOMER_ID: DEMO_CUSTOMER_ID },
    outboundService: (request: MiniflareRequest) => {
      outbound.push({
        url: request.url,
        apiKey: request.headers.get("x-credyt-api-key"),
        cookie: request.headers.get("cookie"),
      });
      return toUpstream(request);
    },
  });
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await upstream?.close();
});

describe("the Fetch entry under workerd (Miniflare)", () => {
  it("bundles with no Node built-ins and no Node-only globals", () => {
    expect(bundle.length).toBeGreaterThan(1_000);
    expect(bundle).not.toMatch(/from\s*["']node:/);
    expect(bundle).not.toMatch(/require\(\s*["'](node:)?(fs|net|http|crypto|buffer|stream)["']\s*\)/);
  });

  it("GET /wallet answers the customer's wallet from upstream", async () => {
    const response = await mf.dispatchFetch("https://app.example.com/api/credyt/wallet", {
      headers: { cookie: "session=secret" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { accounts?: unknown[] };
    expect(Array.isArray(body.accounts)).toBe(true);
    const call = outbound.at(-1);
    expect(call?.url).toBe(`${UPSTREAM_HOST}/customers/${DEMO_CUSTOMER_ID}/wallet`);
    expect(call?.apiKey).toBe(upstream.apiKey);
    expect(call?.cookie).toBeNull();
  }, 30_000);

  it("POST /top-ups creates one top-up and replays it for the same Idempotency-Key", async () => {
    const before = upstream.emulator.listTopUps().length;
    const post = () =>
      mf.dispatchFetch("https://app.example.com/api/credyt/top-ups", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Idempotency-Key": "edge-key-0001",
          Origin: "https://app.example.com",
        },
        body: JSON.stringify({ amount: 25, currency: "USD" }),
      });
    const [first, second] = await Promise.all([post(), post()]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const [a, b] = [await first.text(), await second.text()];
    expect(a).toBe(b);
    const created = JSON.parse(a) as { id: string; redirect_url?: string };
    expect(created.id).toMatch(/^top_/);
    expect(upstream.emulator.listTopUps().length).toBe(before + 1);
    expect(upstream.emulator.getTopUp(created.id)?.customer_id).toBe(DEMO_CUSTOMER_ID);
  }, 30_000);

  it("rejects what the proxy rejects everywhere: a browser-sent customer id, a foreign Origin", async () => {
    const spoofed = await mf.dispatchFetch(`https://app.example.com/api/credyt/wallet?customer_id=cust_other`);
    expect(spoofed.status).toBe(422);
    const foreign = await mf.dispatchFetch("https://app.example.com/api/credyt/top-ups", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": "edge-key-0002",
        Origin: "https://evil.example",
      },
      body: JSON.stringify({ amount: 25, currency: "USD" }),
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  }, 30_000);
});
