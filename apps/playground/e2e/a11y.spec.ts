import { expect, signIn, test } from "./fixtures";

// Issue 23: focus rings survive forced colours (Windows High Contrast): the default styles draw rings as
// box-shadows, which that mode removes, so every focusable Credyt element also has an outline there.
test("focus rings survive forced colours", async ({ page }) => {
  await page.emulateMedia({ forcedColors: "active" });
  await signIn(page, "Demo Customer");
  await page.goto("/credits");
  const ring = async (name: string) => {
    const button = page.getByRole("button", { name });
    await button.focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect(button).toBeFocused();
    return button.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
  };
  for (const name of ["Top up $10.00", "Top up any amount…", "Open billing portal"]) {
    const outline = await ring(name);
    expect(outline.style, name).toBe("solid");
    expect(outline.width, name).toBeGreaterThanOrEqual(2);
  }
});
