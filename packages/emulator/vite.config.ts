import { defineLibrary } from "@repo/tooling/library";

// One run for every entry so shared modules become shared chunks. `src/cli.ts` starts with a
// `#!/usr/bin/env node` hashbang, which Rolldown keeps first and the build makes executable.
export default defineLibrary(import.meta.url, {
  entry: { index: "src/index.ts", node: "src/node.ts", cli: "src/cli.ts" },
});
