import { defineConfig } from "tsup";

// All entries in one run so the shared core is one chunk, not a copy per subpath.
export default defineConfig({
  entry: ["src/index.ts", "src/node.ts", "src/next.ts", "src/hono.ts", "src/redis.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: true,
  target: "es2022",
  platform: "neutral",
  external: ["@credyt/core", "lru-cache", "zod", "hono", "redis", /^node:/],
});
