import { createServer } from "node:http";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { startRedis, type TestRedis } from "@repo/tooling/redis";
import { type ListeningServer, listen } from "@repo/tooling/server";
import { Miniflare } from "miniflare";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker, forward, UPSTREAM_HOST } from "./workerd";

// Edge runtimes have no TCP sockets, so node-redis cannot run there; `createRedisStores` only needs
// `isReady` and `sendCommand(args)`, so a Worker can reach Redis over HTTP instead. This test gives
// Redis an Upstash-style REST front (POST a JSON array, get `{ result }`) and runs two workerd
// processes (two Miniflare instances) of one Worker that shares one Redis through it.

const WORKER_SOURCE = `
import { createCredytProxy } from "@credyt/proxy";
import { createRedisStores } from "@credyt/proxy/redis";

let proxy;

export default {
  fetch(request, env) {
    if (!proxy) {
      const client = {
        isReady: true,
        async sendCommand(args) {
          const response = await fetch(env.REDIS_REST_URL, { method: "POST", body: JSON.stringify(args) });
          const reply = await response.json();
          if (!response.ok) throw new Error(reply.error);
          return reply.result;
        },
      };
      // Each command is an HTTP round trip (here through Miniflare and Node): allow more than the 1 s default.
      const { idempotencyStore, rateLimitStore } = createRedisStores({ client, commandTimeoutMs: 5000 });
      proxy = createCredytProxy({
        apiKey: env.CREDYT_API_KEY,
        apiUrl: env.CREDYT_API_URL,
        getCustomerId: () => env.CUSTOMER_ID,
        // No NODE_ENV under workerd: development is stated, never guessed.
        dev: true,
        idempotencyStore,
        rateLimit: { store: rateLimitStore, limit: 3, windowMs: 60_000 },
      });
    }
    return proxy(request);
  },
};
`;

const REDIS_REST_URL = "https://redis.rest.test/";

let redis: TestRedis;
let redisClient: ReturnType<typeof createClient>;
let rest: ListeningServer;
let restUrl: string;
let upstream: RunningEmulator;
let workers: Miniflare[] = [];
const redisErrors: unknown[] = [];

/** The Upstash-style REST front: one command per POST, as a JSON array of strings. */
function startRest(): Promise<ListeningServer> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      const args = JSON.parse(body) as string[];
      redisClient.sendCommand(args).then(
        (result) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ result })),
        (error: unknown) => res.writeHead(500).end(JSON.stringify({ error: String(error) })),
      );
    });
  });
  return listen(server, { path: "/" });
}

// The Worker's calls: Redis commands to the REST front, everything else to the emulator.
const outbound = forward((request, url) =>
  request.url === REDIS_REST_URL ? restUrl : `${upstream.url}${url.pathname}${url.search}`,
);

beforeAll(async () => {
  redis = await startRedis();
  redisClient = createClient({ url: redis.url });
  redisClient.on("error", (error: unknown) => redisErrors.push(error));
  await redisClient.connect();
  rest = await startRest();
  restUrl = rest.url;
  // Checkout links on the URL the workers call, as with a real Credyt (the proxy refuses other hosts).
  upstream = await startEmulator({ port: 0, admin: true, publicUrl: UPSTREAM_HOST });
  const script = await bundleWorker(WORKER_SOURCE);
  workers = [0, 1].map(
    () =>
      new Miniflare({
        modules: true,
        script,
        compatibilityDate: "2025-09-01",
        bindings: {
          CREDYT_API_KEY: upstream.apiKey,
          CREDYT_API_URL: UPSTREAM_HOST,
          CUSTOMER_ID: DEMO_CUSTOMER_ID,
          REDIS_REST_URL,
        },
        outboundService: outbound,
      }),
  );
  await Promise.all(workers.map((worker) => worker.ready));
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.dispose()));
  await rest?.close();
  if (redisClient?.isOpen) await redisClient.close();
  await redis?.stop();
  await upstream?.close();
});

function post(worker: number, key: string) {
  const target = workers[worker % workers.length];
  if (!target) throw new Error("no worker");
  return target.dispatchFetch("https://app.example.com/api/credyt/top-ups", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify({ amount: 15, currency: "USD" }),
  });
}

describe("two workerd instances sharing Redis through an HTTP client", () => {
  it("50 concurrent POSTs with one Idempotency-Key, split between them: one top-up, 50 identical answers", async () => {
    const before = upstream.emulator.listTopUps().length;
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => post(i, "edge-shared-0001")));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(bodies.filter((_, i) => responses[i]?.status !== 201)).toEqual([]);
    expect(new Set(bodies).size).toBe(1);
    expect(upstream.emulator.listTopUps().length - before).toBe(1);
    expect(responses.filter((r) => r.headers.get("Idempotent-Replayed") === "true")).toHaveLength(49);
    expect(await redisClient.exists(`credyt:idem:${DEMO_CUSTOMER_ID}:edge-shared-0001`)).toBe(1);
  }, 30_000);

  it("the rate limit (3 per minute) is counted once across both", async () => {
    await redisClient.del(`credyt:rate:${DEMO_CUSTOMER_ID}`);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(i, `edge-rate-${i}-xxxx`)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    expect(redisErrors).toEqual([]);
  }, 30_000);
});
