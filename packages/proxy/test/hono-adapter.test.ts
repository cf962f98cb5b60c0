import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createCredytProxy } from "../src/hono";
import { CUSTOMER, FAKE_KEY, fakeUpstream } from "./fake-upstream";

describe("@credyt/proxy/hono", () => {
  it("gives getCustomerId Hono's Context, with its variables", async () => {
    const upstream = fakeUpstream();
    const app = new Hono<{ Variables: { customerId: string } }>();
    app.use(async (c, next) => {
      c.set("customerId", CUSTOMER);
      await next();
    });
    app.all(
      "/api/credyt/*",
      createCredytProxy({
        apiKey: FAKE_KEY,
        apiUrl: "https://credyt.test",
        fetch: upstream.fetch,
        getCustomerId: (c) => c.get("customerId"),
      }),
    );
    const response = await app.request("https://shop.example/api/credyt/wallet");
    expect(response.status).toBe(200);
    expect(upstream.calls[0]?.path).toBe(`/customers/${CUSTOMER}/wallet`);
  });

  it("works after a middleware already read the JSON body", async () => {
    const upstream = fakeUpstream();
    const app = new Hono();
    app.use(async (c, next) => {
      if (c.req.method === "POST") await c.req.json();
      await next();
    });
    app.all(
      "/api/credyt/*",
      createCredytProxy({
        apiKey: FAKE_KEY,
        apiUrl: "https://credyt.test",
        fetch: upstream.fetch,
        getCustomerId: () => CUSTOMER,
      }),
    );
    const response = await app.request("https://shop.example/api/credyt/top-ups", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": "hono-body-key-1" },
      body: '{"amount":15.5,"currency":"USD"}',
    });
    expect(response.status).toBe(201);
    expect(upstream.calls[0]?.body).toMatchObject({ amount: 15.5, currency: "USD" });
  });
});
