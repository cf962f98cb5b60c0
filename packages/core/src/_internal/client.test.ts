import { describe, expect, it, vi } from "vitest";
import { createCredytClient } from "./client";
import { CredytError } from "./errors";

type Script = (url: string, init: RequestInit) => Response | Promise<Response>;

function scripted(script: Script) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return script(String(input), init ?? {});
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const wallet = {
  accounts: [
    { id: "default:USD", name: "default", asset: "USD", available: 14.566678, pending_in: 0, pending_out: 0 },
    { id: "default:TOK", name: "default", asset: "TOK", available: 993450234 },
  ],
};

async function rejection(promise: Promise<unknown>): Promise<CredytError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CredytError);
    return error as CredytError;
  }
  throw new Error("expected a rejection");
}

describe("createCredytClient success paths", () => {
  it("gets the wallet in camelCase, amounts exact", async () => {
    const { fetch, calls } = scripted(() => json(wallet));
    const client = createCredytClient({ baseUrl: "/api/credyt/", fetch, headers: { "X-CSRF": "t" } });
    const result = await client.getWallet();
    expect(result.accounts[0]).toEqual({
      id: "default:USD",
      name: "default",
      asset: "USD",
      available: 14.566678,
      pendingIn: 0,
      pendingOut: 0,
    });
    expect(result.accounts[1]?.available).toBe(993450234);
    expect(calls[0]?.url).toBe("/api/credyt/wallet");
    const headers = new Headers(calls[0]?.init.headers);
    expect(headers.get("x-csrf")).toBe("t");
    expect(headers.get("accept")).toBe("application/json");
    expect(calls[0]?.init.method).toBe("GET");
  });

  it("gets one account with the id encoded", async () => {
    const { fetch, calls } = scripted(() => json(wallet.accounts[0]));
    const account = await createCredytClient({ fetch }).getAccount("default:USD");
    expect(account.available).toBe(14.566678);
    expect(calls[0]?.url).toBe("/api/credyt/wallet/default%3AUSD");
  });

  it("creates a top-up with the idempotency key and the snake_case body", async () => {
    const created = {
      id: "top_4abc",
      status: "initiated",
      redirect_url: "https://billing.credyt.ai/api/sign-in?token=x",
      created_at: "2026-01-01T00:00:00.000000Z",
      expires_at: "2026-01-02T00:00:00.000000Z",
    };
    const { fetch, calls } = scripted(() => json(created, 201));
    const headers = () => ({ "X-Dynamic": "yes" });
    const topUp = await createCredytClient({ fetch, headers }).createTopUp(
      { amount: 25, currency: "USD", asset: "TOK", returnUrl: "https://app.test/credits" },
      { idempotencyKey: "key-12345678" },
    );
    expect(topUp).toEqual({
      id: "top_4abc",
      status: "initiated",
      redirectUrl: created.redirect_url,
      createdAt: created.created_at,
      expiresAt: created.expires_at,
    });
    const init = calls[0]!.init;
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({
      amount: 25,
      currency: "USD",
      asset: "TOK",
      return_url: "https://app.test/credits",
    });
    const sent = new Headers(init.headers);
    expect(sent.get("idempotency-key")).toBe("key-12345678");
    expect(sent.get("content-type")).toBe("application/json");
    expect(sent.get("x-dynamic")).toBe("yes");
  });

  it("creates a billing portal session", async () => {
    const { fetch, calls } = scripted(() =>
      json({ redirect_url: "https://billing.credyt.ai/s", expires_at: "2025-10-18T07:23:43Z" }, 201),
    );
    const session = await createCredytClient({ fetch }).createBillingPortalSession({ returnUrl: "/back" });
    expect(session).toEqual({ redirectUrl: "https://billing.credyt.ai/s", expiresAt: "2025-10-18T07:23:43Z" });
    expect(calls[0]?.url).toBe("/api/credyt/billing-portal/sessions");
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ return_url: "/back" });
  });
});

