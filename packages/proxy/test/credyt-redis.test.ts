// Two `createCredyt` instances, each with its own Redis connections and HTTP server (two containers
// behind a load balancer), sharing one redis-server and the emulator: the one-store promise of issue 22.
import { createServer } from "node:http";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { startRedis, type TestRedis } from "@repo/tooling/redis";
import { type ListeningServer, listen } from "@repo/tooling/server";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Credyt, createCredyt } from "../src/index";
import type { NodeContext } from "../src/node";
import { createRedisStore } from "../src/redis";
import { readSse } from "./sse";

type Client = ReturnType<typeof createClient>;

let redis: TestRedis;
let upstream: RunningEmulator;
const clients: Client[] = [];
const servers: ListeningServer[] = [];
let creations = 0;
let lookups = 0;

/** The emulator, counting `POST /customers` and `GET /customers?external_id=`. */
const countingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.pathname === "/customers") {
    if (request.method === "POST") creations++;
    else lookups++;
  }
  return fetch(request);
};

async function connected(): Promise<Client> {
  const client = createClient({ url: redis.url });
  client.on("error", () => {});
  await client.connect();
  clients.push(client);
  return client;
}

async function startInstance(): Promise<string> {
  return (await startCredyt()).url;
}

async function startCredyt(): Promise<{ url: string; credyt: Credyt<NodeContext> }> {
  const client = await connected();
  const subscriber = await connected();
  const credyt = createCredyt<NodeContext>({
    apiKey: upstream.apiKey,
    apiUrl: upstream.url,
    fetch: countingFetch,
    dev: true,
    identify: ({ req }) => {
      const user = req.headers["x-user"];
      return typeof user === "string" ? { externalId: user } : null;
    },
    store: createRedisStore({ client, subscriber, commandTimeoutMs: 5_000 }),
    rateLimit: { reads: { limit: 5 } },
    // No poll within a test's time: a change seen by a stream came through the store's fan-out.
    streams: { pollIntervalMs: 60_000 },
  });
  // Plain node:http: the proxy serves under its default basePath, /api/credyt.
  const server = await listen(createServer(credyt.node()), { path: "/api/credyt" });
  servers.push(server);
  return { url: server.url, credyt };
}

beforeAll(async () => {
  redis = await startRedis();
  upstream = await startEmulator({ port: 0 });
}, 20_000);

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(clients.splice(0).map((client) => client.quit().catch(() => undefined)));
});

afterAll(async () => {
  await upstream?.close();
  await redis?.stop();
});

describe("createRedisStore shared by two instances", () => {
  it("20 simultaneous first requests of a new user, split between two instances, create exactly one customer", async () => {
    const urls = [await startInstance(), await startInstance()];
    creations = 0;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => fetch(`${urls[i % 2]}/wallet`, { headers: { "x-user": "user-redis-1" } })),
    );
    // Reads are limited to 5 per customer across both instances: 5 answered, 15 refused, one customer.
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expect(creations).toBe(1);
    const lookup = await fetch(`${upstream.url}/customers?external_id=user-redis-1`, {
      headers: { "X-CREDYT-API-KEY": upstream.apiKey },
    });
    expect(((await lookup.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it("a third instance started later finds the mapping in Redis without asking Credyt", async () => {
    const first = await startInstance();
    creations = 0;
    expect((await fetch(`${first}/wallet`, { headers: { "x-user": "user-redis-2" } })).status).toBe(200);
    expect(creations).toBe(1);
    const later = await startInstance();
    lookups = 0;
    expect((await fetch(`${later}/wallet`, { headers: { "x-user": "user-redis-2" } })).status).toBe(200);
    expect(creations).toBe(1);
    expect(lookups).toBe(0);
  });

  it("the same store carries the streams' fan-out: notify({ externalId }) on A reaches a stream held by B", async () => {
    const [a, b] = [await startCredyt(), await startCredyt()];
    const controller = new AbortController();
    const response = await fetch(`${b.url}/wallet/stream`, {
      headers: { "x-user": "demo" },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const events = readSse(response.body as ReadableStream<Uint8Array>);
    try {
      const first = await events.next(5_000);
      const adjusted = await fetch(`${upstream.url}/customers/${DEMO_CUSTOMER_ID}/wallet/adjustments`, {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": upstream.apiKey, "Content-Type": "application/json" },
        body: JSON.stringify({ transaction_id: crypto.randomUUID(), asset: "USD", amount: 0.25, reason: "gift" }),
      });
      expect(adjusted.status).toBe(201);
      // A has never seen "demo": it finds the customer by external id, reads the wallet once, publishes it.
      await a.credyt.notify({ externalId: "demo" });
      const next = await events.next(5_000);
      expect(next.data).not.toBe(first.data);
      expect(a.credyt.streamStats()).toMatchObject({ streams: 0, reads: 1 });
    } finally {
      await events.cancel();
      controller.abort();
    }
  }, 30_000);
});
