import { defineLibrary } from "@repo/tooling/library";

export default defineLibrary(import.meta.url, { entry: { index: "src/index.ts" } });
