import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_ID } from "../src/index";
import { FAILURE_URL, RETURN_URL, start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

async function session(customer = DEMO_CUSTOMER_ID) {
  const res = await s.api("POST", "/billing-portal/sessions", {
    customer_id: customer,
    return_url: RETURN_URL,
    failure_url: FAILURE_URL,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { redirect_url: string; expires_at: string };
}

async function openPortal(redirectUrl: string) {
  const signIn = await fetch(redirectUrl, { redirect: "manual" });
  expect(signIn.status).toBe(303);
  const location = new URL(signIn.headers.get("location") as string, s.url);
  expect(location.pathname).toBe("/portal");
  return { url: location.href, token: location.searchParams.get("token") as string };
}

describe("billing portal sessions", () => {
  it("422 for missing or invalid fields, 404 for an unknown customer", async () => {
    const bad = await s.api("POST", "/billing-portal/sessions", { customer_id: DEMO_CUSTOMER_ID, return_url: "x" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: object }).errors).toMatchObject({
      return_url: expect.any(Array),
      failure_url: expect.any(Array),
    });
    const missing = await s.api("POST", "/billing-portal/sessions", {
      customer_id: "cust_nope",
      return_url: RETURN_URL,
      failure_url: FAILURE_URL,
    });
    expect(missing.status).toBe(404);
  });
});

describe("hosted billing portal page", () => {
  it("shows every account's balance and a link back to return_url", async () => {
    const { url } = await openPortal((await session()).redirect_url);
    const html = await (await fetch(url)).text();
    expect(html).toContain("14.566678 USD");
    expect(html).toContain("993450234 TOK");
    expect(html).toContain(`href="${RETURN_URL.replace(/&/g, "&amp;")}"`);
    expect(html).toContain('<label for="amount">');
    expect(html).toContain('<label for="asset">');
  });

  it("a manual top-up goes through the same checkout and back to the portal", async () => {
    const { token } = await openPortal((await session()).redirect_url);
    const res = await fetch(`${s.url}/portal/top-up`, {
      method: "POST",
      body: new URLSearchParams({ token, amount: "12.50", asset: "USD" }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const checkout = await fetch(new URL(res.headers.get("location") as string, s.url), { redirect: "manual" });
    const checkoutUrl = new URL(checkout.headers.get("location") as string, s.url);
    expect(checkoutUrl.pathname).toBe("/checkout");
    const topUp = s.emulator.listTopUps()[0];
    expect(topUp).toMatchObject({
      amount: 12.5,
      customer_id: DEMO_CUSTOMER_ID,
      return_url: RETURN_URL,
      failure_url: FAILURE_URL,
    });
    const paid = await fetch(`${s.url}/checkout`, {
      method: "POST",
      body: new URLSearchParams({
        token: checkoutUrl.searchParams.get("token") as string,
        card_number: "4242424242424242",
        expiry: "12/34",
        cvc: "123",
      }),
      redirect: "manual",
    });
    expect(paid.headers.get("location")).toMatch(/^\/portal\?token=/);
    expect(s.emulator.getAccount(DEMO_CUSTOMER_ID, "default:USD")).toMatchObject({
      available: 27.066678,
      pending_in: 0,
    });
  });

  it("refuses a bad amount on the page", async () => {
    const { token } = await openPortal((await session()).redirect_url);
    for (const amount of ["", "abc", "0", "-3", "1.234"]) {
      const res = await fetch(`${s.url}/portal/top-up`, {
        method: "POST",
        body: new URLSearchParams({ token, amount }),
      });
      expect(res.status, amount).toBe(422);
      expect(await res.text()).toContain('role="alert"');
    }
    expect(s.emulator.listTopUps()).toHaveLength(0);
  });

  it("after 10 minutes the link (and an open page's form) goes to failure_url", async () => {
    const { redirect_url } = await session();
    const { token } = await openPortal(redirect_url);
    await s.admin("POST", "/__emulator/clock", { advance_ms: 10 * 60_000 });
    const res = await fetch(redirect_url, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(FAILURE_URL);
    const form = await fetch(`${s.url}/portal/top-up`, {
      method: "POST",
      body: new URLSearchParams({ token, amount: "5" }),
      redirect: "manual",
    });
    expect(form.headers.get("location")).toBe(FAILURE_URL);
  });

  it("a tampered token goes to the session's stored failure_url", async () => {
    const { redirect_url } = await session();
    const token = redirect_url.split("token=")[1] as string;
    const [h, p, sig] = token.split(".");
    const claims = JSON.parse(Buffer.from(p as string, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, customer_id: "cust_473cr1y0ghbyc3m1yfbwvn3nxx" })).toString(
      "base64url",
    );
    const res = await fetch(`${s.url}/portal?token=${h}.${forged}.${sig}`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(FAILURE_URL);
  });
});
