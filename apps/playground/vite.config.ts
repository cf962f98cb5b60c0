import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// Workspace packages are used from source (their `@credyt/source` export condition, styles.css
// included): edits to packages/react or packages/core hot-reload here with no build step.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["@credyt/source", ...defaultClientConditions] },
  build: { outDir: "dist", emptyOutDir: true },
});
