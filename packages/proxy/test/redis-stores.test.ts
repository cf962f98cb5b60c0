import { CredytError, isCredytError } from "@credyt/core";
import { startRedis, type TestRedis } from "@repo/tooling/redis";
import { createClient } from "redis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { IdempotencyRecord } from "../src/index";
import { createRedisStores } from "../src/redis";

type Client = ReturnType<typeof createClient>;

let redis: TestRedis;
let client: Client;
const clientErrors: unknown[] = [];

async function connect(url: string): Promise<Client> {
  const c = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(50 * (retries + 1), 300) } });
  c.on("error", (error: unknown) => clientErrors.push(error));
  await c.connect();
  return c;
}

const record = (body: string): IdempotencyRecord => ({
  fingerprint: "print-a",
  response: { status: 201, headers: { "X-Test": "1" }, body },
});

beforeAll(async () => {
  redis = await startRedis();
  client = await connect(redis.url);
}, 20_000);

afterAll(async () => {
  if (client?.isOpen) await client.close();
  await redis?.stop();
});

beforeEach(async () => {
  await client.flushAll();
});

describe("createRedisStores: idempotency", () => {
  it("claims a free key once; a second claim sees it pending with the first fingerprint", async () => {
    const { idempotencyStore } = createRedisStores({ client });
    expect(await idempotencyStore.claim("k1", "print-a", 5_000)).toEqual({ status: "claimed" });
    expect(await idempotencyStore.claim("k1", "print-b", 5_000)).toEqual({ status: "pending", fingerprint: "print-a" });
    const ttl = await client.pTTL("k1");
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it("stores the completed record for the given TTL and answers it as done", async () => {
    const { idempotencyStore } = createRedisStores({ client });
    await idempotencyStore.claim("k2", "print-a", 5_000);
    await idempotencyStore.complete("k2", record('{"id":"top_1"}'), 86_400_000);
    expect(await idempotencyStore.claim("k2", "print-a", 5_000)).toEqual({
      status: "done",
      record: record('{"id":"top_1"}'),
    });
    const ttl = await client.pTTL("k2");
    expect(ttl).toBeGreaterThan(86_000_000);
  });

  it("release frees the caller's own claim so the key can be claimed again", async () => {
    const { idempotencyStore } = createRedisStores({ client });
    await idempotencyStore.claim("k3", "print-a", 5_000);
    await idempotencyStore.release("k3");
    expect(await client.exists("k3")).toBe(0);
    expect(await idempotencyStore.claim("k3", "print-a", 5_000)).toEqual({ status: "claimed" });
  });

  it("release never drops another instance's claim, nor a finished record", async () => {
    const a = createRedisStores({ client }).idempotencyStore;
    const b = createRedisStores({ client }).idempotencyStore;
    await a.claim("k4", "print-a", 50);
    await new Promise((resolve) => setTimeout(resolve, 80));
    // a's lock expired and b took the key: a's late release must leave b's claim alone.
    expect(await b.claim("k4", "print-b", 5_000)).toEqual({ status: "claimed" });
    await a.release("k4");
    expect(await a.claim("k4", "print-a", 5_000)).toEqual({ status: "pending", fingerprint: "print-b" });
    await b.complete("k4", record("{}"), 60_000);
    await b.release("k4");
    expect((await a.claim("k4", "print-a", 5_000)).status).toBe("done");
  });

  it("an expired claim can be taken again", async () => {
    const { idempotencyStore } = createRedisStores({ client });
    await idempotencyStore.claim("k5", "print-a", 30);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await idempotencyStore.claim("k5", "print-b", 5_000)).toEqual({ status: "claimed" });
  });

  it("100 concurrent claims over two clients: exactly one wins", async () => {
    const other = await connect(redis.url);
    try {
      const stores = [
        createRedisStores({ client }).idempotencyStore,
        createRedisStores({ client: other }).idempotencyStore,
      ];
      const claims = await Promise.all(
        Array.from({ length: 100 }, (_, i) => stores[i % 2]?.claim("race", "print-a", 5_000)),
      );
      expect(claims.filter((c) => c?.status === "claimed")).toHaveLength(1);
      expect(claims.filter((c) => c?.status === "pending")).toHaveLength(99);
    } finally {
      await other.close();
    }
  });

  it("puts the prefix before every key", async () => {
    const { idempotencyStore, rateLimitStore } = createRedisStores({ client, prefix: "app1:" });
    await idempotencyStore.claim("credyt:idem:x", "print-a", 5_000);
    await rateLimitStore.hit("credyt:rate:x", 60_000);
    expect((await client.keys("*")).sort()).toEqual(["app1:credyt:idem:x", "app1:credyt:rate:x"]);
  });

  it("a value it did not write is an error, not a silent claim", async () => {
    await client.set("foreign", "not json");
    const { idempotencyStore } = createRedisStores({ client });
    await expect(idempotencyStore.claim("foreign", "print-a", 5_000)).rejects.toThrow(
      /does not hold an idempotency entry/,
    );
  });
});

describe("createRedisStores: rate limit", () => {
  it("counts hits in a fixed window shared by every store on the Redis", async () => {
    const a = createRedisStores({ client }).rateLimitStore;
    const b = createRedisStores({ client }).rateLimitStore;
    expect((await a.hit("r1", 60_000)).count).toBe(1);
    expect((await b.hit("r1", 60_000)).count).toBe(2);
    const third = await a.hit("r1", 60_000);
    expect(third.count).toBe(3);
    expect(third.resetMs).toBeGreaterThan(59_000);
    expect(third.resetMs).toBeLessThanOrEqual(60_000);
  });

  it("starts a new window once the old one ends", async () => {
    const { rateLimitStore } = createRedisStores({ client });
    await rateLimitStore.hit("r2", 100);
    await rateLimitStore.hit("r2", 100);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await rateLimitStore.hit("r2", 100)).count).toBe(1);
  });

  it("repairs a counter that lost its expiry", async () => {
    await client.set("r3", "7");
    const { rateLimitStore } = createRedisStores({ client });
    const hit = await rateLimitStore.hit("r3", 10_000);
    expect(hit).toEqual({ count: 8, resetMs: 10_000 });
    expect(await client.pTTL("r3")).toBeGreaterThan(9_000);
  });
});

