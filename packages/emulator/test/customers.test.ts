import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "../src/index";
import { start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

const errorsOf = async (res: Response) => ((await res.json()) as { errors: Record<string, string[]> }).errors;

describe("customers", () => {
  it("creates with email and a subscription, provisioning one account per priced asset", async () => {
    const res = await s.api("POST", "/customers", {
      name: "Ada",
      external_id: "u-1",
      email: "ada@example.com",
      subscriptions: [{ products: [{ code: "glitch_video_std" }] }],
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const got = (await (await s.api("GET", `/customers/${id}`)).json()) as Record<string, unknown>;
    expect(got).toMatchObject({
      id,
      external_id: "u-1",
      name: "Ada",
      email: "ada@example.com",
      subscriptions: [{ products: [{ code: "glitch_video_std", version: 1, id: "prp_4t2fz8a57hje7fjazkrc08jg5n" }] }],
    });
    const wallet = (await (await s.api("GET", `/customers/${id}/wallet`)).json()) as { accounts: { id: string }[] };
    expect(wallet.accounts.map((a) => a.id)).toEqual(["default:USD", "default:TOK"]);
  });

  it("a customer without subscriptions has an empty wallet (200, not 404)", async () => {
    const { id } = (await (await s.api("POST", "/customers", { name: "Bare" })).json()) as { id: string };
    const res = await s.api("GET", `/customers/${id}/wallet`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accounts: [] });
  });

  it("422 on a duplicate external_id", async () => {
    const res = await s.api("POST", "/customers", { name: "Again", external_id: "demo" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 422, title: "One or more validation errors occurred." });
    expect(body.errors).toHaveProperty("external_id");
  });

  it("422 naming each invalid field", async () => {
    expect(await errorsOf(await s.api("POST", "/customers", {}))).toHaveProperty("name");
    expect(await errorsOf(await s.api("POST", "/customers", { name: "  " }))).toHaveProperty("name");
    expect(await errorsOf(await s.api("POST", "/customers", { name: "x", email: "nope" }))).toHaveProperty("email");
    expect(await errorsOf(await s.api("POST", "/customers", { name: "x", external_id: 5 }))).toHaveProperty(
      "external_id",
    );
    const unknown = await errorsOf(
      await s.api("POST", "/customers", { name: "x", subscriptions: [{ products: [{ code: "nope" }] }] }),
    );
    expect(unknown).toHaveProperty(["subscriptions[0].products[0].code"]);
    const version = await errorsOf(
      await s.api("POST", "/customers", {
        name: "x",
        subscriptions: [{ products: [{ code: "glitch_video_std", version: 9 }] }],
      }),
    );
    expect(version).toHaveProperty(["subscriptions[0].products[0].version"]);
    const empty = await errorsOf(await s.api("POST", "/customers", { name: "x", subscriptions: [{ products: [] }] }));
    expect(empty).toHaveProperty(["subscriptions[0].products"]);
  });

  it("404 for an unknown customer", async () => {
    const res = await s.api("GET", "/customers/cust_4000000000000000000000000x");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      status: 404,
      title: "Not Found",
      detail: expect.stringContaining("cust_"),
    });
  });

  it("looks up by external_id as a paged list", async () => {
    const res = await s.api("GET", "/customers?external_id=demo");
    expect(await res.json()).toMatchObject({
      items: [{ id: DEMO_CUSTOMER_ID, external_id: "demo" }],
      total_count: 1,
      limit: 20,
      offset: 0,
    });
    const none = await (await s.api("GET", "/customers?external_id=nobody")).json();
    expect(none).toEqual({ items: [], total_count: 0, limit: 20, offset: 0 });
  });

  it("pages the full list with offset and limit, and rejects bad values", async () => {
    const all = await (await s.api("GET", "/customers?limit=1&offset=1")).json();
    expect(all).toMatchObject({ items: [{ id: SECOND_CUSTOMER_ID }], total_count: 2, limit: 1, offset: 1 });
    for (const q of ["limit=0", "limit=101", "offset=-1", "limit=abc"]) {
      const res = await s.api("GET", `/customers?${q}`);
      expect(res.status, q).toBe(422);
    }
  });
});
