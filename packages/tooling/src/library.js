import { readFileSync } from "node:fs";
import { chmod, copyFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import dts from "vite-plugin-dts";

/**
 * The Vite library-mode config every publishable package builds with (`vite build`): ESM `.js` and CJS
 * `.cjs` from one Rolldown run (so modules shared by several entries, such as React's context, become one
 * shared `chunk-*` file and lazily imported modules keep their own `<name>-*` chunk), sourcemaps,
 * declarations as `.d.ts` and `.d.cts`, every dependency, peer and `node:` builtin external, not minified
 * (the app's bundler minifies), target ES2022.
 *
 * @param {string} configUrl `import.meta.url` of the package's `vite.config.ts`
 * @param {import("./library.d.ts").LibraryOptions} options
 * @returns {import("vite").UserConfig}
 */
export function defineLibrary(configUrl, { entry, directive, copy = [] }) {
  const root = fileURLToPath(new URL(".", configUrl));
  const dist = path.join(root, "dist");
  // Shared modules go to `chunk-<hash>`, lazily imported ones keep their module's name (`top-up-dialog-<hash>`),
  // which the size budgets and the bench look for.
  const output = (format, ext) => ({
    format,
    // Licence comments and pure annotations stay; JSDoc lives in the declarations.
    comments: { jsdoc: false },
    chunkFileNames: (chunk) => (chunk.isDynamicEntry ? `[name]-[hash].${ext}` : `chunk-[hash].${ext}`),
    // React Server Components read only the directive prologue: the banner is the very first statement,
    // above the CJS "use strict".
    ...(directive ? { banner: `"${directive}";` } : {}),
  });
  return {
    root,
    // No .env files or public folder: a library build reads nothing but its sources.
    envDir: false,
    publicDir: false,
    logLevel: "warn",
    plugins: [
      dts({
        tsconfigPath: path.join(root, "tsconfig.json"),
        entryRoot: path.join(root, "src"),
        include: ["src"],
        exclude: ["src/**/*.test.*", "src/**/*.test-d.*", "src/**/*.stories.*", "src/**/__*__/**"],
        // One declaration tree per format: `.d.ts` beside the ESM files, `.d.cts` beside the CJS ones,
        // each with relative imports rewritten to full specifiers (`./x.js`, `./x.cjs`), as Node 16+
        // resolution requires.
        outDirs: [
          { dir: dist, moduleFormat: "esm" },
          { dir: dist, moduleFormat: "cjs" },
        ],
        beforeWriteFile: (filePath, content) =>
          filePath.endsWith(".d.mts")
            ? {
                filePath: filePath.replace(/\.d\.mts$/, ".d.ts"),
                content: content.replace(/(["'])(\.\.?\/[^"']*)\.mjs\1/g, "$1$2.js$1"),
              }
            : undefined,
        afterDiagnostic: (diagnostics) => {
          if (diagnostics.length > 0)
            throw new Error(`declarations: ${diagnostics.length} TypeScript error(s), see above`);
        },
      }),
      finish({ dist, root, entry, copy }),
    ],
    build: {
      target: "es2022",
      minify: false,
      sourcemap: true,
      emptyOutDir: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry },
      rolldownOptions: {
        external: externals(root),
        // The declarations plugin runs the TypeScript compiler, which is most of the build: expected.
        checks: { pluginTimings: false },
        output: [output("es", "js"), output("cjs", "cjs")],
      },
    },
  };
}

/** Every dependency and peer of the package (and their subpaths) and every Node builtin stay imports. */
function externals(root) {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  const builtins = new Set(builtinModules);
  return (id) => id.startsWith("node:") || builtins.has(id) || names.some((n) => id === n || id.startsWith(`${n}/`));
}

/**
 * After both formats are written: entry declarations where the entry's source is not `src/<name>.ts`
 * (`testing` → `dist/testing.d.ts` re-exporting `./testing/index.js`), declarations no `types` entry
 * of the exports map reaches removed, hashbang files made executable, and the files in `copy` put into `dist/`.
 * @returns {import("vite").Plugin}
 */
function finish({ dist, root, entry, copy }) {
  let written = false;
  return {
    name: "credyt:library-finish",
    apply: "build",
    writeBundle() {
      written = true;
    },
    async closeBundle() {
      // closeBundle also runs after a failed build: leave its error alone.
      if (!written) return;
      for (const [name, source] of Object.entries(entry)) {
        const relative = path.relative(path.join(root, "src"), path.join(root, source)).replace(/\.tsx?$/, "");
        if (relative === name) continue;
        for (const [dts, js] of [
          ["d.ts", "js"],
          ["d.cts", "cjs"],
        ]) {
          await writeFile(path.join(dist, `${name}.${dts}`), `export * from "./${relative}.${js}";\n`);
        }
      }
      await pruneDeclarations(root, dist);
      for (const file of await readdir(dist)) {
        if (!/\.c?js$/.test(file)) continue;
        const code = await readFile(path.join(dist, file), "utf8");
        if (code.startsWith("#!")) await chmod(path.join(dist, file), 0o755);
      }
      for (const file of copy) await copyFile(path.join(root, file), path.join(dist, path.basename(file)));
    },
  };
}

/**
 * Keeps only the declaration files reachable from the `types` targets of package.json's exports (following
 * relative imports), so the package ships the typings of its public surface and not of, say, its CLI or
 * test-only modules. Emptied folders go too.
 */
async function pruneDeclarations(root, dist) {
  const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
  const roots = [];
  const walk = (value) => {
    if (typeof value === "string") {
      if (/\.d\.c?ts$/.test(value)) roots.push(path.join(root, value));
    } else if (value && typeof value === "object") {
      for (const v of Object.values(value)) walk(v);
    }
  };
  walk(pkg.exports);
  const reached = new Set();
  const visit = async (file) => {
    if (reached.has(file)) return;
    reached.add(file);
    const text = await readFile(file, "utf8");
    for (const [, spec] of text.matchAll(/(?:from|import\()\s*["'](\.\.?\/[^"']+)["']/g)) {
      const target = path
        .resolve(path.dirname(file), spec)
        .replace(/\.js$/, ".d.ts")
        .replace(/\.cjs$/, ".d.cts");
      await visit(target);
    }
  };
  for (const file of roots) await visit(file);
  const sweep = async (dir) => {
    let left = 0;
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) {
        if ((await sweep(full)) === 0) await rm(full, { recursive: true });
        else left++;
      } else if (/\.d\.c?ts$/.test(item.name) && !reached.has(full)) await rm(full);
      else left++;
    }
    return left;
  };
  await sweep(dist);
}
