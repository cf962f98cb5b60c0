// Clients that stop reading a live stream (issue 25, item 2): the Node adapter honours `drain`, so unread
// bytes stay in the stream where the proxy counts them; past a bound (bytes or time) the stream is dropped
// on every adapter, its slot freed at once and its connection closed. A client that reads is never dropped.
import { createServer, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { createCredytProxy as createHonoProxy } from "../src/hono";
import { createCredytProxy as createFetchProxy } from "../src/index";
import { createCredytProxy as createNodeProxy } from "../src/node";
import { CUSTOMER, FAKE_KEY } from "./fake-upstream";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A wallet of about 60 KB that changes on every read, so every poll pushes a large event. */
function bigWalletUpstream() {
  let reads = 0;
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!/^\/customers\/[^/]+\/wallet$/.test(url.pathname)) return new Response("{}", { status: 404 });
    reads += 1;
    const accounts = Array.from(
      { length: 600 },
      (_, i) =>
        `{"id":"a${i}:USD","name":"a${i}","asset":"USD","available":${reads}.${i},"pending_in":0,"pending_out":0}`,
    );
    return new Response(`{"accounts":[${accounts.join(",")}]}`, { headers: { "Content-Type": "application/json" } });
  };
  return fetch as typeof globalThis.fetch;
}

const streams = { pollIntervalMs: 5, maxPollIntervalMs: 5, heartbeatMs: 50, maxQueuedBytes: 4096 };
const common = { apiKey: FAKE_KEY, apiUrl: "https://credyt.test", fetch: bigWalletUpstream(), streams };

async function serve(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  );
  return (server.address() as { port: number }).port;
}

function connections(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

/** A client that sends the request, reads the first bytes, then stops reading (its socket paused). */
function stalledClient(port: number, customer: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `GET /api/credyt/wallet/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: user=${customer}\r\nX-Test-User: ${customer}\r\n\r\n`,
      );
    });
    socket.once("data", () => {
      socket.pause();
      resolve(socket);
    });
    socket.on("error", () => undefined);
    socket.once("close", () => reject(new Error("closed before the first bytes")));
    cleanups.push(() => {
      socket.destroy();
    });
  });
}

/** A client that reads everything; answers the bytes read so far. */
function readingClient(port: number, customer: string): { bytes: () => number; closed: () => boolean } {
  let bytes = 0;
  let closed = false;
  const socket = connect(port, "127.0.0.1", () => {
    socket.write(
      `GET /api/credyt/wallet/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: user=${customer}\r\nX-Test-User: ${customer}\r\n\r\n`,
    );
  });
  socket.on("data", (chunk) => {
    bytes += chunk.length;
  });
  socket.on("error", () => undefined);
  socket.on("close", () => {
    closed = true;
  });
  cleanups.push(() => {
    socket.destroy();
  });
  return { bytes: () => bytes, closed: () => closed };
}

async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const READER = "cust_reader000000000000000001";

const adapters = {
  "node:http": () => {
    const proxy = createNodeProxy({
      ...common,
      getCustomerId: ({ req }) => (req.headers["x-test-user"] as string | undefined) ?? null,
    });
    return { proxy, server: createServer(proxy) };
  },
  "fetch (@hono/node-server)": () => {
    const proxy = createFetchProxy({
      ...common,
      getCustomerId: ({ request }) => request.headers.get("x-test-user"),
    });
    return { proxy, server: createAdaptorServer({ fetch: (request: Request) => proxy(request) }) as Server };
  },
  hono: () => {
    const proxy = createHonoProxy({ ...common, getCustomerId: (c) => c.req.header("x-test-user") ?? null });
    const app = new Hono();
    app.all("/api/credyt/*", proxy);
    return { proxy, server: createAdaptorServer({ fetch: app.fetch }) as Server };
  },
};

describe("a client that stops reading is dropped and its slot freed", () => {
  for (const [name, make] of Object.entries(adapters)) {
    it(`${name}: the stalled stream is dropped and its connection closed; a reading client keeps its stream`, async () => {
      const { proxy, server } = make();
      const port = await serve(server);
      const reader = readingClient(port, READER);
      await until(() => proxy.streamStats().streams === 1);
      await stalledClient(port, CUSTOMER);
      await until(() => proxy.streamStats().streams === 2);
      // The stalled stream goes (its slot with it) and the server lets go of its connection.
      await until(() => proxy.streamStats().streams === 1);
      await until(async () => (await connections(server)) === 1);
      // The reader is still served.
      const before = reader.bytes();
      await until(() => reader.bytes() > before + 100_000);
      expect(reader.closed()).toBe(false);
      expect(proxy.streamStats().streams).toBe(1);
    }, 30_000);
  }
});

describe("the Fetch handler itself (any runtime)", () => {
  it("drops a stream whose body nobody reads once more than maxQueuedBytes are queued; reading it fails at once", async () => {
    const proxy = createFetchProxy({ ...common, getCustomerId: () => CUSTOMER });
    const response = await proxy(new Request("https://shop.example/api/credyt/wallet/stream"));
    expect(response.status).toBe(200);
    await until(() => proxy.streamStats().streams === 0, 5_000);
    await expect((response.body as ReadableStream).getReader().read()).rejects.toThrow(/stopped reading/);
  });

  it("drops a stream left unread for stallMs even when little is queued (heartbeats only)", async () => {
    const quiet = async () =>
      new Response(
        '{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":1,"pending_in":0,"pending_out":0}]}',
      );
    const proxy = createFetchProxy({
      apiKey: FAKE_KEY,
      apiUrl: "https://credyt.test",
      fetch: quiet as typeof globalThis.fetch,
      getCustomerId: () => CUSTOMER,
      streams: { heartbeatMs: 30, stallMs: 200, maxQueuedBytes: 1_000_000 },
    });
    const response = await proxy(new Request("https://shop.example/api/credyt/wallet/stream"));
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(proxy.streamStats().streams).toBe(1);
    await until(() => proxy.streamStats().streams === 0, 5_000);
    await expect((response.body as ReadableStream).getReader().read()).rejects.toThrow(/stopped reading/);
  });

  it("keeps a stream whose body is read, however long it lives", async () => {
    const proxy = createFetchProxy({
      ...common,
      streams: { ...streams, stallMs: 200 },
      getCustomerId: () => CUSTOMER,
    });
    const response = await proxy(new Request("https://shop.example/api/credyt/wallet/stream"));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    const started = Date.now();
    while (Date.now() - started < 600) bytes += (await reader.read()).value?.length ?? 0;
    expect(bytes).toBeGreaterThan(100_000);
    expect(proxy.streamStats().streams).toBe(1);
    await reader.cancel();
    expect(proxy.streamStats().streams).toBe(0);
  });
});
