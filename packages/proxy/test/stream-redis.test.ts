// Live streams scaled out: two proxy processes on one real redis-server and the emulator over HTTP.
// notify() on one reaches streams on the other; together they poll each customer once per interval.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { walletToWire } from "@credyt/core";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { startRedis, type TestRedis } from "@repo/tooling/redis";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCredytApi, type WalletStreamStats } from "../src/index";
import { createRedisWalletFanout } from "../src/redis";
import { readSse, type SseReader } from "./sse";

const here = path.dirname(fileURLToPath(import.meta.url));
const POLL_MS = 200;

interface Instance {
  url: string;
  child: ChildProcess;
  ask(
    type: "notify" | "stats",
    customerId?: string,
  ): Promise<{ ok: boolean; stats?: WalletStreamStats; error?: string }>;
}

let redis: TestRedis;
let emulator: RunningEmulator;
const children: ChildProcess[] = [];
const open: SseReader[] = [];

function startInstance(): Promise<Instance> {
  const child = fork(path.join(here, "fixtures", "stream-instance.ts"), [], {
    execArgv: ["--import", "tsx", "--conditions=@credyt/source"],
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      UPSTREAM_URL: emulator.url,
      API_KEY: emulator.apiKey,
      POLL_MS: String(POLL_MS),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.push(child);
  let next = 0;
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`instance exited early with ${code}`)));
    child.once("message", (message: { type: string; port: number }) => {
      resolve({
        url: `http://127.0.0.1:${message.port}/api/credyt`,
        child,
        ask: (type, customerId) =>
          new Promise((res) => {
            const id = ++next;
            const onMessage = (reply: { id: number; ok: boolean }) => {
              if (reply.id !== id) return;
              child.off("message", onMessage);
              res(reply);
            };
            child.on("message", onMessage);
            child.send({ type, id, customerId });
          }),
      });
    });
  });
}

async function stream(instance: Instance, customer = DEMO_CUSTOMER_ID): Promise<SseReader> {
  const response = await fetch(`${instance.url}/wallet/stream`, { headers: { "x-test-user": customer } });
  expect(response.status).toBe(200);
  const reader = readSse(response.body as ReadableStream<Uint8Array>);
  open.push(reader);
  return reader;
}

async function adjust(amount: string) {
  const response = await fetch(`${emulator.url}/customers/${DEMO_CUSTOMER_ID}/wallet/adjustments`, {
    method: "POST",
    headers: { "X-CREDYT-API-KEY": emulator.apiKey, "Content-Type": "application/json" },
    body: JSON.stringify({ transaction_id: crypto.randomUUID(), asset: "USD", amount: Number(amount), reason: "gift" }),
  });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  redis = await startRedis();
  emulator = await startEmulator();
}, 30_000);

afterEach(async () => {
  await Promise.all(open.splice(0).map((reader) => reader.cancel()));
  for (const child of children.splice(0)) {
    child.removeAllListeners("exit");
    child.kill();
  }
});

afterAll(async () => {
  await emulator?.close();
  await redis?.stop();
});

describe("live streams over Redis, two processes", () => {
  it("notify() on instance A reaches a stream held by instance B, digit for digit", async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const onB = await stream(b);
    expect((await onB.next()).data).toContain('"available":14.566678');
    await adjust("-0.000001");
    expect(await a.ask("notify", DEMO_CUSTOMER_ID)).toEqual({ ok: true, id: expect.any(Number) });
    expect((await onB.next(5_000)).data).toContain('"available":14.566677');
    // A held no stream: it read once for the notify and published it.
    expect((await a.ask("stats")).stats).toMatchObject({ streams: 0, reads: 1 });
  }, 30_000);

  it("createCredytApi({ fanout }).notify from a process without a proxy reaches a stream held by an instance", async () => {
    const b = await startInstance();
    const onB = await stream(b);
    const first = await onB.next();
    const client = createClient({ url: redis.url });
    await client.connect();
    const subscriber = client.duplicate();
    await subscriber.connect();
    try {
      const api = createCredytApi({
        apiKey: emulator.apiKey,
        apiUrl: emulator.url,
        fanout: createRedisWalletFanout({ client, subscriber }),
      });
      await adjust("0.5");
      await api.notify(DEMO_CUSTOMER_ID);
      const next = await onB.next(5_000);
      expect(next.data).not.toBe(first.data);
      // createCredytApi answers core's camelCase Wallet; the stream carries the wire text.
      expect(next.data).toBe(JSON.stringify(walletToWire(await api.getWallet(DEMO_CUSTOMER_ID))));
    } finally {
      await subscriber.quit();
      await client.quit();
    }
  }, 30_000);

  it("polls each customer once per interval in total, and a change found by one reaches both", async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const onA = await stream(a);
    const onB = await stream(b);
    await onA.next();
    await onB.next();
    const before = [(await a.ask("stats")).stats?.reads ?? 0, (await b.ask("stats")).stats?.reads ?? 0];
    const windowMs = 3_000;
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = [(await a.ask("stats")).stats?.reads ?? 0, (await b.ask("stats")).stats?.reads ?? 0];
    const polls = (after[0] as number) - (before[0] as number) + (after[1] as number) - (before[1] as number);
    // Alone, each would poll every 200 ms (30 in total); with the lease, about one poll per interval.
    expect(polls).toBeGreaterThan(0);
    expect(polls).toBeLessThanOrEqual(Math.ceil(windowMs / (POLL_MS * 0.9)) + 2);
    await adjust("5");
    const current = await fetch(`${emulator.url}/customers/${DEMO_CUSTOMER_ID}/wallet`, {
      headers: { "X-CREDYT-API-KEY": emulator.apiKey },
    });
    const seenByA = await onA.next(5_000);
    expect(seenByA.data).toBe(await current.text());
    expect((await onB.next(5_000)).data).toBe(seenByA.data);
  }, 30_000);

  it("drops published messages that are not a customer and a wallet", async () => {
    const publisher = createClient({ url: redis.url });
    await publisher.connect();
    const subscriber = publisher.duplicate();
    await subscriber.connect();
    try {
      const fanout = createRedisWalletFanout({ client: publisher, subscriber });
      const seen: string[] = [];
      const stop = await fanout.subscribe((customerId) => seen.push(customerId));
      for (const message of ["nope", "{}", '{"c":"cust_x","w":"{}"}', '{"c":"../x","w":"{\\"accounts\\":[]}"}']) {
        await publisher.publish("credyt:live:wallets", message);
      }
      await fanout.publish("cust_ok", '{"accounts":[]}');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toEqual(["cust_ok"]);
      expect(await fanout.lease("cust_ok", 1_000)).toBe(true);
      expect(await fanout.lease("cust_ok", 1_000)).toBe(false);
      await stop();
    } finally {
      await subscriber.quit();
      await publisher.quit();
    }
  });
});
