import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credyt } from "../src/index";
import { appRoot, captureLogger, formOf } from "./helpers";

let server: ViteDevServer;
let origin: string;
const { lines, logger } = captureLogger();

beforeAll(async () => {
  delete process.env.CREDYT_API_KEY;
  delete process.env.CREDYT_API_URL;
  server = await createServer({
    root: appRoot(),
    configFile: false,
    envDir: false,
    logLevel: "info",
    customLogger: logger,
    server: { port: 0, host: "127.0.0.1", strictPort: false },
    plugins: [credyt()],
  });
  await server.listen();
  server.printUrls();
  origin = new URL(server.resolvedUrls?.local[0] ?? "").origin;
});
afterAll(() => server?.close());

const json = { "content-type": "application/json" };

async function balance(): Promise<number> {
  const res = await fetch(`${origin}/api/credyt/wallet/default:USD`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { available: number }).available;
}

describe("credyt() on a Vite dev server, emulator in-process", () => {
  it("prints one start-up line naming the proxy, the emulator and the signed-in customer", () => {
    const credytLines = lines.filter((l) => l.includes("Credyt:"));
    expect(credytLines).toEqual([
      `  ➜  Credyt:  proxy ${origin}/api/credyt · emulator in-process, pages at ${origin}/__credyt · signed in as customer "demo"`,
    ]);
  });

  it("serves the seeded demo customer's exact balances at /api/credyt/wallet", async () => {
    const res = await fetch(`${origin}/api/credyt/wallet`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("14.566678");
    expect(text).toContain("993450234");
  });

  it("takes a top-up through same-origin checkout pages with card 4242: the balance grows by exactly the amount", async () => {
    const before = await balance();
    const created = await fetch(`${origin}/api/credyt/top-ups`, {
      method: "POST",
      headers: { ...json, origin, "idempotency-key": `test-${Date.now()}-topup` },
      body: JSON.stringify({ amount: 20, currency: "USD" }),
    });
    expect(created.status).toBe(201);
    const { redirect_url } = (await created.json()) as { redirect_url: string };
    expect(redirect_url.startsWith(`${origin}/__credyt/api/sign-in?token=`)).toBe(true);

    const signIn = await fetch(redirect_url, { redirect: "manual" });
    expect(signIn.status).toBe(303);
    const checkout = await fetch(new URL(signIn.headers.get("location") ?? "", origin));
    expect(checkout.status).toBe(200);
    const page = await checkout.text();
    expect(page).toContain("20.00 USD");
    const form = formOf(page);
    expect(form.action).toBe("/__credyt/checkout");

    const paid = await fetch(new URL(form.action, origin), {
      method: "POST",
      body: new URLSearchParams({ token: form.token, card_number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    const portal = await fetch(new URL(paid.headers.get("location") ?? "", origin));
    const portalHtml = await portal.text();
    expect(portalHtml).toContain("Payment received");
    // Back to the app: the return URL is the page's own origin.
    expect(portalHtml).toContain(`url=${origin}/`);
    expect(await balance()).toBe(Number((before + 20).toFixed(6)));
    expect(await balance()).toBe(34.566678);
  });

  it("opens the billing portal on the same origin", async () => {
    const created = await fetch(`${origin}/api/credyt/billing-portal/sessions`, {
      method: "POST",
      headers: { ...json, origin },
      body: "{}",
    });
    expect(created.status).toBe(201);
    const { redirect_url } = (await created.json()) as { redirect_url: string };
    expect(new URL(redirect_url).origin).toBe(origin);
    const signIn = await fetch(redirect_url, { redirect: "manual" });
    const portal = await fetch(new URL(signIn.headers.get("location") ?? "", origin));
    expect(portal.status).toBe(200);
    const html = await portal.text();
    expect(html).toContain("Billing for");
    expect(formOf(html).action).toBe("/__credyt/portal/top-up");
  });

  it("accepts the page on 127.0.0.1 as well as localhost (one server, two loopback names)", async () => {
    const port = new URL(origin).port;
    for (const page of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const res = await fetch(`${origin}/api/credyt/billing-portal/sessions`, {
        method: "POST",
        headers: { ...json, origin: page },
        body: "{}",
      });
      expect(res.status, page).toBe(201);
    }
  });

  it("refuses a cross-site POST with the documented error shape", async () => {
    const res = await fetch(`${origin}/api/credyt/billing-portal/sessions`, {
      method: "POST",
      headers: { ...json, origin: "https://evil.example" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("forbidden");
  });

  it("serves only the emulator's pages over HTTP, never its API", async () => {
    const res = await fetch(`${origin}/__credyt/customers`, { headers: { "X-CREDYT-API-KEY": "key_test_emulator" } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("reached through the proxy at /api/credyt");
  });

  it("leaves every other path to Vite", async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>app</title>");
  });
});

describe("credyt() with --host (network URLs)", () => {
  it("accepts the page on every URL Vite prints", async () => {
    const exposed = await createServer({
      root: appRoot(),
      configFile: false,
      envDir: false,
      logLevel: "silent",
      server: { port: 0, host: "0.0.0.0" },
      plugins: [credyt()],
    });
    await exposed.listen();
    try {
      const urls = [...(exposed.resolvedUrls?.local ?? []), ...(exposed.resolvedUrls?.network ?? [])];
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) {
        const page = new URL(url).origin;
        const res = await fetch(`${page}/api/credyt/billing-portal/sessions`, {
          method: "POST",
          headers: { ...json, origin: page },
          body: "{}",
        });
        expect(res.status, page).toBe(201);
      }
    } finally {
      await exposed.close();
    }
  });
});
