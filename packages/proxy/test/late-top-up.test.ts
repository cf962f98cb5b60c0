// Issue 14, case 10: a POST that times out upstream, is created late, then retried, must not make a
// second top-up. Against the emulator (a real port), with its latency and reset faults.
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/index";
import { expectError, setup } from "./helpers";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, admin: true });
});
afterAll(async () => {
  await emulator?.close();
});
afterEach(async () => {
  await fetch(`${emulator.url}/__emulator/faults`, { method: "DELETE" });
});

async function fault(rule: Record<string, unknown>) {
  const response = await fetch(`${emulator.url}/__emulator/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(rule),
  });
  expect(response.ok).toBe(true);
}

function proxyOnEmulator() {
  return createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: emulator.url,
    timeoutMs: 200,
    getCustomerId: () => DEMO_CUSTOMER_ID,
  });
}

const topUp = (key: string, amount = 25) =>
  new Request("http://127.0.0.1/api/credyt/top-ups", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify({ amount, currency: "USD" }),
  });

const ofCustomer = () => emulator.emulator.listTopUps().filter((t) => t.customer_id === DEMO_CUSTOMER_ID);

describe("10. a top-up created after its POST timed out is never created twice", () => {
  it("a retry with the same key after the timeout answers the late top-up instead of creating another", async () => {
    const proxy = proxyOnEmulator();
    const before = ofCustomer().length;
    await fault({ method: "POST", path: "/top-ups", latency_ms: 400, count: 1 });
    await expectError(await proxy(topUp("late-key-000001")), 504, "upstream_timeout");
    await new Promise((resolve) => setTimeout(resolve, 500)); // Credyt creates it meanwhile
    expect(ofCustomer().length).toBe(before + 1);

    const retry = await proxy(topUp("late-key-000001"));
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const created = (await retry.json()) as { id: string; redirect_url: string };
    const stored = ofCustomer().at(-1);
    expect(created.id).toBe(stored?.id);
    expect(created.redirect_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // Later retries answer the same; still one top-up.
    expect(((await (await proxy(topUp("late-key-000001"))).json()) as { id: string }).id).toBe(created.id);
    expect(ofCustomer().length).toBe(before + 1);
  });

  it("a reset after sending counts as maybe-created too: retries replay the unknown outcome, never a second POST", async () => {
    const proxy = proxyOnEmulator();
    const before = ofCustomer().length;
    // Refused before reaching the top-up logic: the reset fault answers instead of creating.
    await fault({ method: "POST", path: "/top-ups", reset_connection: true, count: 1 });
    expect((await proxy(topUp("reset-key-000001"))).status).toBe(502);
    expect(ofCustomer().length).toBe(before);
    // No grace period ends in a second POST: the proxy cannot know Credyt will not create it later.
    await new Promise((resolve) => setTimeout(resolve, 250));
    for (let i = 0; i < 3; i++) {
      const retry = await proxy(topUp("reset-key-000001"));
      expect(retry.status).toBe(502);
      expect(((await retry.json()) as { error: { details: unknown } }).error.details).toEqual({
        idempotency_key: ["outcome_unknown"],
      });
    }
    expect(ofCustomer().length).toBe(before);
    // A new purchase (a new key) is the customer's explicit choice, and creates one.
    expect((await proxy(topUp("reset-key-000002"))).status).toBe(201);
    expect(ofCustomer().length).toBe(before + 1);
  });

  it("a double click waiting on a POST that times out does not create a second top-up while the first may land", async () => {
    const proxy = proxyOnEmulator();
    const before = ofCustomer().length;
    await fault({ method: "POST", path: "/top-ups", latency_ms: 400, count: 1 });
    const [first, second] = await Promise.all([proxy(topUp("double-late-0001")), proxy(topUp("double-late-0001"))]);
    expect([first.status, second.status]).toEqual([504, 504]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ofCustomer().length).toBe(before + 1);
    const retry = await proxy(topUp("double-late-0001"));
    expect(retry.status).toBe(201);
    expect(ofCustomer().length).toBe(before + 1);
  });

  it("when the look-up cannot run (Credyt has no list), the retry gets the stored failure, never a second POST", async () => {
    let first = true;
    // The fake Credyt knows no `GET /top-ups` (404), like the documented API.
    const { proxy, upstream } = setup({ timeoutMs: 100 }, async (call) => {
      if (call.method === "POST" && first) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return undefined;
    });
    await expectError(await proxy(topUp("nolist-key-00001")), 504, "upstream_timeout");
    await expectError(await proxy(topUp("nolist-key-00001")), 504, "upstream_timeout");
    expect(upstream.calls.filter((call) => call.method === "POST")).toHaveLength(1);
  });
});
