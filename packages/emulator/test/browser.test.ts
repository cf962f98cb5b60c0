import { createServer } from "node:http";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/tooling/chromium";
import { type ListeningServer, listen } from "@repo/tooling/server";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECOND_CUSTOMER_ID } from "../src/index";
import { start, type TestServer } from "./helpers";

let browser: Browser;
let s: TestServer;
let app: ListeningServer;
let appUrl: string;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  s = await start();
  // A stand-in for the user's app, so the return and failure URLs load a real page.
  const appServer = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>app</title><h1>App: ${req.url}</h1>`);
  });
  app = await listen(appServer);
  appUrl = app.url;
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
  await app?.close();
});

async function newTopUp(amount: number) {
  const res = await s.api("POST", "/top-ups", {
    customer_id: SECOND_CUSTOMER_ID,
    amount,
    currency: "USD",
    return_url: `${appUrl}/account?credyt_return=top-up`,
    failure_url: `${appUrl}/billing/failed?credyt_return=failed`,
  });
  return (await res.json()) as { id: string; redirect_url: string };
}

describe("checkout in real Chromium", () => {
  it("a 4242 card credits the wallet and lands on the return URL", async () => {
    const { id, redirect_url } = await newTopUp(19.99);
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    try {
      await page.goto(redirect_url);
      await expect.poll(() => page.getByTestId("amount").textContent()).toBe("19.99 USD");
      // Keyboard only: the labelled fields are reachable and the form submits with Enter.
      await page.getByLabel("Card number").fill("4242 4242 4242 4242");
      await page.keyboard.press("Tab");
      await page.keyboard.type("12/34");
      await page.keyboard.press("Tab");
      await page.keyboard.type("123");
      await page.keyboard.press("Enter");
      await page.waitForURL(`${appUrl}/account?credyt_return=top-up`, { timeout: 10_000 });
      expect(await page.locator("h1").textContent()).toBe("App: /account?credyt_return=top-up");
      expect(consoleErrors).toEqual([]); // no stray requests (a favicon fetch used to 401)
    } finally {
      await page.close();
    }
    expect(s.emulator.getTopUp(id)?.status).toBe("completed");
    expect(s.emulator.getAccount(SECOND_CUSTOMER_ID, "default:USD")).toMatchObject({ available: 69.99, pending_in: 0 });
  });

  it("a declined card lands on the failure URL", async () => {
    const { id, redirect_url } = await newTopUp(5);
    const page = await browser.newPage();
    try {
      await page.goto(redirect_url);
      await page.getByLabel("Card number").fill("4000 0000 0000 0002");
      await page.getByLabel("Expiry (MM/YY)").fill("12/34");
      await page.getByLabel("CVC").fill("123");
      await page.getByRole("button", { name: /Pay/ }).click();
      await page.waitForURL(`${appUrl}/billing/failed?credyt_return=failed`, { timeout: 10_000 });
    } finally {
      await page.close();
    }
    expect(s.emulator.getTopUp(id)).toMatchObject({ status: "failed", failure_code: "card_declined" });
  });

  it("an invalid card number is refused on the page", async () => {
    const { id, redirect_url } = await newTopUp(5);
    const page = await browser.newPage();
    try {
      await page.goto(redirect_url);
      await page.getByLabel("Card number").fill("4242 4242 4242 4241");
      await page.getByLabel("Expiry (MM/YY)").fill("12/34");
      await page.getByLabel("CVC").fill("123");
      await page.getByRole("button", { name: /Pay/ }).click();
      await expect.poll(() => page.getByRole("alert").textContent()).toBe("Your card number is invalid.");
    } finally {
      await page.close();
    }
    expect(s.emulator.getTopUp(id)?.status).toBe("initiated");
  });
});
