import { defineLibrary } from "@repo/tooling/library";

// All entries in one run so the shared core is one chunk, not a copy per subpath.
export default defineLibrary(import.meta.url, {
  entry: {
    index: "src/index.ts",
    node: "src/node.ts",
    next: "src/next.ts",
    hono: "src/hono.ts",
    redis: "src/redis.ts",
    probe: "src/probe.ts",
  },
});
