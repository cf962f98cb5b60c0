import { describe, expect, it } from "vitest";
import { createCredytClient } from "./client";

const wallet = { accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 1 }] };

describe("createCredytClient onCustomerRef", () => {
  it("reports the Credyt-Customer-Ref of each successful answer before the call resolves, and nothing without one", async () => {
    const refs: string[] = [];
    let ref: string | undefined = "r1";
    const client = createCredytClient({
      baseUrl: "/api/credyt",
      fetch: async () =>
        new Response(JSON.stringify(wallet), {
          headers: { "Content-Type": "application/json", ...(ref ? { "Credyt-Customer-Ref": ref } : {}) },
        }),
      onCustomerRef: (r) => refs.push(r),
    });
    await client.getWallet();
    expect(refs).toEqual(["r1"]);
    ref = "r2";
    const pending = client.getWallet().then(() => refs.length);
    expect(await pending).toBe(2);
    ref = undefined;
    await client.getWallet();
    expect(refs).toEqual(["r1", "r2"]);
  });
});
