// Issue 21: the plugin's customer look-up under both readings of `GET /customers?external_id=` (a page,
// or the customer object, with a 404 for none).
import { createEmulator, DEMO_CUSTOMER_ID, READING_CHOICES } from "@credyt/emulator";
import { describe, expect, it } from "vitest";
import { lookUpCustomer } from "../src/_internal/customer";

describe.each(["page", "object"] as const)("external id look-up answering %s", (externalIdLookup) => {
  const emulator = createEmulator({ readings: { externalIdLookup } });
  const api = {
    apiUrl: "http://emulator.test",
    apiKey: emulator.apiKey,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(new Request(input, init))) as typeof fetch,
  };

  it("finds the customer by external id", async () => {
    expect(await lookUpCustomer("demo", api)).toBe(DEMO_CUSTOMER_ID);
  });

  it("falls back to a cust_ id", async () => {
    expect(await lookUpCustomer(DEMO_CUSTOMER_ID, api)).toBe(DEMO_CUSTOMER_ID);
  });

  it("explains an unknown external id (never 'check your key')", async () => {
    await expect(lookUpCustomer("nobody", api)).rejects.toThrow(/No Credyt customer has external_id "nobody"/);
  });
});

it("never takes another customer from a list that ignored the filter", async () => {
  const fetch = (async () =>
    Response.json({
      items: [{ id: "cust_4other0000000000000000000", external_id: "someone" }],
    })) as typeof globalThis.fetch;
  await expect(lookUpCustomer("demo", { apiUrl: "http://x.test", apiKey: "key_x", fetch })).rejects.toThrow(
    /No Credyt customer/,
  );
});

describe("every other reading, one at a time", () => {
  const cases = Object.entries(READING_CHOICES).flatMap(([key, values]) =>
    (values as readonly unknown[]).map((value) => [key, value] as const),
  );
  it.each(cases)("%s = %s: finds demo, explains nobody", async (key, value) => {
    const emulator = createEmulator({ readings: { [key]: value } });
    const api = {
      apiUrl: "http://emulator.test",
      apiKey: emulator.apiKey,
      fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
        emulator.fetch(new Request(input, init))) as typeof fetch,
    };
    expect(await lookUpCustomer("demo", api)).toBe(DEMO_CUSTOMER_ID);
    await expect(lookUpCustomer("nobody", api)).rejects.toThrow(/No Credyt customer has external_id "nobody"/);
  });
});
