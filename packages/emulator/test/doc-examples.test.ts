import { readFileSync } from "node:fs";
import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "../src/index";
import { start, type TestServer } from "./helpers";

// Credyt's documented examples, kept as data next to the API contract.
const examples = JSON.parse(
  readFileSync(new URL("../../../docs/fixtures/credyt-doc-examples.json", import.meta.url), "utf8"),
) as Record<string, { body?: Record<string, unknown>; response?: Record<string, unknown>; status?: number }>;
const ex = (name: string) =>
  examples[name] as { body: Record<string, unknown>; response: Record<string, unknown>; status?: number };

/** Same keys, same JSON types, recursively (ids and times are examples, not values to match). */
function expectSameShape(actual: unknown, documented: unknown, path = "$"): void {
  if (Array.isArray(documented)) {
    expect(Array.isArray(actual), path).toBe(true);
    const list = actual as unknown[];
    for (const [i, item] of documented.entries()) expectSameShape(list[i], item, `${path}[${i}]`);
    return;
  }
  if (documented !== null && typeof documented === "object") {
    expect(typeof actual, path).toBe("object");
    for (const [key, value] of Object.entries(documented)) {
      expect(actual, `${path} has ${key}`).toHaveProperty([key]);
      expectSameShape((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  expect(typeof actual, path).toBe(typeof documented);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

describe("Credyt's documented examples, field for field", () => {
  it("GET wallet returns the documented demo balances exactly", async () => {
    const res = await s.api("GET", `/customers/${DEMO_CUSTOMER_ID}/wallet`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accounts: Record<string, unknown>[] };
    const documented = ex("wallet").response.accounts as Record<string, unknown>[];
    expect(body.accounts).toHaveLength(documented.length);
    for (const [i, account] of documented.entries()) expect(body.accounts[i]).toMatchObject(account);
    // The raw text carries the numbers unchanged, not float artefacts.
    const text = JSON.stringify(body);
    expect(text).toContain('"available":14.566678');
    expect(text).toContain('"available":993450234');
  });

  it("GET account reproduces the documented body exactly once funded to 998.5", async () => {
    const adj = await s.api("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, {
      transaction_id: "0b8f1d2e-3c4a-4b5c-9d6e-7f8091a2b3c4",
      asset: "USD",
      amount: 948.5,
      reason: "external_topup",
    });
    expect(adj.status).toBe(201);
    const res = await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:USD`);
    expect(await res.json()).toEqual(ex("account").response);
  });

  it("POST /top-ups with the documented body gives the documented response shape", async () => {
    const res = await s.api("POST", "/top-ups", ex("top_up_create").body);
    expect(res.status).toBe(ex("top_up_create").status);
    const body = (await res.json()) as Record<string, string>;
    expectSameShape(body, ex("top_up_create").response);
    expect(Object.keys(body).sort()).toEqual(Object.keys(ex("top_up_create").response).sort());
    expect(body.id).toMatch(/^top_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(body.status).toBe("initiated");
    expect(body.redirect_url).toMatch(new RegExp(`^${s.url}/api/sign-in\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect(body.created_at).toMatch(ISO);
    expect(body.expires_at).toMatch(ISO);
  });

  it("POST /top-ups into a custom asset (documented body, no override) credits 1 USD at the asset's rate", async () => {
    const res = await s.api("POST", "/top-ups", ex("top_up_custom_asset").body);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const got = (await (await s.api("GET", `/top-ups/${id}`)).json()) as Record<string, unknown>;
    // The seed's TOK costs 0.000001 USD per unit (currency per unit, as Credyt documents an asset's rate).
    expect(got).toMatchObject({ units: 1000000, destination: { account_name: "default", asset: "TOK" } });
    expect((got.destination as Record<string, unknown>).exchange_rate).toBeUndefined();
    const account = await (await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:TOK`)).json();
    expect(account).toMatchObject({ available: 0, pending_in: 1000000 });
  });

  it("POST /billing-portal/sessions: documented shape, 10 minutes, documented JWT claims", async () => {
    const res = await s.api("POST", "/billing-portal/sessions", ex("billing_portal_session").body);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { redirect_url: string; expires_at: string };
    expect(Object.keys(body).sort()).toEqual(["expires_at", "redirect_url"]);
    expect(body.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const token = body.redirect_url.split("token=")[1] as string;
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      purpose: "portal-session-redirect",
      customer_id: SECOND_CUSTOMER_ID,
      live_mode: "false",
      return_url: "https://glitch.ai/account",
      failure_url: "https://glitch.ai/callbacks/credyt/failure",
      iss: "Credyt.Api",
      aud: "CustomerPortal",
    });
    expect(claims.platform_id).toMatch(/^acc_/);
    expect(claims.issued).toMatch(/\.\d{7}Z$/);
    expect((claims.exp as number) * 1000).toBe(Date.parse(body.expires_at));
    const ttl = Date.parse(body.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
  });

  it("POST /customers with the documented body returns only the id; GET has the documented fields", async () => {
    const res = await s.api("POST", "/customers", ex("customer_create").body);
    expect(res.status).toBe(ex("customer_create").status);
    const body = (await res.json()) as { id: string };
    expect(Object.keys(body)).toEqual(["id"]);
    expect(body.id).toMatch(/^cust_[0-9a-hjkmnp-tv-z]{26}$/);
    const got = (await (await s.api("GET", `/customers/${body.id}`)).json()) as Record<string, unknown>;
    expectSameShape(got, ex("customer_get").response);
    expect(got).toMatchObject({ external_id: "18991", name: "Walter Kreiger", external_accounts: [] });
    expect(got.created_at).toMatch(/\.\d{7}Z$/);
  });

  it("POST adjustments with the documented body returns the documented response", async () => {
    const res = await s.api("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, ex("adjustment").body);
    expect(res.status).toBe(ex("adjustment").status);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(["created_at", "id"]);
    expect(body.id).toBe(ex("adjustment").response.id);
    expect(body.created_at).toMatch(ISO);
  });

  it("POST /assets with the documented body creates the asset", async () => {
    const res = await s.api("POST", "/assets", ex("asset_create").body);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject(ex("asset_create").body);
    const got = await (await s.api("GET", "/assets/vidgenmin")).json();
    expect(got).toMatchObject({ code: "VIDGENMIN", precision: 2, rates: [{ source: "USD", rate: 0.1 }] });
  });

  it("POST /events with the documented body bills video_promoted at 0.5 USD", async () => {
    const res = await s.api("POST", "/events", ex("usage_events").body);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { items: { id: string; fees: { amount: number; asset: string }[] }[] };
    expect(body.items[0]?.id).toBe("0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c");
    expect(body.items[0]?.fees).toMatchObject([{ amount: 0.5, asset: "USD" }]);
    const account = await (await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:USD`)).json();
    expect(account).toMatchObject({ available: 49.5 });
  });
});
