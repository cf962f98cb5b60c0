import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSse } from "./sse";
import { bundleWorker, forward, UPSTREAM_HOST } from "./workerd";

// The live wallet stream from the plain Fetch entry, bundled as a Worker and run by workerd (Miniflare)
// without `nodejs_compat`: the stream, its poll and its heartbeats use web-standard globals only.

const WORKER_SOURCE = `
import { createCredytProxy } from "@credyt/proxy";

let proxy;

export default {
  async fetch(request, env) {
    proxy ??= createCredytProxy({
      apiKey: env.CREDYT_API_KEY,
      apiUrl: env.CREDYT_API_URL,
      getCustomerId: () => env.CUSTOMER_ID,
      // No NODE_ENV under workerd: development is stated, never guessed.
      dev: true,
      // A read left behind by an ended request is abandoned after the upstream timeout (see endpoints.ts).
      timeoutMs: 2000,
      streams: { pollIntervalMs: 100, maxPollIntervalMs: 100, heartbeatMs: 200 },
    });
    const url = new URL(request.url);
    if (url.pathname === "/stats") return Response.json(proxy.streamStats());
    return proxy(request);
  },
};
`;

let upstream: RunningEmulator;
let mf: Miniflare;

beforeAll(async () => {
  upstream = await startEmulator({ port: 0 });
  mf = new Miniflare({
    modules: true,
    script: await bundleWorker(WORKER_SOURCE),
    compatibilityDate: "2025-09-01",
    bindings: { CREDYT_API_KEY: upstream.apiKey, CREDYT_API_URL: UPSTREAM_HOST, CUSTOMER_ID: DEMO_CUSTOMER_ID },
    outboundService: forward((_, url) => `${upstream.url}${url.pathname}${url.search}`),
  });
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await upstream?.close();
});

describe("the live stream under workerd (Miniflare)", () => {
  it("streams the wallet at once, pushes a change found by its poll to every tab, and sends heartbeats", async () => {
    const first = new AbortController();
    const response = await mf.dispatchFetch(`${APP}/api/credyt/wallet/stream`, { signal: first.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const tab1 = readSse(response.body as unknown as ReadableStream<Uint8Array>);
    expect((await tab1.next(10_000)).data).toContain('"available":14.566678');
    // A second tab is a second request: its stream is written from the first one's poll.
    const second = new AbortController();
    const other = await mf.dispatchFetch(`${APP}/api/credyt/wallet/stream`, { signal: second.signal });
    const tab2 = readSse(other.body as unknown as ReadableStream<Uint8Array>);
    expect((await tab2.next(10_000)).data).toContain('"available":14.566678');
    const adjusted = await fetch(`${upstream.url}/customers/${DEMO_CUSTOMER_ID}/wallet/adjustments`, {
      method: "POST",
      headers: { "X-CREDYT-API-KEY": upstream.apiKey, "Content-Type": "application/json" },
      body: JSON.stringify({ transaction_id: crypto.randomUUID(), asset: "USD", amount: 0.000002, reason: "gift" }),
    });
    expect(adjusted.status).toBe(201);
    const changed = await tab1.next(10_000);
    expect(changed.data).toContain('"available":14.56668,');
    expect((await tab2.next(10_000)).data).toBe(changed.data);
    await tab1.nothingWithin(500);
    expect(tab1.comments).toContain("heartbeat");
    expect(await stats()).toMatchObject({ streams: 2, customers: 1 });

    // The first tab goes away, and with its request the poll timer it started: the second tab's
    // heartbeat lets it go and takes the poll over.
    first.abort();
    await tab1.cancel().catch(() => {});
    await until(async () => (await stats()).streams === 1);
    await fetch(`${upstream.url}/customers/${DEMO_CUSTOMER_ID}/wallet/adjustments`, {
      method: "POST",
      headers: { "X-CREDYT-API-KEY": upstream.apiKey, "Content-Type": "application/json" },
      body: JSON.stringify({ transaction_id: crypto.randomUUID(), asset: "USD", amount: 1, reason: "gift" }),
    });
    expect((await tab2.next(10_000)).data).toContain('"available":15.56668,');
    second.abort();
    await tab2.cancel().catch(() => {});
    // Nothing of the closed tabs is held once another stream of the customer runs its heartbeat.
    const third = new AbortController();
    const again = await mf.dispatchFetch(`${APP}/api/credyt/wallet/stream`, { signal: third.signal });
    const tab3 = readSse(again.body as unknown as ReadableStream<Uint8Array>);
    expect((await tab3.next(10_000)).event).toBe("wallet");
    await until(async () => (await stats()).streams === 1);
    expect(await stats()).toMatchObject({ streams: 1, customers: 1 });
    third.abort();
    await tab3.cancel().catch(() => {});
  }, 60_000);
});

const APP = "https://app.example.com";

async function stats(): Promise<{ streams: number; customers: number }> {
  return (await (await mf.dispatchFetch(`${APP}/stats`)).json()) as { streams: number; customers: number };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
