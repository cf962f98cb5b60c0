import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEmulator, DEFAULT_API_KEY, DEMO_CUSTOMER_ID } from "../src/index";
import { start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

describe("authentication", () => {
  it("401 with an empty body when the key is missing", async () => {
    const res = await fetch(`${s.url}/customers/${DEMO_CUSTOMER_ID}/wallet`);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
  });

  it("401 for an unknown key", async () => {
    const res = await s.api("GET", `/customers/${DEMO_CUSTOMER_ID}`, undefined, { "X-CREDYT-API-KEY": "key_wrong" });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("");
  });

  it("accepts the header name in any case (Bruno sends X-Credyt-Api-Key)", async () => {
    for (const name of ["X-Credyt-Api-Key", "x-credyt-api-key"]) {
      const res = await fetch(`${s.url}/customers/${DEMO_CUSTOMER_ID}`, { headers: { [name]: DEFAULT_API_KEY } });
      expect(res.status).toBe(200);
    }
  });

  it("honours apiKeys", async () => {
    const other = await start({ apiKeys: ["key_a", "key_b"] });
    try {
      expect(other.apiKey).toBe("key_a");
      const ok = await fetch(`${other.url}/customers/${DEMO_CUSTOMER_ID}`, {
        headers: { "X-CREDYT-API-KEY": "key_b" },
      });
      expect(ok.status).toBe(200);
      const no = await fetch(`${other.url}/customers/${DEMO_CUSTOMER_ID}`, {
        headers: { "X-CREDYT-API-KEY": DEFAULT_API_KEY },
      });
      expect(no.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe("protocol errors are problem+json", () => {
  it("400 for unparseable JSON", async () => {
    const res = await s.api("POST", "/customers", "{not json");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({
      status: 400,
      title: "Bad Request",
      type: expect.stringContaining("rfc9110"),
    });
  });

  it("400 for a JSON body that is not an object, and for an empty body", async () => {
    expect((await s.api("POST", "/customers", "[1,2]")).status).toBe(400);
    expect((await s.api("POST", "/customers", "")).status).toBe(400);
  });

  it("415 for a non-JSON content type", async () => {
    const res = await fetch(`${s.url}/customers`, {
      method: "POST",
      headers: { "X-CREDYT-API-KEY": DEFAULT_API_KEY, "content-type": "text/plain" },
      body: '{"name":"x"}',
    });
    expect(res.status).toBe(415);
    expect((await res.json()).status).toBe(415);
  });

  it("413 for a body over 1 MB", async () => {
    const res = await s.api("POST", "/customers", JSON.stringify({ name: "x".repeat(1_100_000) }));
    expect(res.status).toBe(413);
  });

  it("405 with Allow for a known path and wrong method", async () => {
    const res = await s.api("DELETE", `/customers/${DEMO_CUSTOMER_ID}`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect((await res.json()).status).toBe(405);
  });

  it("404 problem for an unknown route", async () => {
    const res = await s.api("GET", "/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, title: "Not Found", traceId: expect.stringMatching(/^00-/) });
  });

  it("never answers 500, whatever the input", async () => {
    const bodies: unknown[] = [
      null,
      1,
      "s",
      true,
      {},
      { name: null },
      { name: {} },
      { amount: "1" },
      { events: "x" },
      { customer_id: 5, amount: -1 },
      { transaction_id: [], asset: {}, amount: 1e308 },
      { destination: 7 },
      { rates: [null] },
    ];
    const paths = [
      "/customers",
      `/customers/${DEMO_CUSTOMER_ID}/wallet/adjustments`,
      "/top-ups",
      "/billing-portal/sessions",
      "/assets",
      "/events",
      "/assets/TOK/quote",
      "/assets/%E0%A4%A/quote",
      "/__emulator/clock",
      "/__emulator/faults",
      "/__emulator/top-ups/top_x/fail",
    ];
    for (const path of paths) {
      for (const body of bodies) {
        const res = await s.api("POST", path, JSON.stringify(body));
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      }
    }
    for (const path of [
      "/customers/%E0%A4%A",
      "/customers/x/wallet/%3A%3A",
      "/top-ups/%00",
      "/assets/..%2F",
      "/events/ ",
      `/events?customer_id=%00&from=${"9".repeat(40)}&to=%E0%A4%A`,
      "/events?offset=9007199254740991&limit=100",
      "/events?from=2026-01-01T00:00:00.999999999Z&to=9999-12-31T23:59:59Z",
      "/events?from=0000-01-01T00:00:00-23:59",
    ]) {
      expect((await s.api("GET", path)).status, path).toBeLessThan(500);
    }
  });
});

describe("Fetch handler without Node", () => {
  it("serves requests in-process and links to the request's origin by default", async () => {
    const emulator = createEmulator();
    const res = await emulator.fetch(
      new Request("http://in-process.test/billing-portal/sessions", {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": emulator.apiKey, "content-type": "application/json" },
        body: JSON.stringify({
          customer_id: DEMO_CUSTOMER_ID,
          return_url: "https://a.test/r",
          failure_url: "https://a.test/f",
        }),
      }),
    );
    expect(res.status).toBe(201);
    expect(((await res.json()) as { redirect_url: string }).redirect_url).toMatch(
      /^http:\/\/in-process\.test\/api\/sign-in\?token=/,
    );
  });

  it("uses the injected clock and id generator", async () => {
    let n = 0;
    const emulator = createEmulator({ now: () => new Date("2030-01-02T03:04:05.678Z"), ids: (p) => `${p}_test${++n}` });
    const res = await emulator.fetch(
      new Request("http://x.test/customers", {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": emulator.apiKey, "content-type": "application/json" },
        body: JSON.stringify({ name: "Clocked" }),
      }),
    );
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^cust_test\d+$/);
    expect(emulator.getCustomer(id)?.created_at).toBe("2030-01-02T03:04:05.6780000Z");
  });
});
