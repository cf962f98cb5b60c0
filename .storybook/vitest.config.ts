import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, chromiumPath } from "@repo/tooling/chromium";
import { reporters, sourceResolve } from "@repo/tooling/vitest";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

const dirname = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(dirname, "..");

// The Storybook browser suite (`vitest run --config .storybook/vitest.config.ts`); each package keeps
// its own vitest.config.ts. It lives here so the repository's top level stays as designed.
// Every story is a test: it must render with no console error, pass its play function and have
// no axe violation (`a11y.test: "error"` in .storybook/preview.tsx).
export default defineConfig({
  root,
  resolve: sourceResolve.resolve,
  // Pre-bundle what the lazily loaded dialog imports: discovered mid-run, Vite would reload the page
  // and fail the running story.
  optimizeDeps: {
    entries: ["packages/react/src/**/*.{ts,tsx}", "!**/*.test.*"],
  },
  test: {
    reporters: reporters("storybook"),
    projects: [
      {
        extends: true,
        plugins: [storybookTest({ configDir: dirname })],
        test: {
          name: "storybook",
          setupFiles: [path.join(dirname, "vitest.setup.ts")],
          // One retry on CI only: a story that fails twice is a real failure; one that passes on its retry
          // shows its retry in the report.
          retry: process.env.CI ? 1 : 0,
          browser: {
            enabled: true,
            headless: true,
            // Every story twice: axe must pass in both themes (contrast differs), and so must the play functions.
            instances: [
              { browser: "chromium", name: "storybook (light)", provide: { storyTheme: "light" } },
              { browser: "chromium", name: "storybook (dark)", provide: { storyTheme: "dark" } },
            ],
            provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS } }),
          },
        },
      },
    ],
  },
});
