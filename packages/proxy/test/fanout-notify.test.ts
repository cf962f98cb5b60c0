// Fan-out that always reaches every instance (issue 25, item 3): notify() publishes whichever instance holds
// the newest wallet. Two proxy processes on one real redis-server, streams on both, polls slowed to a minute
// so only the fan-out can deliver the change in time.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { startRedis, type TestRedis } from "@repo/tooling/redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readSse, type SseReader } from "./sse";

const here = path.dirname(fileURLToPath(import.meta.url));
const POLL_MS = 60_000;

let redis: TestRedis;
let emulator: RunningEmulator;
const children: ChildProcess[] = [];
const open: SseReader[] = [];

interface Instance {
  url: string;
  notify(customerId: string): Promise<{ ok: boolean; error?: string }>;
}

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
    child.once("message", (message: { port: number }) => {
      resolve({
        url: `http://127.0.0.1:${message.port}/api/credyt`,
        notify: (customerId) =>
          new Promise((res) => {
            const id = ++next;
            const onMessage = (reply: { id: number; ok: boolean; error?: string }) => {
              if (reply.id !== id) return;
              child.off("message", onMessage);
              res(reply);
            };
            child.on("message", onMessage);
            child.send({ type: "notify", id, customerId });
          }),
      });
    });
  });
}

async function stream(instance: Instance): Promise<SseReader> {
  const response = await fetch(`${instance.url}/wallet/stream`, { headers: { "x-test-user": DEMO_CUSTOMER_ID } });
  expect(response.status).toBe(200);
  const reader = readSse(response.body as ReadableStream<Uint8Array>);
  open.push(reader);
  return reader;
}

async function adjust(amount: number) {
  const response = await fetch(`${emulator.url}/customers/${DEMO_CUSTOMER_ID}/wallet/adjustments`, {
    method: "POST",
    headers: { "X-CREDYT-API-KEY": emulator.apiKey, "Content-Type": "application/json" },
    body: JSON.stringify({ transaction_id: crypto.randomUUID(), asset: "USD", amount, reason: "gift" }),
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

describe("fan-out reaches every instance on every notify()", () => {
  it("notify() on the instance that already holds the newest wallet still reaches the other instance's streams", async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const onB = await stream(b);
    const old = (await onB.next()).data;
    await adjust(3);
    // A tab opens on A, which reads the new wallet as it opens: A now holds the newest wallet, B the old one.
    const onA = await stream(a);
    const newest = (await onA.next()).data;
    expect(newest).not.toBe(old);
    expect(await a.notify(DEMO_CUSTOMER_ID)).toMatchObject({ ok: true });
    // Without the publish, B would wait for its next poll, a minute away.
    expect((await onB.next(5_000)).data).toBe(newest);
  }, 30_000);

  it("notify() on either instance, with tabs on both, reaches both, and nothing is sent twice", async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const onA = await stream(a);
    const onB = await stream(b);
    await onA.next();
    await onB.next();
    for (const [i, instance] of [a, b, a, b].entries()) {
      await adjust(i + 1);
      expect(await instance.notify(DEMO_CUSTOMER_ID)).toMatchObject({ ok: true });
      const seenA = (await onA.next(5_000)).data;
      expect((await onB.next(5_000)).data).toBe(seenA);
    }
    // Each change arrived once: no duplicate event is waiting on either side.
    expect(await onA.nothingWithin(300)).toBe(true);
    expect(await onB.nothingWithin(300)).toBe(true);
  }, 30_000);
});
