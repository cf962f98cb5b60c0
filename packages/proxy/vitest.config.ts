import { reporters } from "@repo/tooling/vitest";
import { defineConfig } from "vitest/config";

// "@credyt/source" resolves workspace packages to their TypeScript source: tests need no build.
// The rest are Vite's default conditions (vite itself is not a dependency of this package).
export default defineConfig({
  resolve: { conditions: ["@credyt/source", "module", "browser", "development|production"] },
  ssr: { resolve: { conditions: ["@credyt/source", "module", "node", "development|production"] } },
  test: {
    reporters: reporters("proxy"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
