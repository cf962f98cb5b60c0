import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SECOND_CUSTOMER_ID } from "../src/index";
import { FAILURE_URL, RETURN_URL, start, type TestServer } from "./helpers";

let s: TestServer;
beforeEach(async () => {
  s = await start();
});
afterEach(() => s.close());

async function newCheckout(body: Record<string, unknown> = {}) {
  const res = await s.api("POST", "/top-ups", {
    customer_id: SECOND_CUSTOMER_ID,
    amount: 25,
    currency: "USD",
    description: "Video <Credits>",
    return_url: RETURN_URL,
    failure_url: FAILURE_URL,
    ...body,
  });
  const topUp = (await res.json()) as { id: string; redirect_url: string };
  const signIn = await fetch(topUp.redirect_url, { redirect: "manual" });
  expect(signIn.status).toBe(303);
  const location = signIn.headers.get("location") as string;
  expect(location).toMatch(/^\/checkout\?token=/);
  const token = new URL(location, s.url).searchParams.get("token") as string;
  return { ...topUp, token, pageUrl: new URL(location, s.url).href };
}

const pay = (token: string, card: string, expiry = "12/34", cvc = "123") =>
  fetch(`${s.url}/checkout`, {
    method: "POST",
    body: new URLSearchParams({ token, card_number: card, expiry, cvc, name: "Test" }),
    redirect: "manual",
  });
