// Issue 14, case 3: a proxy that accepts and never answers (or stalls mid-body) ends in a `timeout`
// CredytError, over real HTTP; the redirect policy applies to every client user (case 6).
import { createServer } from "node:http";
import { type ListeningServer, listen } from "@repo/tooling/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCredytClient } from "./client";
import type { CredytError } from "./errors";

const servers: ListeningServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const server of servers.splice(0)) await server.close();
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = await listen(createServer(handler), { path: "/api/credyt" });
  servers.push(server);
  return server.url;
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: CredytError) => e,
  );

describe("3. a hung proxy cannot leave the UI waiting forever", () => {
  it("a proxy that accepts and never answers → `timeout` after timeoutMs", async () => {
    const baseUrl = await serve(() => undefined);
    const started = Date.now();
    const error = await rejection(createCredytClient({ baseUrl, timeoutMs: 200 }).getWallet());
    expect(error).toMatchObject({ name: "CredytError", code: "timeout", status: 0 });
    expect(error?.message).toMatch(/did not answer within 0.2 s/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a proxy that stalls halfway through the body → `timeout` too", async () => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"accounts":[');
    });
    const error = await rejection(createCredytClient({ baseUrl, timeoutMs: 200 }).getWallet());
    expect(error?.code).toBe("timeout");
  });

  it("a top-up against a hung proxy rejects with `timeout` (the button gets an error, not a spinner)", async () => {
    const baseUrl = await serve(() => undefined);
    const client = createCredytClient({ baseUrl, timeoutMs: 150 });
    const error = await rejection(
      client.createTopUp({ amount: 20, currency: "USD" }, { idempotencyKey: "hung-key-01" }),
    );
    expect(error?.code).toBe("timeout");
  });

  it("defaults to 15 s and refuses a bad timeoutMs with the fix", () => {
    expect(() => createCredytClient({ timeoutMs: 0 })).toThrow(/`timeoutMs` must be a positive integer/);
    expect(() => createCredytClient({ timeoutMs: Number.NaN })).toThrow(/`timeoutMs`/);
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const client = createCredytClient({ fetch: async () => new Response('{"accounts":[]}') });
    return client.getWallet().then(() => {
      expect(setTimeoutSpy.mock.calls.some((call) => call[1] === 15_000)).toBe(true);
    });
  });

  it("the caller's own abort still wins and is rethrown as is (not a timeout)", async () => {
    const baseUrl = await serve(() => undefined);
    const controller = new AbortController();
    const pending = createCredytClient({ baseUrl, timeoutMs: 5_000 }).getWallet({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = (await pending.then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(error.name).toBe("AbortError");
  });
});

describe("6. createCredytClient users without React get the redirect policy", () => {
  const answering = (redirect: string) => async () =>
    new Response(
      JSON.stringify({
        id: "top_4abc",
        status: "initiated",
        redirect_url: redirect,
        created_at: "2026-11-25T10:00:00Z",
        expires_at: "2026-11-25T10:10:00Z",
      }),
      { status: 201, headers: { "Content-Type": "application/json" } },
    );

  it("refuses a javascript: or foreign redirect_url on top-ups and portal sessions", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    for (const url of ["javascript:alert(document.cookie)", "https://evil.example/pay"]) {
      const client = createCredytClient({ fetch: answering(url) });
      const topUp = await rejection(
        client.createTopUp({ amount: 5, currency: "USD" }, { idempotencyKey: "k-12345678" }),
      );
      expect(topUp).toMatchObject({ code: "invalid_response", details: { redirect_url: [expect.any(String)] } });
      expect((await rejection(client.createBillingPortalSession()))?.code).toBe("invalid_response");
    }
  });

  it("follows allowedRedirectHosts (an array, or a function read on each call)", async () => {
    let hosts = ["pay.example.com"];
    const client = createCredytClient({
      fetch: answering("https://pay.example.com/x"),
      allowedRedirectHosts: () => hosts,
    });
    const topUp = await client.createTopUp({ amount: 5, currency: "USD" }, { idempotencyKey: "k-12345678" });
    expect(topUp.redirectUrl).toBe("https://pay.example.com/x");
    hosts = [];
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(
      (await rejection(client.createTopUp({ amount: 5, currency: "USD" }, { idempotencyKey: "k-12345679" })))?.code,
    ).toBe("invalid_response");
  });
});
