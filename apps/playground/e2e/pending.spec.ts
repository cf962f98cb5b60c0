import type { Page } from "@playwright/test";
import { DEMO_CUSTOMER_ID, expect, headerAmount, payWithCard, signIn, test } from "./fixtures";

// Issue 23: pending money is only ever money on its way. An abandoned checkout ("Cancel and return" on
// the hosted page) stays in Credyt's pending_in until it expires; it must never read as pending, in any
// order of abandon and pay. The emulator credits a paid top-up at once.

async function startTopUp(page: Page, emulatorUrl: string): Promise<void> {
  await page.getByRole("button", { name: "Top up $10.00" }).click();
  await page.waitForURL((url) => url.origin === new URL(emulatorUrl).origin);
  await expect(page.getByTestId("amount")).toHaveText("10.00 USD");
}

async function abandon(page: Page, emulatorUrl: string): Promise<void> {
  await startTopUp(page, emulatorUrl);
  await page.getByRole("link", { name: "Cancel and return" }).click();
  await page.waitForURL((url) => url.pathname === "/credits" && url.origin !== new URL(emulatorUrl).origin);
}

async function pay(page: Page, emulatorUrl: string): Promise<void> {
  await startTopUp(page, emulatorUrl);
  await payWithCard(page, "4242 4242 4242 4242");
  await page.waitForURL((url) => url.pathname === "/credits" && url.origin !== new URL(emulatorUrl).origin);
}

const pending = (page: Page) => page.locator('[data-credyt="balance-pending"]');

async function pendingIn(page: Page): Promise<number> {
  const wallet = await (await page.request.get("/api/credyt/wallet")).json();
  return wallet.accounts.find((a: { asset: string }) => a.asset === "USD").pending_in;
}

test.beforeEach(async ({ page }) => {
  await signIn(page, "Demo Customer");
  await page.goto("/credits");
  await expect(headerAmount(page)).toHaveText("$14.57");
});

test("abandon: nothing reads as pending", async ({ page, emulator }) => {
  await abandon(page, emulator.url);
  await expect(headerAmount(page)).toHaveText("$14.57");
  expect(await pendingIn(page)).toBe(10); // Credyt still counts it
  await expect(page.getByTestId("all-balances")).toHaveAttribute("data-state", "ready");
  await expect(pending(page)).toHaveCount(0);
});

test("pay: credited, nothing left pending", async ({ page, emulator }) => {
  await pay(page, emulator.url);
  await expect(headerAmount(page)).toHaveText("$24.57");
  await expect(page.getByText("Added $10.00").first()).toBeVisible();
  await expect(pending(page)).toHaveCount(0);
  expect(await emulator.available(DEMO_CUSTOMER_ID, "USD")).toBe("24.566678");
});

test("abandon, then pay: the abandoned $10 never reads as pending", async ({ page, emulator }) => {
  await abandon(page, emulator.url);
  await pay(page, emulator.url);
  await expect(headerAmount(page)).toHaveText("$24.57");
  await expect(page.getByText("Added $10.00").first()).toBeVisible();
  expect(await pendingIn(page)).toBe(10);
  await expect(pending(page)).toHaveCount(0);
});

test("pay, then abandon: the abandoned $10 never reads as pending", async ({ page, emulator }) => {
  await pay(page, emulator.url);
  await expect(headerAmount(page)).toHaveText("$24.57");
  await abandon(page, emulator.url);
  await expect(headerAmount(page)).toHaveText("$24.57");
  expect(await pendingIn(page)).toBe(10);
  await expect(page.getByTestId("all-balances")).toHaveAttribute("data-state", "ready");
  await expect(pending(page)).toHaveCount(0);
});