describe("createRedisStores: failing closed", () => {
  it("a client that is not connected fails with 503 unavailable and Retry-After", async () => {
    const idle = createClient({ url: redis.url });
    const { idempotencyStore, rateLimitStore } = createRedisStores({ client: idle });
    const error = await idempotencyStore.claim("k", "p", 1_000).catch((e: unknown) => e);
    expect(isCredytError(error)).toBe(true);
    expect(error).toMatchObject({ code: "unavailable", status: 503, retryAfter: 5 });
    await expect(rateLimitStore.hit("r", 1_000)).rejects.toMatchObject({ code: "unavailable" });
  });

  it("a command Redis does not answer in time fails with 503 instead of hanging", async () => {
    const slow = await connect(redis.url);
    const blocker = await connect(redis.url);
    try {
      const { rateLimitStore } = createRedisStores({ client: slow, commandTimeoutMs: 100 });
      // CLIENT PAUSE holds every other client's commands: Redis is up but does not answer.
      await blocker.sendCommand(["CLIENT", "PAUSE", "500"]);
      const started = Date.now();
      await expect(rateLimitStore.hit("slow", 1_000)).rejects.toMatchObject({ code: "unavailable", status: 503 });
      expect(Date.now() - started).toBeLessThan(400);
      await blocker.sendCommand(["CLIENT", "UNPAUSE"]);
    } finally {
      await slow.close();
      await blocker.close();
    }
  });

  it("rejects bad options with a message that says what to fix", () => {
    expect(() => createRedisStores({} as never)).toThrow(/`client` must be a node-redis v5 client/);
    expect(() => createRedisStores({ client, prefix: 3 as never })).toThrow(/`prefix` must be a string/);
    expect(() => createRedisStores({ client, commandTimeoutMs: 0 })).toThrow(
      /`commandTimeoutMs` must be a positive integer/,
    );
  });

  it("store errors are CredytErrors the proxy answers as they are", async () => {
    const idle = createClient({ url: redis.url });
    const error = await createRedisStores({ client: idle })
      .idempotencyStore.complete("k", record("{}"), 1_000)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredytError);
    expect((error as CredytError).toJSON()).toEqual({
      error: { code: "unavailable", message: "Billing is briefly unavailable. Try again in a few seconds." },
    });
  });
});