const usd = async () =>
  (await (await s.api("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:USD`)).json()) as Record<string, number>;

describe("hosted checkout page", () => {
  it("shows amount, description, asset and units, with labelled fields and escaped text", async () => {
    const { pageUrl } = await newCheckout();
    const res = await fetch(pageUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("25.00 USD");
    expect(html).toContain("Video &lt;Credits&gt;");
    expect(html).toContain("default:USD");
    for (const id of ["card_number", "expiry", "cvc", "name"]) expect(html).toContain(`<label for="${id}">`);
    // No external assets: inline data: URLs (the empty favicon) are fine, anything fetched is not.
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="(?!data:)/);
  });

  it("shows the units a custom-asset top-up credits", async () => {
    const { pageUrl } = await newCheckout({ amount: 3, destination: { asset: "TOK" } });
    expect(await (await fetch(pageUrl)).text()).toContain("3000000 TOK");
  });

  it("4242 4242 4242 4242 completes: exact credit, portal, then return_url unchanged", async () => {
    const { id, token } = await newCheckout({ amount: 0.07 });
    const res = await pay(token, "4242 4242 4242 4242");
    expect(res.status).toBe(303);
    const portal = res.headers.get("location") as string;
    expect(portal).toMatch(new RegExp(`^/portal\\?token=.+&paid=${id}$`));
    expect(await usd()).toMatchObject({ available: 50.07, pending_in: 0 });
    expect(s.emulator.getTopUp(id)?.status).toBe("completed");
    const page = await (await fetch(new URL(portal, s.url))).text();
    expect(page).toContain("Payment received");
    expect(page).toContain(`<meta http-equiv="refresh" content="1;url=${RETURN_URL.replace(/&/g, "&amp;")}">`);
    // Paying again does not credit twice.
    expect((await pay(token, "4242424242424242")).status).toBe(303);
    expect((await usd()).available).toBe(50.07);
  });

  for (const [card, code] of [
    ["4000 0000 0000 0002", "card_declined"],
    ["4000 0000 0000 9995", "insufficient_funds"],
    ["4000 0000 0000 0069", "expired_card"],
  ] as const) {
    it(`${card} declines (${code}) and goes to failure_url unchanged`, async () => {
      const { id, token } = await newCheckout();
      const res = await pay(token, card);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(FAILURE_URL);
      expect(s.emulator.getTopUp(id)).toMatchObject({ status: "failed", failure_code: code });
      expect(await usd()).toMatchObject({ available: 50, pending_in: 0 });
      // The failed checkout's link now goes straight to failure_url.
      const again = await fetch(`${s.url}/checkout?token=${token}`, { redirect: "manual" });
      expect(again.headers.get("location")).toBe(FAILURE_URL);
    });
  }

  for (const [card, expiry, cvc, message] of [
    ["4242 4242 4242 4241", "12/34", "123", "Your card number is invalid."],
    ["4242", "12/34", "123", "Your card number is incomplete."],
    ["4242 4242 4242 4242", "01/20", "123", "Your card&#39;s expiration year is in the past."],
    ["4242 4242 4242 4242", "13/34", "123", "expiration date is incomplete"],
    ["4242 4242 4242 4242", "12/34", "1", "security code is incomplete"],
  ] as const) {
    it(`refuses ${card} ${expiry} ${cvc} on the page with no state change`, async () => {
      const { id, token } = await newCheckout();
      const res = await pay(token, card, expiry, cvc);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain(message);
      expect(html).toContain('aria-invalid="true"');
      expect(s.emulator.getTopUp(id)?.status).toBe("initiated");
      expect(await usd()).toMatchObject({ available: 50, pending_in: 25 });
    });
  }

  it("past its expiry the top-up is expired: the link and the open page say so, and paying changes nothing", async () => {
    const { id, redirect_url, token, pageUrl } = await newCheckout();
    expect((await fetch(pageUrl)).status).toBe(200); // the customer opened the page, then walked away
    await s.admin("POST", "/__emulator/clock", { advance_ms: 24 * 3600_000 });
    for (const res of [
      await fetch(redirect_url), // /api/sign-in forwards to /checkout, which refuses
      await fetch(pageUrl, { redirect: "manual" }),
      await pay(token, "4242424242424242"),
    ]) {
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain("This checkout has expired");
      expect(html).toMatch(
        /role="alert">This top-up of 25\.00 USD expired\s+at \d{4}-\d\d-\d\dT[\d:]+Z before it was paid/,
      );
      expect(html).toContain("Nothing was charged.");
      expect(html).toContain(`href="${FAILURE_URL}"`);
      expect(html).not.toContain("<form");
    }
    expect(s.emulator.getTopUp(id)?.status).toBe("expired");
    expect(await usd()).toMatchObject({ available: 50, pending_in: 0 });
  });

  it("with a short topUpTtlMs the checkout is payable until the last millisecond before expires_at", async () => {
    await s.close();
    let now = Date.parse("2026-01-01T00:00:00.250Z");
    s = await start({ topUpTtlMs: 5_000, now: () => new Date(now) });
    const { id, token } = await newCheckout();
    expect(s.emulator.getTopUp(id)?.expires_at).toBe("2026-01-01T00:00:05.2500000Z");
    now += 4_999; // one millisecond before expires_at
    const res = await pay(token, "4242424242424242");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/portal\?token=/);
    expect(s.emulator.getTopUp(id)).toMatchObject({ status: "completed" });
    expect(await usd()).toMatchObject({ available: 75, pending_in: 0 });
  });

  it("a top-up expiring between opening the page and paying is not charged", async () => {
    await s.close();
    let now = Date.parse("2026-01-01T00:00:00.250Z");
    s = await start({ topUpTtlMs: 5_000, now: () => new Date(now) });
    const { id, pageUrl, token } = await newCheckout();
    expect((await fetch(pageUrl)).status).toBe(200);
    now += 5_000; // exactly expires_at; the JWT (whole seconds, rounded up) is still valid for 750 ms
    const res = await pay(token, "4242424242424242");
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This checkout has expired");
    expect(s.emulator.getTopUp(id)?.status).toBe("expired");
    expect(await usd()).toMatchObject({ available: 50, pending_in: 0 });
  });

  it("a tampered token goes to the top-up's stored failure_url; garbage gets a 400 page", async () => {
    const { id, token } = await newCheckout();
    const [h, p] = token.split(".");
    const claims = JSON.parse(Buffer.from(p as string, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, failure_url: "https://evil.example/" })).toString(
      "base64url",
    );
    const res = await fetch(`${s.url}/api/sign-in?token=${h}.${forged}.AAAA`, { redirect: "manual" });
    expect(res.headers.get("location")).toBe(FAILURE_URL);
    expect(s.emulator.getTopUp(id)?.status).toBe("initiated");
    expect((await fetch(`${s.url}/api/sign-in?token=garbage`)).status).toBe(400);
    expect((await fetch(`${s.url}/checkout`)).status).toBe(400);
  });
});
