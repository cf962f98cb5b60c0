import { createEmulator, DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { describe, expect, it } from "vitest";
import { createCredytProxy } from "./create-credyt-proxy";
import { CUSTOMER_REF_HEADER, customerRefs } from "./customer-ref";

describe("Credyt-Customer-Ref", () => {
  it("is an opaque, stable reference per customer: never the id, never the key, the same across instances", async () => {
    const a = customerRefs("key_one");
    const b = customerRefs("key_one");
    const ref = await a("cust_alice");
    expect(ref).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(ref).not.toContain("alice");
    expect(await b("cust_alice")).toBe(ref);
    expect(await a("cust_bob")).not.toBe(ref);
    expect(await customerRefs("key_two")("cust_alice")).not.toBe(ref);
  });

  it("rides on every answer for a signed-in customer, and on none without one", async () => {
    const emulator = createEmulator();
    let customer: string | null = DEMO_CUSTOMER_ID;
    const proxy = createCredytProxy({
      apiKey: emulator.apiKey,
      apiUrl: "http://emulator.test",
      getCustomerId: () => customer,
      fetch: (input, init) => emulator.fetch(new Request(input, init)),
    });
    const wallet = await proxy(new Request("http://app.test/api/credyt/wallet"));
    expect(wallet.status).toBe(200);
    const ref = wallet.headers.get(CUSTOMER_REF_HEADER);
    expect(ref).toBe(await customerRefs(emulator.apiKey)(DEMO_CUSTOMER_ID));
    expect(ref).not.toContain(DEMO_CUSTOMER_ID);
    const usage = await proxy(new Request("http://app.test/api/credyt/usage"));
    expect(usage.headers.get(CUSTOMER_REF_HEADER)).toBe(ref);
    customer = null;
    const signedOut = await proxy(new Request("http://app.test/api/credyt/wallet"));
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get(CUSTOMER_REF_HEADER)).toBeNull();
  });
});
