import { createServer } from "node:http";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { getRequestListener } from "@hono/node-server";
import { startRedis, type TestRedis } from "@repo/tooling/redis";
import { type ListeningServer, listen } from "@repo/tooling/server";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type CredytProxyEvent, createCredytProxy } from "../src/index";
import { createRedisStores } from "../src/redis";

// Two proxy instances, each with its own Redis connection and its own HTTP server, as two containers
// behind a load balancer would be. Everything they share is one redis-server and the emulator.

type Client = ReturnType<typeof createClient>;

interface Instance {
  url: string;
  client: Client;
  server: ListeningServer;
}

let redis: TestRedis;
let upstream: RunningEmulator;
let instances: Instance[] = [];
let events: CredytProxyEvent[] = [];
const redisErrors: unknown[] = [];

async function startInstance(rateLimit: number, getLimit?: number): Promise<Instance> {
  const client = createClient({
    url: redis.url,
    socket: { reconnectStrategy: (retries) => Math.min(50 * (retries + 1), 250) },
  });
  client.on("error", (error: unknown) => redisErrors.push(error));
  await client.connect();
  // A generous command timeout: this suite shares two cores with others; outages are seen via `isReady`.
  const { idempotencyStore, rateLimitStore } = createRedisStores({ client, commandTimeoutMs: 5_000 });
  const proxy = createCredytProxy({
    apiKey: upstream.apiKey,
    apiUrl: upstream.url,
    getCustomerId: () => DEMO_CUSTOMER_ID,
    idempotencyStore,
    rateLimit: { store: rateLimitStore, limit: rateLimit, windowMs: 60_000 },
    // Most of this suite loads one customer with GETs on purpose; the GET-limit test sets one.
    getRateLimit: getLimit === undefined ? false : { store: rateLimitStore, limit: getLimit, windowMs: 60_000 },
    onEvent: (event) => {
      events.push(event);
    },
  });
  const server = await listen(createServer(getRequestListener((request) => proxy(request))), { path: "/api/credyt" });
  return { url: server.url, client, server };
}

async function startInstances(rateLimit: number, getLimit?: number): Promise<void> {
  instances = [await startInstance(rateLimit, getLimit), await startInstance(rateLimit, getLimit)];
  await instance(0).client.flushAll();
}

function instance(i: number): Instance {
  const found = instances[i % instances.length];
  if (!found) throw new Error("no instance");
  return found;
}

function postTopUp(i: number, key: string, amount = 20): Promise<Response> {
  return fetch(`${instance(i).url}/top-ups`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify({ amount, currency: "USD" }),
  });
}

const getWallet = (i: number) => fetch(`${instance(i).url}/wallet`);
const topUpCount = () => upstream.emulator.listTopUps().length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

beforeAll(async () => {
  redis = await startRedis();
  upstream = await startEmulator({ port: 0, admin: true });
}, 20_000);

afterAll(async () => {
  await upstream?.close();
  await redis?.stop();
});

beforeEach(() => {
  events = [];
  upstream.emulator.reset();
});

afterEach(async () => {
  for (const { client, server } of instances) {
    client.destroy();
    await server.close();
  }
  instances = [];
  if (!redis.running) await redis.restart();
});

