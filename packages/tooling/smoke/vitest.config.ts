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
    // Two apps at a time: npm install waits on the registry and `next build` on the CPU, so two files overlap
    // well on a 2-core machine; each file has its own app directory and free ports.
    maxWorkers: 2,
    // Builds and packs every public package once; specs read the tarballs with inject("tarballs").
    globalSetup: ["./global-setup.ts"],
  },
});
