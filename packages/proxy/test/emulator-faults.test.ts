// Each emulator fault, through a real port, with the status and body the browser gets.
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CredytProxyEvent, createCredytProxy } from "../src/index";

let emulator: RunningEmulator;
const events: CredytProxyEvent[] = [];
let proxy: ReturnType<typeof createCredytProxy>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, admin: true });
  proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: emulator.url,
    timeoutMs: 300,
    // Each test injects its own fault; the breaker (test/outage.test.ts) would carry one test's outage into the next.
    circuitBreaker: false,
    getCustomerId: () => DEMO_CUSTOMER_ID,
    onEvent: (event) => {
      events.push(event);
    },
  });
});
afterAll(async () => {
  await emulator?.close();
});
afterEach(async () => {
  events.length = 0;
  await fetch(`${emulator.url}/__emulator/faults`, {
    method: "DELETE",
    headers: { "X-CREDYT-API-KEY": emulator.apiKey },
  });
});

async function fault(rule: Record<string, unknown>) {
  const response = await fetch(`${emulator.url}/__emulator/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CREDYT-API-KEY": emulator.apiKey },
    body: JSON.stringify(rule),
  });
  expect(response.status).toBe(201);
}

let n = 0;
const topUp = () =>
  proxy(
    new Request("http://app.test/api/credyt/top-ups", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": `fault-key-${++n}-${Date.now()}` },
      body: '{"amount":10,"currency":"USD"}',
    }),
  );
const wallet = () => proxy(new Request("http://app.test/api/credyt/wallet"));

async function body(response: Response) {
  const text = await response.text();
  expect(text).not.toContain(emulator.apiKey);
  expect(text).not.toMatch(/emulator|Injected|fault/i);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return JSON.parse(text) as unknown;
}

describe("emulator faults", () => {
  it("500 on a POST → 502 upstream_error, sent once", async () => {
    const before = emulator.emulator.listTopUps().length;
    await fault({ method: "POST", path: "/top-ups", status: 500 });
    const response = await topUp();
    expect(response.status).toBe(502);
    expect(await body(response)).toEqual({
      error: { code: "upstream_error", message: "The billing service failed to answer. Try again shortly." },
    });
    expect(emulator.emulator.listTopUps().length).toBe(before);
    expect(events[0]).toMatchObject({
      type: "request.rejected",
      code: "upstream_error",
      reason: expect.stringMatching(/HTTP 500/),
    });
  });

  it("500 twice on a GET → retried, then 200", async () => {
    await fault({ method: "GET", path: "/customers/:id/wallet", status: 500, count: 2 });
    const response = await wallet();
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("14.566678");
  });

  it("500 always on a GET → 502 after two retries", async () => {
    await fault({ method: "GET", path: "/customers/:id/wallet", status: 500 });
    const response = await wallet();
    expect(response.status).toBe(502);
    expect(await body(response)).toEqual({
      error: { code: "upstream_error", message: "The billing service failed to answer. Try again shortly." },
    });
  });

  it("429 with Retry-After → 503 unavailable with Retry-After", async () => {
    await fault({ path: "/top-ups", status: 429, retry_after: 12 });
    const response = await topUp();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("12");
    expect(await body(response)).toEqual({
      error: { code: "unavailable", message: "The billing service is busy. Try again shortly." },
    });
  });

  it("timeout → 504 upstream_timeout", async () => {
    await fault({ path: "/top-ups", latency_ms: 1_000 });
    const started = Date.now();
    const response = await topUp();
    expect(Date.now() - started).toBeLessThan(900);
    expect(response.status).toBe(504);
    expect(await body(response)).toEqual({
      error: { code: "upstream_timeout", message: "The billing service took too long to answer." },
    });
  });

  it("connection reset → 502 upstream_error", async () => {
    await fault({ path: "/top-ups", reset_connection: true });
    const response = await topUp();
    expect(response.status).toBe(502);
    expect(await body(response)).toEqual({
      error: { code: "upstream_error", message: "Could not reach the billing service. Try again shortly." },
    });
  });

  it("malformed JSON → 502 upstream_error", async () => {
    await fault({ path: "/customers/:id/wallet", malformed_json: true });
    const response = await wallet();
    expect(response.status).toBe(502);
    expect(await body(response)).toEqual({
      error: { code: "upstream_error", message: "The billing service sent an invalid response." },
    });
  });

  it("malformed JSON on a top-up → 502", async () => {
    await fault({ path: "/top-ups", malformed_json: true, status: 201, count: 1 });
    const response = await topUp();
    expect(response.status).toBe(502);
    expect(await body(response)).toEqual({
      error: { code: "upstream_error", message: "The billing service sent an invalid response." },
    });
  });
});
