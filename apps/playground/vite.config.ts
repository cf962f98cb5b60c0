import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// Workspace packages are used from source (their `@credyt/source` export condition): edits to
// packages/react or packages/core hot-reload here with no build step.
export default defineConfig({
  plugins: [react()],
  resolve: {
    conditions: ["@credyt/source", ...defaultClientConditions],
    alias: {
      // `@credyt/react/styles.css` only points at dist/ (no source condition), which does not exist
      // before a build: use the source file so `pnpm install && pnpm dev` works on a fresh clone.
      "@credyt/react/styles.css": fileURLToPath(new URL("../../packages/react/src/styles.css", import.meta.url)),
    },
  },
  build: { outDir: "dist", emptyOutDir: true },
});
