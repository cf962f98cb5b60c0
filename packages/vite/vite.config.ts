import { defineLibrary } from "@repo/tooling/library";

// Node-only (it runs inside Vite's server); every dependency stays external so the proxy and the
// emulator are the user's installed copies, not bundled ones.
export default defineLibrary(import.meta.url, { entry: { index: "src/index.ts" } });
