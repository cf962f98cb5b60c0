import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/tooling/chromium";
import { freePortSync } from "@repo/tooling/server";
import { playwrightReporters } from "@repo/tooling/vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
// A free loopback port, chosen once: workers inherit it through the environment.
process.env.CREDYT_VISUAL_PORT ??= String(freePortSync());
const PORT = Number(process.env.CREDYT_VISUAL_PORT);

// Screenshot tests of the static Storybook build (`pnpm build-storybook` first): one screenshot per
// story in light and dark, against the baselines committed in .storybook/visual/__screenshots__.
// Debian's Chromium only; Playwright never downloads a browser here.
export default defineConfig({
  fullyParallel: true,
  workers: 2,
  // One retry on CI only: Playwright reports a test that passed on its retry as "flaky", so it is seen.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: playwrightReporters("visual", path.join(root, "test-results/visual.json")),
  snapshotPathTemplate: "{testDir}/__screenshots__/{arg}{ext}",
  // threshold: per-pixel colour distance (YIQ, 0–1). Playwright's default 0.2 lets a shade change of
  // the accent pass unnoticed (the colour guard test proves 0.05 catches it); maxDiffPixelRatio allows
  // 0.2% of pixels of anti-aliasing noise.
  expect: {
    toHaveScreenshot: {
      maxDiffPixelRatio: 0.002,
      threshold: 0.05,
      animations: "disabled",
      caret: "hide",
      scale: "css",
    },
  },
  use: {
    browserName: "chromium",
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 640, height: 480 },
    deviceScaleFactor: 1,
    locale: "en-US",
    timezoneId: "UTC",
    colorScheme: "light",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  outputDir: path.join(root, "test-results/visual"),
  projects: [{ name: "visual", testDir: here }],
  webServer: {
    command: `node .storybook/visual/serve.mjs storybook-static ${PORT}`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/index.json`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
