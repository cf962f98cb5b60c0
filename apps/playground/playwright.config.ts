import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/tooling/chromium";
import { playwrightReporters } from "@repo/tooling/vitest";

// The journey shares one emulator and resets it before each test, so tests run one at a time.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  // One retry on CI only: Playwright reports a test that passed on its retry as "flaky", so it is seen.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: Boolean(process.env.CI),
  // Starts this suite's own emulator and app server on free loopback ports (see e2e/global-setup.ts).
  globalSetup: "./e2e/global-setup.ts",
  reporter: playwrightReporters("playground", "test-results/e2e.json"),
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    locale: "en-US",
    trace: "retain-on-failure",
  },
});
