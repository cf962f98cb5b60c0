// Issue 23: every answer for a signed-in customer names, opaquely, whom it is for; the browser drops
// cached data of anyone else when it changes.
import { describe, expect, it } from "vitest";
import { CUSTOMER, FAKE_KEY, WALLET_TEXT } from "./fake-upstream";
import { get, setup } from "./helpers";

describe("Credyt-Customer-Ref", () => {
  it("is on every answer for a customer, stable, different per customer, and reveals neither id nor key", async () => {
    let who = CUSTOMER;
    const { proxy } = setup({ getCustomerId: () => who }, (call) =>
      call.path.endsWith("/wallet")
        ? new Response(WALLET_TEXT, { headers: { "Content-Type": "application/json" } })
        : undefined,
    );
    const first = (await proxy(get("/wallet"))).headers.get("credyt-customer-ref");
    const again = (await proxy(get("/wallet"))).headers.get("credyt-customer-ref");
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(again).toBe(first);
    expect(first).not.toContain(CUSTOMER);
    expect(first).not.toContain(FAKE_KEY);
    who = "cust_someoneelse0000000000000";
    const other = (await proxy(get("/wallet"))).headers.get("credyt-customer-ref");
    expect(other).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(other).not.toBe(first);
  });

  it("is absent when nobody is signed in (401)", async () => {
    const { proxy } = setup({ getCustomerId: () => null });
    const response = await proxy(get("/wallet"));
    expect(response.status).toBe(401);
    expect(response.headers.get("credyt-customer-ref")).toBeNull();
  });
});
