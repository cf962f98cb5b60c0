import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/tooling/chromium";
import { playwrightReporters } from "@repo/tooling/vitest";

// `@playwright/test` and `@repo/tooling` come from the workspace root's devDependencies.
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  retries: 0,
  timeout: 30_000,
  forbidOnly: Boolean(process.env.CI),
  // Starts an emulator and `next start` (of the build `next build` just made) on free loopback ports.
  globalSetup: "./e2e/global-setup.ts",
  reporter: playwrightReporters("next-example", "test-results/e2e.json"),
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    locale: "en-US",
  },
});
