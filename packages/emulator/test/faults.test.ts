import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEmulator, DEMO_CUSTOMER_ID } from "../src/index";
import { start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

const wallet = () => s.api("GET", `/customers/${DEMO_CUSTOMER_ID}/wallet`);

describe("faults", () => {
  for (const status of [500, 502, 503, 429]) {
    it(`answers ${status} for count requests, then recovers`, async () => {
      const add = await s.admin("POST", "/__emulator/faults", {
        path: "/customers/:id/wallet",
        status,
        retry_after: 7,
        count: 2,
      });
      expect(add.status).toBe(201);
      for (let i = 0; i < 2; i++) {
        const res = await wallet();
        expect(res.status).toBe(status);
        expect(res.headers.get("retry-after")).toBe("7");
        expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect(((await res.json()) as { status: number }).status).toBe(status);
      }
      expect((await wallet()).status).toBe(200);
    });
  }

  it("adds latency", async () => {
    await s.admin("POST", "/__emulator/faults", { path: "/customers", latency_ms: 150, count: 1 });
    const t0 = performance.now();
    const res = await wallet();
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("sends malformed JSON", async () => {
    await s.admin("POST", "/__emulator/faults", {
      path: "/customers/{customerId}/wallet",
      malformed_json: true,
      count: 1,
    });
    const res = await wallet();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/json/);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it("resets the connection: fetch itself rejects over HTTP", async () => {
    await s.admin("POST", "/__emulator/faults", { path: "/customers", reset_connection: true, count: 1 });
    await expect(wallet()).rejects.toThrow(TypeError);
    expect((await wallet()).status).toBe(200);
  });

  it("resets the connection in-process: reading the body fails", async () => {
    const emulator = createEmulator({ admin: true });
    const admin = await emulator.fetch(
      new Request("http://x.test/__emulator/faults", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: "/", reset_connection: true, count: 1 }),
      }),
    );
    expect(admin.status).toBe(201);
    const res = await emulator.fetch(
      new Request(`http://x.test/customers/${DEMO_CUSTOMER_ID}`, { headers: { "X-CREDYT-API-KEY": emulator.apiKey } }),
    );
    await expect(res.text()).rejects.toThrow();
  });

  it("matches method and prefix, and honours probability 0 and 1", async () => {
    await s.admin("POST", "/__emulator/faults", { method: "POST", path: "/top-ups", status: 503 });
    await s.admin("POST", "/__emulator/faults", { path: "/customers", status: 500, probability: 0 });
    expect((await s.api("GET", "/top-ups/top_x")).status).toBe(404);
    expect((await s.api("POST", "/top-ups", {})).status).toBe(503);
    expect((await wallet()).status).toBe(200);
    await s.admin("POST", "/__emulator/faults", { path: "/customers", status: 502, probability: 1 });
    expect((await wallet()).status).toBe(502);
    const listed = (await (await s.admin("GET", "/__emulator/faults")).json()) as { faults: unknown[] };
    expect(listed.faults).toHaveLength(3);
    expect((await s.admin("DELETE", "/__emulator/faults")).status).toBe(200);
    expect((await wallet()).status).toBe(200);
    expect((await s.api("POST", "/top-ups", {})).status).toBe(422);
  });

  it("faults never touch state and never hit admin routes", async () => {
    await s.admin("POST", "/__emulator/faults", { path: "/", status: 500 });
    const res = await s.api("POST", `/customers/${DEMO_CUSTOMER_ID}/wallet/adjustments`, {
      transaction_id: "22222222-2222-4222-8222-222222222222",
      asset: "USD",
      amount: 1,
      reason: "gift",
    });
    expect(res.status).toBe(500);
    expect((await s.admin("DELETE", "/__emulator/faults")).status).toBe(200);
    expect(s.emulator.getAccount(DEMO_CUSTOMER_ID, "default:USD")?.available).toBe(14.566678);
  });

  it("422 for an invalid fault", async () => {
    for (const body of [
      {},
      { path: "no-slash" },
      { path: "/", status: 42 },
      { path: "/", probability: 2 },
      { path: "/", bogus: 1 },
    ]) {
      expect((await s.admin("POST", "/__emulator/faults", body)).status, JSON.stringify(body)).toBe(422);
    }
  });
});
