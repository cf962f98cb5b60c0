import { configDefaults, defineConfig } from "vitest/config";
import { reporters } from "./src/vitest.js";

// The checks' own tests (`test/`). The consumer smoke test has its own config (smoke/vitest.config.ts)
// and its own step in `pnpm test`.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Fixture workspaces for the lint checks; a test file there is a fixture, not a test.
    exclude: [...configDefaults.exclude, "test/fixtures/**"],
    environment: "node",
    reporters: reporters("tooling"),
    testTimeout: 60_000,
  },
});
