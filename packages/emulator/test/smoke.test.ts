import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "../src/index";
import { FAILURE_URL, RETURN_URL, start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

describe("smoke", () => {
  it("wallet, top-up, admin complete", async () => {
    const w = await s.api("GET", `/customers/${DEMO_CUSTOMER_ID}/wallet`);
    expect(w.status).toBe(200);
    expect(await w.text()).toContain("14.566678");
    const t = await s.api("POST", "/top-ups", {
      customer_id: SECOND_CUSTOMER_ID,
      amount: 25,
      currency: "USD",
      return_url: RETURN_URL,
      failure_url: FAILURE_URL,
    });
    expect(t.status).toBe(201);
    const top = (await t.json()) as { id: string; redirect_url: string };
    expect(top.redirect_url.startsWith(`${s.url}/api/sign-in?token=`)).toBe(true);
    const a1 = (await (await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default%3Ausd`)).json()) as Record<
      string,
      number
    >;
    expect(a1).toMatchObject({ available: 50, pending_in: 25 });
    const done = await s.admin("POST", `/__emulator/top-ups/${top.id}/complete`);
    expect(done.status).toBe(200);
    const a2 = (await (await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:USD`)).json()) as Record<
      string,
      number
    >;
    expect(a2).toMatchObject({ available: 75, pending_in: 0 });
    const signIn = await fetch(top.redirect_url, { redirect: "manual" });
    expect(signIn.status).toBe(303);
  });
});
