// The browser client from @credyt/core → this proxy → the emulator, chained in one process through `fetch` options.
import { CredytError, createCredytClient } from "@credyt/core";
import { createEmulator, DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/index";

function chain(customerId: string | null = DEMO_CUSTOMER_ID) {
  // Checkout links on the emulator's own https origin, which the proxy and the client both check.
  const emulator = createEmulator({ publicUrl: "https://credyt.test" });
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: "https://credyt.test",
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
    getCustomerId: () => customerId,
    topUps: { assets: ["USD", "TOK"] },
  });
  const client = createCredytClient({
    baseUrl: "https://shop.example/api/credyt",
    fetch: (input, init) => proxy(new Request(input, init)),
    allowedRedirectHosts: ["credyt.test"],
  });
  return { emulator, client };
}

describe("core client → proxy → emulator", () => {
  it("reads the wallet and an account with exact amounts", async () => {
    const { client } = chain();
    const wallet = await client.getWallet();
    expect(wallet.accounts.map((a) => [a.id, a.available])).toEqual([
      ["default:USD", 14.566678],
      ["default:TOK", 993450234],
    ]);
    expect(await client.getAccount("default:USD")).toMatchObject({
      id: "default:USD",
      available: 14.566678,
      pendingIn: 0,
    });
  });

  it("creates a top-up once per idempotency key, and a portal session", async () => {
    const { client, emulator } = chain();
    const first = await client.createTopUp(
      { amount: 25, currency: "USD", returnUrl: "/wallet" },
      { idempotencyKey: "chain-key-0001" },
    );
    const again = await client.createTopUp(
      { amount: 25, currency: "USD", returnUrl: "/wallet" },
      { idempotencyKey: "chain-key-0001" },
    );
    expect(again).toEqual(first);
    expect(first.status).toBe("initiated");
    expect(emulator.listTopUps()).toHaveLength(1);
    const session = await client.createBillingPortalSession({ returnUrl: "/settings" });
    expect(session.redirectUrl).toMatch(/token=/);
  });

  it("surfaces the proxy's errors as CredytError with the catalogue code", async () => {
    const { client } = chain();
    await expect(client.getAccount("default:EUR")).rejects.toMatchObject({ code: "not_found", status: 404 });
    const invalid = await client
      .createTopUp({ amount: 0.001, currency: "USD" }, { idempotencyKey: "chain-key-0002" })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(CredytError);
    expect(invalid).toMatchObject({ code: "invalid_request", status: 422, details: { amount: [expect.any(String)] } });
    await expect(chain(null).client.getWallet()).rejects.toMatchObject({ code: "unauthorized", status: 401 });
  });
});
