import { expect, signIn, test } from "./fixtures";

// The account page: `<AccountPanel>` with the demo customer's real (emulated) data and plausible demo history.

test("the account panel shows the balance, this month's spend, the chart, the history and the portal link", async ({
  page,
}) => {
  await signIn(page, "Demo Customer");
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  const panel = page.getByTestId("account-panel");
  await expect(panel.locator('[data-credyt="balance-amount"]')).toHaveText("$14.57");
  await expect(panel.getByRole("button", { name: "Top up" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Manage billing" })).toBeVisible();
  await expect(panel.getByRole("group", { name: "Spend per day this month" })).toBeVisible();
  await expect(panel.locator('[data-credyt="usage-item"]').first()).toBeVisible();
  // Plausible demo data: this month's spend is dollars, not thousands, and no single charge is over $5.
  const spent = (await panel.locator('[data-credyt="spend-summary"]').textContent()) ?? "";
  const dollars = Number(/\$([\d,.]+)/.exec(spent)?.[1]?.replace(/,/g, ""));
  expect(dollars).toBeGreaterThan(0);
  expect(dollars).toBeLessThan(100);
  for (const amount of await panel.locator('[data-credyt="usage-amount"]').allTextContents()) {
    if (amount.startsWith("$")) expect(Number(amount.slice(1))).toBeLessThanOrEqual(5);
  }
});