describe("two proxy instances sharing one Redis", () => {
  it("50 concurrent POSTs with one Idempotency-Key, split between them: one top-up, 50 identical answers", async () => {
    await startInstances(30);
    const before = topUpCount();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => postTopUp(i, "double-click-0001")));
    const bodies = await Promise.all(responses.map((r) => r.text()));

    expect(topUpCount() - before).toBe(1);
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(bodies).size).toBe(1);
    const created = JSON.parse(bodies[0] ?? "{}") as { id?: string };
    expect(created.id).toBe(upstream.emulator.listTopUps().at(-1)?.id);
    // One answered first-hand, 49 replayed, and both instances did replay some.
    const replayed = responses.map((r) => r.headers.get("Idempotent-Replayed") === "true");
    expect(replayed.filter(Boolean)).toHaveLength(49);
    expect(replayed.filter((r, i) => r && i % 2 === 0).length).toBeGreaterThan(0);
    expect(replayed.filter((r, i) => r && i % 2 === 1).length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "top_up.created")).toHaveLength(1);

    // A later retry on either instance replays too, without a new top-up.
    const retry = await postTopUp(1, "double-click-0001");
    expect(retry.status).toBe(201);
    expect(await retry.text()).toBe(bodies[0]);
    expect(topUpCount() - before).toBe(1);
  }, 30_000);

  it("2. a GET rate limit of 6 per minute holds across both instances, in the same Redis store", async () => {
    await startInstances(30, 6);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await getWallet(i)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    // Each instance alone saw 5 reads; only the shared count refuses any. POSTs count separately.
    expect((await postTopUp(0, "get-limit-post-01")).status).toBe(201);
  }, 30_000);

  it("a rate limit of 5 per minute holds across both instances", async () => {
    await startInstances(5);
    const before = topUpCount();
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => postTopUp(i, `rate-limit-key-${i}`)));

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(topUpCount() - before).toBe(5);
    for (const response of responses.filter((r) => r.status === 429)) {
      const retryAfter = Number(response.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    }
    // Each instance alone saw 6 requests; only a shared count gives 7 refusals in total.
    expect((await postTopUp(0, "rate-limit-key-late")).status).toBe(429);
    expect((await postTopUp(1, "rate-limit-key-later")).status).toBe(429);
  }, 30_000);

  it("Redis killed: POSTs fail closed with 503 unavailable, GETs keep working; recovery when it returns", async () => {
    await startInstances(1000);
    expect((await postTopUp(0, "before-outage-1")).status).toBe(201);
    const before = topUpCount();

    await redis.kill();
    await until(() => instances.every((x) => !x.client.isReady), "both clients notice Redis is gone");
    for (const i of [0, 1]) {
      const post = await postTopUp(i, `during-outage-${i}`);
      expect(post.status).toBe(503);
      expect(post.headers.get("Retry-After")).toBe("5");
      expect(post.headers.get("Cache-Control")).toBe("no-store");
      expect(await post.json()).toEqual({
        error: { code: "unavailable", message: "Billing is briefly unavailable. Try again in a few seconds." },
      });
      const wallet = await getWallet(i);
      expect(wallet.status).toBe(200);
      expect(Array.isArray(((await wallet.json()) as { accounts?: unknown }).accounts)).toBe(true);
    }
    const portal = await fetch(`${instance(0).url}/billing-portal/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(portal.status).toBe(503);
    expect(topUpCount()).toBe(before);
    expect(redisErrors.length).toBeGreaterThan(0);
    const rejected = events.filter((e) => e.type === "request.rejected");
    expect(rejected.map((e) => e.type === "request.rejected" && e.code)).toEqual([
      "unavailable",
      "unavailable",
      "unavailable",
    ]);

    await redis.restart();
    await until(() => instances.every((x) => x.client.isReady), "both clients reconnect");
    for (const i of [0, 1]) {
      expect((await postTopUp(i, `after-outage-${i}`)).status).toBe(201);
    }
    const replay = await postTopUp(0, "after-outage-1");
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(topUpCount()).toBe(before + 2);
  }, 30_000);

  it("Redis killed under load: every GET answers 200, every POST 201 or 503, never a hang or a 500", async () => {
    await startInstances(1000);
    const gets: number[] = [];
    const posts: { status: number; at: "before" | "down" | "after" }[] = [];
    let phase: "before" | "down" | "after" = "before";
    let running = true;
    let n = 0;

    const traffic = (async () => {
      while (running) {
        const i = n++;
        const at = phase;
        const [post, get] = await Promise.all([postTopUp(i, `load-${i}-xxxxxxxx`), getWallet(i)]);
        posts.push({ status: post.status, at });
        gets.push(get.status);
        await Promise.all([post.body?.cancel(), get.body?.cancel()]);
      }
    })();

    await sleep(400);
    phase = "down";
    await redis.kill();
    await sleep(600);
    await redis.restart();
    await until(() => instances.every((x) => x.client.isReady), "both clients reconnect");
    phase = "after";
    await sleep(400);
    running = false;
    await traffic;

    expect(gets.length).toBeGreaterThan(10);
    expect(gets.filter((s) => s !== 200)).toEqual([]);
    expect(posts.filter((p) => p.status !== 201 && p.status !== 503)).toEqual([]);
    // Only the last POST sent before the kill may have been in flight when Redis died.
    expect(
      posts
        .filter((p) => p.at === "before")
        .slice(0, -1)
        .filter((p) => p.status !== 201),
    ).toEqual([]);
    expect(posts.some((p) => p.at === "down" && p.status === 503)).toBe(true);
    expect(posts.filter((p) => p.at === "after").length).toBeGreaterThan(0);
    expect(posts.filter((p) => p.at === "after" && p.status !== 201)).toEqual([]);
    // A POST whose top-up was created but whose answer could not be stored is a 503 too: never fewer top-ups than 201s.
    expect(topUpCount()).toBeGreaterThanOrEqual(posts.filter((p) => p.status === 201).length);
  }, 30_000);
});
