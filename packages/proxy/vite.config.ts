import { defineLibrary } from "@repo/tooling/library";

// All entries in one run so the shared core is one chunk, not a copy per subpath. `index.node`, `next.node` and
// `hono.node` are the Node builds of `.`, `./next` and `./hono` (package.json's `node` condition): thin files
// over the same chunks, differing only in the default `fetch`.
export default defineLibrary(import.meta.url, {
  entry: {
    index: "src/index.ts",
    "index.node": "src/index.node.ts",
    node: "src/node.ts",
    next: "src/next.ts",
    "next.node": "src/next.node.ts",
    hono: "src/hono.ts",
    "hono.node": "src/hono.node.ts",
    redis: "src/redis.ts",
    probe: "src/probe.ts",
  },
});
