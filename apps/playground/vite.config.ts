import { clientConditions } from "@repo/tooling/vitest";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Workspace packages are used from source (their `@credyt/source` export condition, styles.css
// included): edits to packages/react or packages/core hot-reload here with no build step.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: clientConditions },
  build: { outDir: "dist", emptyOutDir: true },
});
