// One suite, every adapter, real HTTP on loopback, against a real emulator on its own port.
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAPTERS, type AdapterName, type RunningServer } from "./servers";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, admin: true });
});
afterAll(async () => {
  await emulator?.close();
});

const SIGNED_IN = { Cookie: `user=${DEMO_CUSTOMER_ID}` };

async function errorOf(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as { error: { code: string; message: string; details?: unknown } };
  expect(body.error.code).toBe(code);
  return body.error;
}

describe.each(Object.keys(ADAPTERS) as AdapterName[])("%s adapter", (name) => {
  let server: RunningServer;
  let keyCounter = 0;
  const newKey = () => `${name.replace(/\W+/g, "-")}-key-${++keyCounter}-${Date.now()}`;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.base}${path}`, {
      method: "POST",
      headers: { ...SIGNED_IN, "Content-Type": "application/json", "Idempotency-Key": newKey(), ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await ADAPTERS[name]({
      apiKey: emulator.apiKey,
      apiUrl: emulator.url,
      topUps: { currencies: ["USD"], assets: ["USD", "TOK"], max: 1000 },
      rateLimit: { limit: 1000, windowMs: 60_000 },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("GET /wallet forwards the balances digit for digit", async () => {
    const response = await fetch(`${server.base}/wallet`, { headers: SIGNED_IN });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    expect(text).toContain('"available":14.566678');
    expect(text).toContain('"available":993450234');
    expect(text).not.toContain(emulator.apiKey);
  });

  it("GET /wallet/{accountId} and 404 for a missing account", async () => {
    const response = await fetch(`${server.base}/wallet/default:TOK`, { headers: SIGNED_IN });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: "default:TOK", asset: "TOK", available: 993450234 });
    await errorOf(await fetch(`${server.base}/wallet/default:EUR`, { headers: SIGNED_IN }), 404, "not_found");
  });

  it("POST /top-ups creates one top-up with marked URLs for the session's customer", async () => {
    const before = emulator.emulator.listTopUps().length;
    const response = await post("/top-ups", { amount: 20, currency: "USD", return_url: "/account" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; status: string; redirect_url: string };
    expect(body.status).toBe("initiated");
    const created = emulator.emulator.getTopUp(body.id) as unknown as Record<string, unknown>;
    expect(emulator.emulator.listTopUps().length).toBe(before + 1);
    expect(created).toMatchObject({ customer_id: DEMO_CUSTOMER_ID, amount: 20, currency: "USD" });
    expect(String(created.return_url)).toMatch(/\/account\?credyt_return=top_up$/);
    expect(String(created.failure_url)).toMatch(/\/account\?credyt_return=failed$/);
  });

  it("POST /billing-portal/sessions answers a portal link", async () => {
    const response = await post("/billing-portal/sessions", {});
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      redirect_url: expect.stringMatching(/^http/),
      expires_at: expect.any(String),
    });
  });

  it("uses the customer from the server's session, never the browser's", async () => {
    const other = await fetch(`${server.base}/wallet`, { headers: { Cookie: `user=${SECOND_CUSTOMER_ID}` } });
    expect(other.status).toBe(200);
    expect(await other.text()).not.toContain("14.566678");
    await errorOf(await fetch(`${server.base}/wallet`), 401, "unauthorized");
    await errorOf(
      await fetch(`${server.base}/wallet?customer_id=${SECOND_CUSTOMER_ID}`, { headers: SIGNED_IN }),
      422,
      "invalid_request",
    );
    await errorOf(
      await post("/top-ups", { amount: 5, currency: "USD", customer_id: SECOND_CUSTOMER_ID }),
      422,
      "invalid_request",
    );
  });

  it("rejects bad input the same way: 415, 413, 400, 422, 403", async () => {
    await errorOf(
      await post("/top-ups", "amount=5", { "Content-Type": "application/x-www-form-urlencoded" }),
      415,
      "unsupported_media_type",
    );
    const big = JSON.stringify({ amount: 5, currency: "USD", description: "x".repeat(20_000) });
    await errorOf(await post("/top-ups", big), 413, "payload_too_large");
    const malformed = await post("/top-ups", '{"amount":');
    expect([400]).toContain(malformed.status);
    await errorOf(await post("/top-ups", { amount: 5.001, currency: "USD" }), 422, "invalid_request");
    await errorOf(
      await post("/top-ups", { amount: 5, currency: "USD" }, { Origin: "https://evil.example" }),
      403,
      "forbidden",
    );
  });

  it("404 for unknown routes, 405 for wrong methods", async () => {
    await errorOf(await fetch(`${server.base}/admin`, { headers: SIGNED_IN }), 404, "not_found");
    const wrong = await fetch(`${server.base}/top-ups`, { headers: SIGNED_IN });
    expect(wrong.status).toBe(405);
  });

  it("replays an Idempotency-Key and 409s a different body under it", async () => {
    const key = newKey();
    const first = await post("/top-ups", { amount: 7, currency: "USD" }, { "Idempotency-Key": key });
    const again = await post("/top-ups", { amount: 7, currency: "USD" }, { "Idempotency-Key": key });
    expect(await again.text()).toBe(await first.text());
    await errorOf(
      await post("/top-ups", { amount: 8, currency: "USD" }, { "Idempotency-Key": key }),
      409,
      "idempotency_conflict",
    );
  });

  it("50 concurrent top-ups with one Idempotency-Key make exactly one top-up", async () => {
    const key = newKey();
    const before = emulator.emulator.listTopUps().length;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => post("/top-ups", { amount: 9, currency: "USD" }, { "Idempotency-Key": key })),
    );
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(bodies).size).toBe(1);
    expect(emulator.emulator.listTopUps().length).toBe(before + 1);
  });
});
