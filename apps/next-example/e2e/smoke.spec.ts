import { expect, test } from "@playwright/test";

function nextUrl(): string {
  const url = process.env.NEXT_URL;
  if (!url) throw new Error("NEXT_URL is not set: the global setup did not start `next start`.");
  return url;
}

test("the server HTML already contains the formatted balance", async () => {
  const response = await fetch(nextUrl());
  expect(response.status).toBe(200);
  const html = await response.text();
  // The demo customer holds 14.566678 USD and 993450234 TOK in the emulator.
  expect(html).toMatch(/data-credyt="balance"[^>]*data-state="ready"/);
  expect(html).toContain("$14.57");
  expect(html).toMatch(/993,450,234\stokens/);
  expect(html).not.toContain("Loading balance");
});

test("the proxy route serves the signed-in customer's wallet", async () => {
  const response = await fetch(`${nextUrl()}/api/credyt/wallet`);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toContain("no-store");
  const wallet = (await response.json()) as { accounts: { asset: string; available: number }[] };
  expect(wallet.accounts.find((a) => a.asset === "USD")?.available).toBe(14.566678);
});

test("it hydrates in Chromium with no console errors or hydration warnings, and top-ups work", async ({ page }) => {
  const problems: string[] = [];
  const app = new URL(nextUrl()).origin;
  page.on("console", (message) => {
    // The example's pages only: the emulator's checkout page stands in for Credyt's and is not under test.
    const where = message.location().url || page.url();
    if (new URL(where).origin !== app) return;
    if (message.type() === "error" || message.type() === "warning") {
      problems.push(`${message.type()}: ${message.text()} (${where})`);
    }
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));

  // The balance must be there before any script runs (no loading flash) …
  await page.route("**/*.js", (route) => route.abort());
  await page.goto(nextUrl());
  await expect(page.getByTestId("usd-balance").locator('[data-credyt="balance-amount"]')).toHaveText("$14.57");
  await page.unrouteAll();

  // … and stay the same once React has hydrated.
  problems.length = 0;
  await page.goto(nextUrl(), { waitUntil: "networkidle" });
  const balance = page.getByTestId("usd-balance");
  await expect(balance).toHaveAttribute("data-state", "ready");
  await expect(balance.locator('[data-credyt="balance-amount"]')).toHaveText("$14.57");

  // Interactive: the fixed top-up goes through the App Router proxy to the emulator's checkout.
  await page.getByRole("button", { name: "Top up $10.00" }).click();
  await page.waitForURL((url) => url.origin === new URL(process.env.EMULATOR_URL ?? "").origin);
  await expect(page.getByTestId("amount")).toHaveText("10.00 USD");
  expect(problems).toEqual([]);
});
