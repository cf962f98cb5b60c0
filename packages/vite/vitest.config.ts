import { reporters } from "@repo/tooling/vitest";
import { defineConfig } from "vitest/config";

// "@credyt/source" resolves workspace packages to their TypeScript source: tests need no build.
export default defineConfig({
  resolve: { conditions: ["@credyt/source", "module", "node", "development|production"] },
  ssr: { resolve: { conditions: ["@credyt/source", "module", "node", "development|production"] } },
  test: {
    reporters: reporters("vite"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
