import { describe, expect, it } from "vitest";
import { createEmulator, DEMO_CUSTOMER_ID } from "../src/index";

const PUBLIC = "http://localhost:5173/__credyt";
const APP = "http://localhost:5173";

/** The emulator mounted under a path prefix, as `@credyt/vite` serves it: requests keep the prefix. */
function mounted() {
  const emulator = createEmulator({ publicUrl: PUBLIC });
  const api = (method: string, path: string, body?: unknown) =>
    emulator.fetch(
      new Request(`${PUBLIC}${path}`, {
        method,
        headers: { "X-CREDYT-API-KEY": emulator.apiKey, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  const page = (url: string, form?: Record<string, string>) =>
    emulator.fetch(
      new Request(new URL(url, PUBLIC), form ? { method: "POST", body: new URLSearchParams(form) } : undefined),
    );
  return { emulator, api, page };
}

describe("publicUrl with a path prefix", () => {
  it("serves checkout under the prefix: every link, form and redirect carries it, and payment credits exactly", async () => {
    const { emulator, api, page } = mounted();
    const created = await api("POST", "/top-ups", {
      customer_id: DEMO_CUSTOMER_ID,
      amount: 20,
      currency: "USD",
      return_url: `${APP}/done`,
      failure_url: `${APP}/failed`,
    });
    expect(created.status).toBe(201);
    const { redirect_url } = (await created.json()) as { redirect_url: string };
    expect(redirect_url.startsWith(`${PUBLIC}/api/sign-in?token=`)).toBe(true);

    const signIn = await page(redirect_url);
    expect(signIn.status).toBe(303);
    const checkoutUrl = signIn.headers.get("location") ?? "";
    expect(checkoutUrl).toMatch(/^\/__credyt\/checkout\?token=/);

    const html = await (await page(checkoutUrl)).text();
    expect(html).toContain('action="/__credyt/checkout"');
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? "";

    const paid = await page("/__credyt/checkout", {
      token,
      card_number: "4242424242424242",
      expiry: "12/34",
      cvc: "123",
    });
    expect(paid.status).toBe(303);
    const portalUrl = paid.headers.get("location") ?? "";
    expect(portalUrl).toMatch(/^\/__credyt\/portal\?token=/);
    const portal = await (await page(portalUrl)).text();
    expect(portal).toContain('action="/__credyt/portal/top-up"');
    expect(portal).toContain(`url=${APP}/done`);
    expect(emulator.getAccount(DEMO_CUSTOMER_ID, "default:USD")?.available).toBe(34.566678);
  });

  it("a portal top-up from the portal page goes to checkout under the prefix", async () => {
    const { api, page } = mounted();
    const session = await api("POST", "/billing-portal/sessions", {
      customer_id: DEMO_CUSTOMER_ID,
      return_url: `${APP}/`,
      failure_url: `${APP}/`,
    });
    const { redirect_url } = (await session.json()) as { redirect_url: string };
    const portalUrl = (await page(redirect_url)).headers.get("location") ?? "";
    expect(portalUrl).toMatch(/^\/__credyt\/portal\?token=/);
    const token = new URL(portalUrl, PUBLIC).searchParams.get("token") ?? "";
    const next = await page("/__credyt/portal/top-up", { token, amount: "10", asset: "USD" });
    expect(next.status).toBe(303);
    expect(next.headers.get("location")).toMatch(/^\/__credyt\/api\/sign-in\?token=/);
  });

  it("still answers requests that arrive without the prefix", async () => {
    const { emulator } = mounted();
    const res = await emulator.fetch(
      new Request(`http://emulator/customers/${DEMO_CUSTOMER_ID}/wallet`, {
        headers: { "X-CREDYT-API-KEY": emulator.apiKey },
      }),
    );
    expect(res.status).toBe(200);
  });

  it("refuses a publicUrl that is not an http(s) URL, naming the option and an example", () => {
    expect(() => createEmulator({ publicUrl: "localhost:5173" })).toThrow(/`publicUrl` must be an http\(s\) URL/);
    expect(() => createEmulator({ publicUrl: "http://x/?a=1" })).toThrow(/http:\/\/localhost:5173\/__credyt/);
  });
});
