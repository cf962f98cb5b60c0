import { DEMO_CUSTOMER_ID, expect, signIn, test } from "./fixtures";

// Live balance, in Chromium: a video billed in one tab moves the balance in a second tab of the same
// customer, with no focus, no reload and no click there. The app's server calls `notify` after billing.

test("a video billed in one tab shows in a second tab without focus or reload", async ({ page, emulator }) => {
  await signIn(page, "Demo Customer");
  const credits = await page.context().newPage();
  const errors: string[] = [];
  credits.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await credits.goto("/credits");
  const live = credits.getByTestId("live-balance");
  const liveAmount = live.locator('[data-credyt="balance-amount"]');
  await expect(liveAmount).toHaveText("$14.57");
  await expect(live).toHaveAttribute("data-live", "live");
  // Anything that would refresh the second tab by other means is counted: focus and page loads.
  await credits.evaluate(() => {
    const w = window as unknown as { focusCount: number; marker: string };
    w.focusCount = 0;
    w.marker = "same document";
    window.addEventListener("focus", () => {
      w.focusCount += 1;
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") w.focusCount += 1;
    });
  });

  await page.bringToFront();
  await page.goto("/");
  await page.getByRole("button", { name: /^Generate video/ }).click();
  await expect(page.getByRole("list", { name: "Your videos" }).getByRole("listitem")).toHaveCount(1);

  const exact = await emulator.available(DEMO_CUSTOMER_ID, "USD");
  expect(exact).toBe("12.066678");
  await expect(liveAmount).toHaveText("$12.07");
  await expect(live).toHaveAttribute("data-live", "live");
  const seen = await credits.evaluate(() => {
    const w = window as unknown as { focusCount: number; marker: string };
    return { focusCount: w.focusCount, marker: w.marker, loads: performance.getEntriesByType("navigation").length };
  });
  expect(seen).toEqual({ focusCount: 0, marker: "same document", loads: 1 });
  expect(errors).toEqual([]);
});
