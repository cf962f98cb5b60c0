import { describe, expect, it } from "vitest";
import { fixtures } from "./fixtures";
import { createMockClient } from "./mock-client";

describe("createMockClient", () => {
  it("answers every fixture deterministically", async () => {
    for (const name of Object.keys(fixtures) as (keyof typeof fixtures)[]) {
      if (name === "loading" || name === "error") continue;
      const a = await createMockClient({ scenario: name }).getWallet();
      const b = await createMockClient({ scenario: name }).getWallet();
      expect(a, name).toEqual(b);
    }
  });

  it("returns the same top-up for the same idempotency key, like the real API", async () => {
    const client = createMockClient();
    const first = await client.createTopUp({ amount: 5, currency: "USD" }, { idempotencyKey: "key-000001" });
    const again = await client.createTopUp({ amount: 5, currency: "USD" }, { idempotencyKey: "key-000001" });
    const other = await client.createTopUp({ amount: 5, currency: "USD" }, { idempotencyKey: "key-000002" });
    expect(again).toEqual(first);
    expect(other.id).not.toBe(first.id);
    expect(first.createdAt).toBe("2026-01-01T00:00:00.000Z");
  });

  it("rejects with the scenario's errors and never resolves when loading", async () => {
    await expect(createMockClient({ scenario: "error" }).getWallet()).rejects.toMatchObject({ code: "network_error" });
    const pending = createMockClient({ scenario: "loading" }).getWallet();
    const raced = await Promise.race([pending, new Promise((r) => setTimeout(() => r("still loading"), 20))]);
    expect(raced).toBe("still loading");
  });

  it("waits delayMs and looks up single accounts", async () => {
    const client = createMockClient({ delayMs: 30 });
    const started = performance.now();
    expect((await client.getAccount("default:TOK")).available).toBe(993450234);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    await expect(client.getAccount("nope")).rejects.toMatchObject({ code: "not_found" });
  });
});
