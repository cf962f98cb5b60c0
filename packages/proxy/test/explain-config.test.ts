// Issue 13: every refusal caused by configuration is explained in the server log, once per cause,
// outside production, with what was seen and the exact fix.
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { type RunningEmulator, startEmulator } from "@credyt/emulator/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { createCredytProxy } from "../src/index";
import { get, setup, topUpRequest } from "./helpers";

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
const logged = () => warn.mock.calls.map((call) => String(call[0]));

function viteDevRequest() {
  // Vite's `changeOrigin`: the browser is on :5173, the proxy sees Host localhost:3000.
  return new Request("http://localhost:3000/api/credyt/top-ups", {
    method: "POST",
    headers: {
      Origin: "http://localhost:5173",
      "Content-Type": "application/json",
      "Idempotency-Key": "vite-dev-key-0001",
    },
    body: JSON.stringify({ amount: 10, currency: "USD" }),
  });
}

describe("configuration refusals explain themselves in the server log", () => {
  it("origin mismatch (Vite's changeOrigin): names both origins and the exact allowedOrigins entry, once", async () => {
    const { proxy } = setup();
    expect((await proxy(viteDevRequest())).status).toBe(403);
    expect((await proxy(viteDevRequest())).status).toBe(403);
    const messages = logged().filter((m) => m.includes("Origin http://localhost:5173"));
    expect(messages).toEqual([
      '[@credyt/proxy] Origin http://localhost:5173 is not this server (http://localhost:3000). A dev proxy that rewrites Host (Vite\'s `changeOrigin`) needs `allowedOrigins: ["http://localhost:5173"]` or `publicOrigin`. (The request was answered 403 forbidden.)',
    ]);
  });

  it("a return URL on another origin: names the URL, this site and the fix", async () => {
    const { proxy } = setup();
    const body = { amount: 10, currency: "USD", return_url: "https://marketing.example/thanks" };
    expect((await proxy(topUpRequest(body))).status).toBe(422);
    expect((await proxy(topUpRequest(body))).status).toBe(422);
    const messages = logged().filter((m) => m.includes("return_url"));
    expect(messages).toEqual([
      '[@credyt/proxy] the browser\'s `return_url` "https://marketing.example/thanks" is not on this site (https://shop.example) or an allowed origin, so the request was refused with 422. If https://marketing.example is yours, add `allowedOrigins: ["https://marketing.example"]`; otherwise use a path on this site, such as "/billing".',
    ]);
  });

  it("no customer (getCustomerId returned null): says where to look", async () => {
    const { proxy } = setup({ getCustomerId: () => null });
    await proxy(get("/wallet"));
    await proxy(get("/wallet"));
    const messages = logged().filter((m) => m.includes("getCustomerId(ctx) returned null"));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("make sure your session middleware runs before the proxy");
  });

  it("nothing is logged outside development (onEvent reports refusals there)", async () => {
    vi.stubEnv("NODE_ENV", "production");
    // A loopback origin means development; `dev: false` says otherwise.
    const { proxy } = setup({ publicOrigin: "http://localhost:3000", dev: false, getCustomerId: () => null });
    expect((await proxy(viteDevRequest())).status).toBe(403);
    await proxy(new Request("http://localhost:3000/api/credyt/wallet"));
    expect(logged()).toEqual([]);
  });
});

describe("an unknown customer (an app user id instead of a Credyt id) is explained", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it("names the id Credyt does not know and how to get a real one", async () => {
    const proxy = createCredytProxy({
      apiKey: emulator.apiKey,
      apiUrl: emulator.url,
      getCustomerId: () => "user_42",
    });
    expect((await proxy(new Request("http://localhost:3000/api/credyt/wallet"))).status).toBe(404);
    expect((await proxy(new Request("http://localhost:3000/api/credyt/wallet"))).status).toBe(404);
    const messages = logged().filter((m) => m.includes('Credyt has no customer "user_42"'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("getCustomerId must return the Credyt customer id (cust_…)");
    expect(messages[0]).toContain(emulator.url);
    // The seeded demo customer works with the same proxy settings.
    const works = createCredytProxy({
      apiKey: emulator.apiKey,
      apiUrl: emulator.url,
      getCustomerId: () => DEMO_CUSTOMER_ID,
    });
    expect((await works(new Request("http://localhost:3000/api/credyt/wallet"))).status).toBe(200);
  });
});