describe("createCredytClient failures become CredytError", () => {
  it("network error", async () => {
    const { fetch } = scripted(() => {
      throw new TypeError("fetch failed");
    });
    const error = await rejection(createCredytClient({ fetch }).getWallet());
    expect(error.code).toBe("network_error");
    expect(error.status).toBe(0);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it("passes an abort through untouched", async () => {
    const controller = new AbortController();
    const { fetch } = scripted(() => {
      controller.abort();
      throw new DOMException("aborted", "AbortError");
    });
    await expect(createCredytClient({ fetch }).getWallet({ signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("non-JSON 200", async () => {
    const { fetch } = scripted(() => new Response("<html>proxy login</html>", { status: 200 }));
    const error = await rejection(createCredytClient({ fetch }).getWallet());
    expect(error.code).toBe("invalid_response");
    expect(error.message).toMatch(/not JSON/);
  });

  it.each([
    ["accounts missing", {}],
    ["accounts not an array", { accounts: "x" }],
    ["amount as string", { accounts: [{ id: "a", name: "default", asset: "USD", available: "14.5" }] }],
    ["account null", { accounts: [null] }],
    ["pending_in not a number", { accounts: [{ id: "a", name: "d", asset: "USD", available: 1, pending_in: "0" }] }],
    [
      "empty asset code (would crash formatting later)",
      { accounts: [{ id: "a", name: "d", asset: "", available: 1 }] },
    ],
  ])("wrong-shaped wallet: %s", async (_name, body) => {
    const { fetch } = scripted(() => json(body));
    const error = await rejection(createCredytClient({ fetch }).getWallet());
    expect(error.code).toBe("invalid_response");
  });

  it("wrong-shaped top-up and portal session", async () => {
    const { fetch } = scripted(() => json({ id: "top_1", status: "weird" }, 201));
    const client = createCredytClient({ fetch });
    expect(
      (await rejection(client.createTopUp({ amount: 1, currency: "USD" }, { idempotencyKey: "12345678" }))).code,
    ).toBe("invalid_response");
    expect((await rejection(client.createBillingPortalSession())).code).toBe("invalid_response");
  });

  it.each([
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [413, "payload_too_large"],
    [415, "unsupported_media_type"],
    [429, "rate_limited"],
    [500, "internal"],
    [502, "upstream_error"],
    [503, "unavailable"],
    [504, "upstream_timeout"],
    [418, "bad_request"],
  ])("HTTP %i without an error body → %s", async (status, code) => {
    const { fetch } = scripted(() => new Response("oops", { status }));
    const error = await rejection(createCredytClient({ fetch }).getWallet());
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it("4xx with the protocol's error body keeps code, message and details", async () => {
    const body = { error: { code: "invalid_request", message: "Amount too small", details: { amount: ["min 5"] } } };
    const { fetch } = scripted(() => json(body, 422));
    const error = await rejection(
      createCredytClient({ fetch }).createTopUp({ amount: 1, currency: "USD" }, { idempotencyKey: "abcdefgh" }),
    );
    expect(error.code).toBe("invalid_request");
    expect(error.message).toBe("Amount too small");
    expect(error.details).toEqual({ amount: ["min 5"] });
    expect(error.status).toBe(422);
  });

  it("429 carries Retry-After", async () => {
    const body = { error: { code: "rate_limited", message: "Too many requests" } };
    const { fetch } = scripted(() => json(body, 429, { "Retry-After": "30" }));
    const error = await rejection(createCredytClient({ fetch }).getWallet());
    expect(error.retryAfter).toBe(30);
  });

  it("5xx with a malformed error body falls back to the status", async () => {
    const { fetch } = scripted(() => json({ error: { code: "made_up", message: 5 } }, 502));
    const error = await rejection(createCredytClient({ fetch }).getWallet());
    expect(error.code).toBe("upstream_error");
  });

  it("refuses bad input before any request", async () => {
    const { fetch, calls } = scripted(() => json(wallet));
    const client = createCredytClient({ fetch });
    expect((await rejection(client.getAccount(""))).code).toBe("invalid_request");
    expect(
      (await rejection(client.createTopUp({ amount: 1, currency: "USD" }, { idempotencyKey: "short" }))).code,
    ).toBe("invalid_request");
    // The proxy's rule (visible ASCII), not only the length: the proxy would refuse this key with a 422.
    const spaced = await rejection(
      client.createTopUp({ amount: 1, currency: "USD" }, { idempotencyKey: "a key with spaces" }),
    );
    expect(spaced.code).toBe("invalid_request");
    expect(spaced.details).toEqual({ "Idempotency-Key": ["must be 8-255 visible ASCII characters"] });
    expect((await rejection(client.createTopUp(null as never, { idempotencyKey: "long-enough-key" }))).code).toBe(
      "invalid_request",
    );
    expect(calls).toHaveLength(0);
    expect(() => createCredytClient({ fetch: "nope" as never })).toThrow(/fetch/);
    expect(() => createCredytClient({ baseUrl: 1 as never })).toThrow(/baseUrl/);
  });
});
