import { defineConfig } from "tsup";

// Node-only (it runs inside Vite's server); every dependency stays external so the proxy and the
// emulator are the user's installed copies, not bundled ones.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "node",
  external: ["vite", "@credyt/proxy", "@credyt/emulator", "@hono/node-server", /^node:/],
});
