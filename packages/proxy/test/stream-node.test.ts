// The Node adapter with live streams over real sockets: each event is flushed as it happens, and a client
// that goes away leaves nothing behind (no stream, no poll timer, no listener).
import { type ClientRequest, createServer, get as httpGet, type IncomingMessage } from "node:http";
import { type ListeningServer, listen } from "@repo/tooling/server";
import { afterEach, describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/node";
import { CUSTOMER, FAKE_KEY, fakeUpstream, WALLET_TEXT } from "./fake-upstream";
import { ADAPTERS, type AdapterName } from "./servers";
import { readSse } from "./sse";

const servers: ListeningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

function start(pollIntervalMs = 50) {
  const upstream = fakeUpstream({
    // Every customer has the same wallet: this test is about connections, not balances.
    respond: (call) => (/^\/customers\/[^/]+\/wallet$/.test(call.path) ? new Response(WALLET_TEXT) : undefined),
  });
  const proxy = createCredytProxy({
    apiKey: FAKE_KEY,
    apiUrl: "https://credyt.test",
    fetch: upstream.fetch,
    getCustomerId: ({ req }) => (req.headers["x-test-user"] as string | undefined) ?? null,
    streams: { pollIntervalMs, maxStreamsPerCustomer: 100 },
  });
  return { proxy, upstream };
}

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = await listen(createServer(handler));
  servers.push(server);
  return server.url;
}

/** Opens a stream and resolves once its first wallet event arrived (so it must have been flushed). */
function openStream(url: string, customer: string): Promise<{ request: ClientRequest; response: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(`${url}/api/credyt/wallet/stream`, { headers: { "x-test-user": customer } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      const onData = (chunk: string) => {
        text += chunk;
        if (text.includes("event: wallet\n")) {
          response.off("data", onData);
          resolve({ request, response });
        }
      };
      response.on("data", onData);
    });
    request.on("error", reject);
  });
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("live streams on the Node adapter", () => {
  it("flushes each event as it happens, with the stream headers", async () => {
    const { proxy } = start();
    const url = await serve(proxy);
    const { request, response } = await openStream(url, "cust_a");
    expect(response.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["content-length"]).toBeUndefined();
    request.destroy();
    await until(() => proxy.streamStats().streams === 0);
  });

  it("opens and drops 1,000 streams across 100 customers: streams, polls and listeners return to zero", async () => {
    const { proxy, upstream } = start(50);
    const url = await serve(proxy);
    const streams = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => openStream(url, `cust_${String(i % 100).padStart(3, "0")}`)),
    );
    expect(proxy.streamStats()).toMatchObject({ streams: 1000, customers: 100 });
    // Polls ran while they were open (every 50 ms, one per customer, backing off).
    expect(proxy.streamStats().reads).toBeGreaterThan(100);
    for (const { request } of streams) request.destroy();
    await until(() => proxy.streamStats().streams === 0);
    expect(proxy.streamStats()).toMatchObject({ streams: 0, customers: 0 });
    const reads = upstream.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(upstream.calls.length).toBe(reads);
    for (const { server } of servers) {
      const count = await new Promise<number>((resolve, reject) =>
        server.getConnections((error, n) => (error ? reject(error) : resolve(n))),
      );
      expect(count).toBe(0);
    }
  }, 60_000);
});

describe("live streams through every adapter", () => {
  it.each(Object.keys(ADAPTERS) as AdapterName[])("%s streams the first wallet event at once", async (name) => {
    const upstream = fakeUpstream();
    const running = await ADAPTERS[name]({ apiKey: FAKE_KEY, apiUrl: "https://credyt.test", fetch: upstream.fetch });
    try {
      const controller = new AbortController();
      const response = await fetch(`${running.base}/wallet/stream`, {
        headers: { cookie: `user=${CUSTOMER}` },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const reader = readSse(response.body as ReadableStream<Uint8Array>);
      expect((await reader.next()).data).toBe(WALLET_TEXT);
      controller.abort();
    } finally {
      await running.close();
    }
  });
});
