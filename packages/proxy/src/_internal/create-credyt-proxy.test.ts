import { describe, expect, it } from "vitest";
import { CUSTOMER, FAKE_KEY, fakeUpstream, WALLET_TEXT } from "../../test/fake-upstream";
import { createCredytProxy } from "./create-credyt-proxy";

const ORIGIN = "https://shop.example";

function setup(extra: Partial<Parameters<typeof createCredytProxy>[0]> = {}) {
  const upstream = fakeUpstream();
  const proxy = createCredytProxy({
    apiKey: FAKE_KEY,
    apiUrl: "https://credyt.test",
    fetch: upstream.fetch,
    getCustomerId: () => CUSTOMER,
    ...extra,
  });
  return { proxy, upstream };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/api/credyt${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": "key-12345678", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("createCredytProxy (Fetch)", () => {
  it("forwards the wallet text unchanged, with the key upstream and no-store downstream", async () => {
    const { proxy, upstream } = setup();
    const response = await proxy(new Request(`${ORIGIN}/api/credyt/wallet`));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(WALLET_TEXT);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(upstream.calls[0]?.headers.get("x-credyt-api-key")).toBe(FAKE_KEY);
    expect(upstream.calls[0]?.path).toBe(`/customers/${CUSTOMER}/wallet`);
  });

  it("creates a top-up with marked return URLs", async () => {
    const { proxy, upstream } = setup();
    const response = await proxy(post("/top-ups", { amount: 20, currency: "USD" }));
    expect(response.status).toBe(201);
    const body = upstream.calls[0]?.body as Record<string, unknown>;
    expect(body).toEqual({
      customer_id: CUSTOMER,
      amount: 20,
      currency: "USD",
      destination: { account_name: "default", asset: "USD" },
      return_url: `${ORIGIN}/?credyt_return=top_up`,
      failure_url: `${ORIGIN}/?credyt_return=failed`,
      // A hash of customer + Idempotency-Key, to find the top-up again if the answer is lost.
      metadata: { credyt_ui_purchase: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
  });
});
