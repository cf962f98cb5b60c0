import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";
import { defineConfig } from "tsup";

const DIRECTIVE = '"use client";';

// `'use client'` must open every built file (React Server Components read only the directive
// prologue). esbuild's banner lands first in ESM, but the CJS output starts with its own
// "use strict" and the banner ends up below the interop helpers, where it is no directive.
async function finish(): Promise<void> {
  for (const file of await readdir("dist")) {
    if (!/\.c?js$/.test(file)) continue;
    const path = `dist/${file}`;
    const code = (await readFile(path, "utf8")).replace(/"use client";\n?/g, "");
    // Same line in CJS, so the source map's line numbers stay right.
    await writeFile(path, `${DIRECTIVE}${file.endsWith(".cjs") ? "" : "\n"}${code}`);
  }
  await copyFile("src/styles.css", "dist/styles.css");
}

// One run for every entry: the React context lives in one shared chunk that both `.` and
// `./testing` import, and the lazy top-up dialog becomes its own chunk.
export default defineConfig({
  entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  splitting: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  external: ["react", "react-dom", "react/jsx-runtime", /^@radix-ui\//, "@credyt/core", "swr", /^swr\//],
  banner: { js: DIRECTIVE },
  onSuccess: finish,
});
