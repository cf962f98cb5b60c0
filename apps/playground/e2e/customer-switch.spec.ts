import type { Page } from "@playwright/test";
import { expect, headerAmount, signIn, test } from "./fixtures";

// Issue 23: a balance on screen is never another customer's, not for one frame. The demo customer
// ($14.57) signs out and the second customer ($50.00) signs in, in a single-page app (no reload: the
// SWR cache outlives the switch). Every amount the header ever holds is recorded by a MutationObserver
// (its callbacks run before the browser paints), so one frame of $14.57 after the switch fails the test.

async function recordAmounts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __amounts: string[] }).__amounts = seen;
    const note = () => {
      for (const el of document.querySelectorAll('[data-credyt="balance-amount"]')) {
        const text = el.textContent ?? "";
        if (seen.at(-1) !== text) seen.push(text);
      }
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

const amounts = (page: Page) => page.evaluate(() => [...(window as unknown as { __amounts: string[] }).__amounts]);
const forget = (page: Page) =>
  page.evaluate(() => void (window as unknown as { __amounts: string[] }).__amounts.splice(0));

for (const path of ["/", "/?customerProp=off"]) {
  test(`sign out, sign in as another customer: never one frame of the last one's balance (${path})`, async ({
    page,
  }) => {
    await recordAmounts(page);
    await page.goto(path);
    await page.getByRole("button", { name: /Sign in as Demo Customer/ }).click();
    await expect(headerAmount(page)).toHaveText("$14.57");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in to Glitch Studio" })).toBeVisible();
    await forget(page);
    await page.getByRole("button", { name: /Sign in as Second Customer/ }).click();
    await expect(headerAmount(page)).toHaveText("$50.00");
    const frames = await amounts(page);
    expect(frames).toContain("$50.00");
    expect(frames).not.toContain("$14.57");
  });
}

test("switch customer while the provider stays mounted: never one frame of the last one's balance", async ({
  page,
}) => {
  await recordAmounts(page);
  await signIn(page, "Demo Customer");
  await expect(headerAmount(page)).toHaveText("$14.57");
  await forget(page);
  await page.getByRole("button", { name: "Switch to Second Customer" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Second Customer");
  await expect(headerAmount(page)).toHaveText("$50.00");
  const frames = await amounts(page);
  expect(frames).not.toContain("$14.57");
  await page.getByRole("link", { name: "Credits" }).click();
  await expect(page.getByTestId("all-balances")).toHaveAttribute("data-state", "ready");
  await expect(page.getByTestId("all-balances")).not.toContainText("14.57");
  expect(await amounts(page)).not.toContain("$14.57");
});
