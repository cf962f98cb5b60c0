import { defineConfig } from "tsup";

// One run for every entry: the React context lives in one shared chunk that both `.` and
// `./testing` import, and the lazy top-up dialog becomes its own chunk.
export default defineConfig({
  entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  splitting: true,
  clean: true,
  sourcemap: true,
  minify: false,
  target: "es2022",
  external: ["react", "react-dom", "react/jsx-runtime", "swr", "clsx", /^@radix-ui\//, "@credyt/core"],
  // Every output file (entries and shared chunks) is a client module for React Server Components.
  banner: { js: '"use client";' },
  onSuccess: "node -e \"require('node:fs').copyFileSync('src/styles.css','dist/styles.css')\"",
});
