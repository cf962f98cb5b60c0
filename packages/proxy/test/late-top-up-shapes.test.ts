// Issue 25 item 3 / issue 21: one purchase, one top-up, whatever Credyt's timing and whatever its top-up
// list looks like. Credyt (the emulator, in process) creates the top-up late after several delays; the
// browser retries with the same key before and after; only a recognised list may find it, and nothing
// ever sends a second POST for the key.
import { describe, expect, it } from "vitest";
import { expectError } from "./helpers";
import { ALICE, emulatorWith, fault, ORIGIN, proxyOn } from "./readings-matrix";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const topUp = (key: string) =>
  new Request(`${ORIGIN}/api/credyt/top-ups`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify({ amount: 25, currency: "USD" }),
  });

const shapes = ["served", "newest-first", "ignores-customer", "no-metadata", "404", "405"] as const;
const findable = new Set(["served", "newest-first", "ignores-customer"]);

describe.concurrent.each(shapes)("top-up list %s", (topUpList) => {
  it.each([250, 400, 700])("created %i ms after a POST that timed out at 150 ms: one top-up", async (delay) => {
    const emulator = emulatorWith({ topUpList });

    const posts: number[] = [];
    const counted = proxyOn(emulator, {
      timeoutMs: 150,
      fetch: (input, init) => {
        if (init?.method === "POST" && String(input).endsWith("/top-ups")) posts.push(Date.now());
        return new Promise((resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
          emulator.fetch(new Request(input, init)).then(resolve, reject);
        });
      },
    });
    await fault(emulator, { method: "POST", path: "/top-ups", latency_ms: delay, count: 1 });
    const key = `shape-${topUpList}-${delay}`;
    await expectError(await counted(topUp(key)), 504, "upstream_timeout");
    // Retries while Credyt is still creating it, and after: never a second POST.
    for (let waited = 0; waited <= delay + 100; waited += 50) {
      const retry = await counted(topUp(key));
      const created = emulator.listTopUps().filter((t) => t.customer_id === ALICE);
      if (retry.status === 201) {
        expect(findable.has(topUpList)).toBe(true);
        expect(((await retry.json()) as { id: string }).id).toBe(created[0]?.id);
      } else {
        const error = await expectError(retry, 504, "upstream_timeout");
        expect(error.details).toEqual({ idempotency_key: ["outcome_unknown"] });
      }
      await sleep(50);
    }
    for (let waited = 0; emulator.listTopUps().every((t) => t.customer_id !== ALICE) && waited < 5_000; waited += 50)
      await sleep(50);
    // A look-up slowed past the timeout is "unknown" too (retry later): a recognisable list finds it in the end.
    let final = await counted(topUp(key));
    for (let i = 0; i < 5 && findable.has(topUpList) && final.status !== 201; i++) {
      await sleep(100);
      final = await counted(topUp(key));
    }
    expect(final.status).toBe(findable.has(topUpList) ? 201 : 504);
    expect(emulator.listTopUps().filter((t) => t.customer_id === ALICE)).toHaveLength(1);
    expect(posts).toHaveLength(1);
  });
});

it("finds the late top-up behind more than one page of older top-ups", async () => {
  const emulator = emulatorWith({ topUpList: "newest-first" });
  const setupProxy = proxyOn(emulator, { rateLimit: false });
  const proxy = proxyOn(emulator, { timeoutMs: 150 });
  for (let i = 0; i < 130; i++) {
    const older = await setupProxy(topUp(`older-top-up-${i}`));
    expect(older.status, await older.text()).toBe(201);
  }
  await fault(emulator, { method: "POST", path: "/top-ups", latency_ms: 300, count: 1 });
  await expectError(await proxy(topUp("late-after-130")), 504, "upstream_timeout");
  await sleep(350);
  const retry = await proxy(topUp("late-after-130"));
  expect(retry.status).toBe(201);
  expect(emulator.listTopUps().filter((t) => t.customer_id === ALICE)).toHaveLength(131);
});
