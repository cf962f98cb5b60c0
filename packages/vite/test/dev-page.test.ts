// The development page under /__credyt/, in one process: a Vite dev server with only react() and credyt(),
// the emulator in-process. Usage billed from the page moves a `live` balance in another tab; the clock,
// faults and reset work through the emulator's admin routes, which are still never served over HTTP.
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/tooling/chromium";
import react from "@vitejs/plugin-react";
import { type Browser, chromium } from "playwright";
import { createServer, defaultClientConditions, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CredytPluginOptions } from "../src/index";
import { credyt } from "../src/index";

const servers: ViteDevServer[] = [];
let browser: Browser;

async function serve(options: CredytPluginOptions = {}): Promise<string> {
  const server = await createServer({
    root: fileURLToPath(new URL("./fixture-live", import.meta.url)),
    // A dependency cache of its own: Vite's default is the package's node_modules/.vite, which the other fixture's
    // server (another test file, running at the same time) would re-optimise under this page's feet (outdated deps).
    cacheDir: fileURLToPath(new URL("../node_modules/.vite-fixture-live", import.meta.url)),
    configFile: false,
    envDir: false,
    logLevel: "silent",
    resolve: { conditions: ["@credyt/source", ...defaultClientConditions] },
    server: { port: 0, host: "127.0.0.1" },
    plugins: [react(), credyt(options)],
  });
  await server.listen();
  servers.push(server);
  return new URL(server.resolvedUrls?.local[0] ?? "").origin;
}

beforeAll(async () => {
  delete process.env.CREDYT_API_KEY;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

describe("the development page", () => {
  it("bills usage for the signed-in customer and a live balance in the app moves, without a second process", {
    timeout: 90_000,
  }, async () => {
    const origin = await serve();
    const context = await browser.newContext({ locale: "en-US" });
    const app = await context.newPage();
    await app.goto(origin);
    const amount = (text: string) => app.locator('[data-credyt="balance-amount"]', { hasText: text });
    await amount("$14.57").waitFor({ timeout: 30_000 });
    await app.locator('[data-credyt="balance"][data-live="live"]').waitFor({ timeout: 30_000 });

    const dev = await context.newPage();
    await dev.goto(`${origin}/__credyt/`);
    await dev.getByRole("heading", { name: "Signed-in customer" }).waitFor();
    expect(await dev.locator("body").textContent()).toContain("cust_4yd8340ff7fvwe1emfpe87d4w6");
    await dev.getByRole("button", { name: "Bill video_promoted" }).click();
    await expect.poll(() => dev.getByRole("status").textContent()).toBe("Billed one video_promoted event.");
    // 14.566678 - 0.5, pushed to the open stream (the page tells the proxy), no reload, no focus change.
    await amount("$14.07").waitFor({ timeout: 10_000 });
    expect(await dev.locator("body").textContent()).toContain("14.066678 USD");

    // A fault: the next balance reads fail; clear it again.
    await dev.getByRole("combobox", { name: "Fault" }).selectOption("wallet-503");
    await dev.getByRole("button", { name: "Inject" }).click();
    await expect.poll(() => dev.getByRole("status").textContent()).toContain("Fault injected");
    const failing = await app.request.get(`${origin}/api/credyt/wallet`);
    expect(failing.status()).toBeGreaterThanOrEqual(500); // the proxy answers an upstream 503 as its own 5xx
    await dev.getByRole("button", { name: "Clear faults" }).click();
    expect((await app.request.get(`${origin}/api/credyt/wallet`)).status()).toBe(200);

    // The clock moves a day.
    const before = Date.parse((await dev.locator("time").textContent()) ?? "");
    await dev.getByRole("button", { name: "+1 day" }).click();
    await expect.poll(() => dev.getByRole("status").textContent()).toContain("clock now reads");
    const after = Date.parse((await dev.locator("time").textContent()) ?? "");
    expect(after - before).toBeGreaterThanOrEqual(86_400_000);

    // Reset: back to the seed, and the live balance follows.
    await dev.getByRole("button", { name: "Reset to the seed" }).click();
    await amount("$14.57").waitFor({ timeout: 10_000 });
    await context.close();
  });

  it("refuses a form posted from another origin, and still serves no admin route over HTTP", async () => {
    const origin = await serve();
    const forged = await fetch(`${origin}/__credyt/`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "action=reset",
    });
    expect(forged.status).toBe(403);
    for (const path of ["/__credyt/__emulator/state", "/__credyt/__emulator/reset", "/__credyt/events"]) {
      const res = await fetch(`${origin}${path}`, { method: path.endsWith("reset") ? "POST" : "GET" });
      expect(res.status, path).toBe(404);
    }
  });

  it("is off with credyt({ emulator: { admin: false } })", async () => {
    const origin = await serve({ emulator: { admin: false } });
    expect((await fetch(`${origin}/__credyt/`)).status).toBe(404);
  });
});
