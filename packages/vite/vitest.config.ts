import { maxWorkers, reporters, serverConditions, sourceResolve } from "@repo/tooling/vitest";
import { defineConfig } from "vitest/config";

// "@credyt/source" resolves workspace packages to their TypeScript source: tests need no build.
// Deliberately different: the plugin runs only in Node, so the client graph resolves with the server's
// conditions too (`node`, not `browser`).
export default defineConfig({
  ...sourceResolve,
  resolve: { conditions: serverConditions },
  test: {
    reporters: reporters("vite"),
    maxWorkers: maxWorkers("io"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
