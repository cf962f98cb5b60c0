// The whole journey in real Chromium, hermetic: a Vite dev server with react() and credyt(), the emulator
// in-process, the page on Vite's origin, checkout and portal on the same origin under /__credyt/.
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/tooling/chromium";
import react from "@vitejs/plugin-react";
import { type Browser, chromium } from "playwright";
import { createServer, defaultClientConditions, type ViteDevServer } from "vite";
import { afterAll, beforeAll, expect, it } from "vitest";
import { credyt } from "../src/index";

let server: ViteDevServer;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  delete process.env.CREDYT_API_KEY;
  server = await createServer({
    root: fileURLToPath(new URL("./fixture", import.meta.url)),
    // A dependency cache of its own: Vite's default is the package's node_modules/.vite, which the other fixture's
    // server (another test file, running at the same time) would re-optimise under this page's feet (outdated deps).
    cacheDir: fileURLToPath(new URL("../node_modules/.vite-fixture", import.meta.url)),
    configFile: false,
    envDir: false,
    logLevel: "silent",
    resolve: { conditions: ["@credyt/source", ...defaultClientConditions] },
    server: { port: 0, host: "127.0.0.1" },
    plugins: [react(), credyt()],
  });
  await server.listen();
  origin = new URL(server.resolvedUrls?.local[0] ?? "").origin;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it("balance, top-up with 4242 to an exact new balance, and the portal, all on Vite's origin", async () => {
  const page = await browser.newPage({ locale: "en-US" });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(origin);
  const amount = (text: string) => page.locator('[data-credyt="balance-amount"]', { hasText: text });
  await amount("$14.57").waitFor({ timeout: 30_000 });

  await page.locator('[data-credyt="top-up-button"]').click();
  await page.waitForURL((url) => url.pathname === "/__credyt/checkout");
  expect(new URL(page.url()).origin).toBe(origin);
  await page.locator("#card_number").fill("4242 4242 4242 4242");
  await page.locator("#expiry").fill("12/34");
  await page.locator("#cvc").fill("123");
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith("/__credyt"));
  await amount("$34.57").waitFor();
  expect(await (await page.request.get(`${origin}/api/credyt/wallet/default:USD`)).text()).toContain(
    '"available":34.566678',
  );

  await page.locator('[data-credyt="billing-portal-link"]').click();
  await page.waitForURL((url) => url.pathname === "/__credyt/portal");
  await page.getByRole("heading", { name: /Billing for/ }).waitFor();
  expect(errors).toEqual([]);
  await page.close();
});
