import { defineConfig } from "tsup";

// One run for every entry so shared modules become shared chunks. `src/cli.ts` starts with a
// `#!/usr/bin/env node` hashbang, which esbuild keeps and tsup turns into an executable file.
export default defineConfig({
  entry: ["src/index.ts", "src/node.ts", "src/cli.ts"],
  format: ["esm", "cjs"],
  dts: { entry: ["src/index.ts", "src/node.ts"] },
  clean: true,
  sourcemap: true,
  target: "es2022",
});
