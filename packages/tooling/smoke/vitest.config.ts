import { defineConfig } from "vitest/config";
import { reporters } from "../src/vitest.js";

// The consumer smoke test: packed tarballs installed with npm into a fresh app outside the workspace.
// Deliberately no source conditions: it must resolve what npm installed from the packed tarballs.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["*.test.ts"],
    environment: "node",
    reporters: reporters("consumer-smoke"),
    // npm install and the first Vite start dominate; each step stays well under a minute.
    hookTimeout: 240_000,
    testTimeout: 120_000,
    fileParallelism: false,
    // Builds and packs every public package once; specs read the tarballs with inject("tarballs").
    globalSetup: ["./global-setup.ts"],
  },
});
