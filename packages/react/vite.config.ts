import { defineLibrary } from "@repo/tooling/library";

// One run for every entry: the React context lives in one shared chunk that both `.` and
// `./testing` import, and the lazy parts (top-up dialog, live stream, spend chart) become their own
// chunks. `'use client'` opens every built file, ESM and CJS: React Server Components read only the
// directive prologue.
export default defineLibrary(import.meta.url, {
  entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
  directive: "use client",
  copy: ["src/styles.css"],
});
