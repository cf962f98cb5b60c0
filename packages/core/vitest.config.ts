import { reporters } from "@repo/tooling/vitest";
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// "@credyt/source" resolves workspace packages to their TypeScript source: tests need no build.
export default defineConfig({
  resolve: { conditions: ["@credyt/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@credyt/source", ...defaultServerConditions] } },
  test: { reporters: reporters("core"), include: ["src/**/*.test.ts", "test/**/*.test.ts"], environment: "node" },
});
