import { DEMO_CUSTOMER_ID, expect, headerAmount, payWithCard, signIn, test } from "./fixtures";

// Usage in the playground, in Chromium, against the suite's own emulator: what the Studio bills shows up
// in the Credits page's history, month total and chart; the token dialog previews exactly what is credited.

/** Dollars in a text as whole cents (integers: no float arithmetic on money in the test either). */
function cents(text: string | null): number {
  const match = /\$([\d,]+)\.(\d{2})/.exec(text ?? "");
  if (!match) throw new Error(`no dollar amount in ${JSON.stringify(text)}`);
  return Number((match[1] as string).replace(/,/g, "")) * 100 + Number(match[2]);
}

test("a generated video appears in the usage history, the month's total and today's bar", async ({ page }) => {
  await signIn(page, "Demo Customer");
  await page.goto("/credits");
  const summary = page.getByTestId("spend-summary");
  await expect(summary).toHaveAttribute("data-state", "ready");
  const totalBefore = cents(await summary.textContent());
  const today = page.getByTestId("spend-chart").locator('[data-credyt="spend-chart-day"][data-state="today"]');
  const todayBefore = cents(await today.getAttribute("aria-label"));
  const history = page.getByTestId("usage-history");
  await expect(history).toHaveAttribute("data-state", "ready");

  await page.getByRole("link", { name: "Studio", exact: true }).click();
  await page.getByRole("button", { name: /^Generate video/ }).click();
  await expect(headerAmount(page)).toHaveText("$12.07");
  const video = await page.getByRole("list", { name: "Your videos" }).getByRole("listitem").first().textContent();

  await page.getByRole("link", { name: "Credits" }).click();
  const newest = history.locator('[data-credyt="usage-item"]').first();
  await expect(newest.locator('[data-credyt="usage-what"]')).toHaveText("Video generated");
  await expect(newest.locator('[data-credyt="usage-amount"]')).toHaveText("$2.50");
  const subject = await newest.locator('[data-credyt="usage-subject"]').textContent();
  expect(video).toContain(subject);
  await expect.poll(async () => cents(await summary.textContent())).toBe(totalBefore + 250);
  await expect.poll(async () => cents(await today.getAttribute("aria-label"))).toBe(todayBefore + 250);

  // Older usage pages in, without repeats.
  const items = history.locator('[data-credyt="usage-item"]');
  await expect(items).toHaveCount(10);
  await history.getByRole("button", { name: "Load more" }).click();
  await expect(items).toHaveCount(20);
});

test("the token dialog previews the units and the checkout credits exactly those", async ({ page, emulator }) => {
  await signIn(page, "Demo Customer");
  await page.goto("/credits");
  await page.getByRole("button", { name: "Buy tokens for any amount…" }).click();
  const dialog = page.getByRole("dialog", { name: "Top up your balance" });
  await dialog.getByRole("button", { name: "$25.00" }).click();
  const preview = dialog.locator('[data-credyt="top-up-preview"]');
  await expect(preview).toHaveAttribute("data-state", "ready");
  await expect(preview).toHaveText(/^You get 25,000,000\stokens$/);
  await dialog.getByLabel("Custom amount (USD)").fill("12.34");
  await expect(preview).toHaveText(/^You get 12,340,000\stokens$/);

  await dialog.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL((url) => url.origin === new URL(emulator.url).origin);
  await expect(page.getByTestId("units")).toHaveText("12340000 TOK");
  await payWithCard(page, "4242 4242 4242 4242");
  await page.waitForURL((url) => url.pathname === "/credits" && url.origin !== new URL(emulator.url).origin);
  await expect.poll(() => emulator.available(DEMO_CUSTOMER_ID, "TOK")).toBe(String(993450234 + 12340000));
});
