import { maxWorkers, reporters, sourceResolve } from "@repo/tooling/vitest";
import { defineConfig } from "vitest/config";

// "@credyt/source" resolves workspace packages to their TypeScript source: tests need no build.
export default defineConfig({
  ...sourceResolve,
  test: {
    reporters: reporters("proxy"),
    maxWorkers: maxWorkers("io"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
