import { reporters } from "@repo/tooling/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@credyt/source"] },
  ssr: { resolve: { conditions: ["@credyt/source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    reporters: reporters("emulator"),
    testTimeout: 20_000,
  },
});
