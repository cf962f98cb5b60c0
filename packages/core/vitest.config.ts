import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@credyt/source"] },
  ssr: { resolve: { conditions: ["@credyt/source"] } },
  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], environment: "node" },
});
