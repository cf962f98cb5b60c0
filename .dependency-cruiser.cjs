// The boundary-and-cycle check (`pnpm lint`, `pnpm run lint:deps`): no import cycle (type-only
// imports included), and each package imports only what its layer may. CONTRIBUTING.md explains the rules.
const { readdirSync, readFileSync, existsSync } = require("node:fs");
const path = require("node:path");

// A test, a type test, a story or a test folder: these may reach across packages (a React test runs the
// real proxy and emulator), the shipped code may not.
const TESTS_AND_STORIES = "(\\.(test|test-d|server\\.test|stories)\\.[cm]?[jt]sx?$)|(/test/)|(/e2e/)";

/**
 * Each package's public entry files: the source files its package.json `exports` point to (through the
 * `@credyt/source` condition), e.g. `packages/proxy/src/node.ts` or `packages/react/src/styles.css`, and the
 * source of each `bin` (`src/cli.ts` for `dist/cli.js`). `root` lets the checks' own tests run this config on
 * a fixture folder.
 */
function entryModules(root) {
  const dir = path.join(root, "packages");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name, "package.json");
    if (!existsSync(file)) return [];
    const { exports = {}, bin = {} } = JSON.parse(readFileSync(file, "utf8"));
    // The source condition names one file, or one per runtime (`{ "node": "./src/index.node.ts", "default": … }`).
    const sources = Object.values(exports)
      .map((target) => (typeof target === "string" ? undefined : target["@credyt/source"]))
      .flatMap((target) => (target !== null && typeof target === "object" ? Object.values(target) : [target]))
      .filter((target, i, all) => typeof target === "string" && all.indexOf(target) === i);
    // A bin is built from the source file of the same name (`dist/cli.js` from `src/cli.ts`).
    const bins = Object.values(typeof bin === "string" ? { bin } : bin).map((target) =>
      target.replace(/^\.\/dist\//, "./src/").replace(/\.[cm]?js$/, ".ts"),
    );
    return [...sources, ...bins].map((target) => ({ name, file: path.posix.join("packages", name, target) }));
  });
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const entries = entryModules(process.cwd());
const packageNames = [...new Set(entries.map((entry) => entry.name))];

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle, type-only imports included: move the shared piece into a module both can import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-imports-no-react-or-package",
      severity: "error",
      comment: "@credyt/core is the plain base layer: no React, no other @credyt package.",
      from: { path: "^packages/core/src/", pathNot: TESTS_AND_STORIES },
      to: {
        path: ["^(react|react-dom)(/|$)", "(^|/)node_modules/(react|react-dom)/", "^packages/"],
        pathNot: "^packages/core/",
      },
    },
    {
      name: "core-imports-no-node-builtins",
      severity: "error",
      comment: "@credyt/core runs in browsers: no node: builtins outside its tests.",
      from: { path: "^packages/core/src/", pathNot: TESTS_AND_STORIES },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "react-imports-no-server",
      severity: "error",
      comment: "@credyt/react ships to browsers: the proxy and the emulator only in its tests and stories.",
      from: { path: "^packages/react/src/", pathNot: TESTS_AND_STORIES },
      to: { path: "^packages/(proxy|emulator)/" },
    },
    {
      name: "proxy-emulator-apart",
      severity: "error",
      comment: "The proxy and the emulator never import each other (outside tests): both speak the Credyt API.",
      from: { path: "^packages/(proxy|emulator)/src/", pathNot: TESTS_AND_STORIES },
      to: { path: "^packages/(proxy|emulator)/", pathNot: "^packages/$1/" },
    },
    {
      name: "internal-imports-only-internal",
      severity: "error",
      comment:
        "A module under src/_internal/ imports a module of its own package that is not under src/_internal/ (an entry file, a module at the top of src/ or in another folder): entry files sit on top of the implementation, never under it. Import the _internal module that defines the thing instead, or move the imported module under src/_internal/.",
      from: { path: "^packages/([^/]+)/src/_internal/" },
      to: { path: "^packages/$1/src/", pathNot: "^packages/$1/src/_internal/" },
    },
    ...packageNames.map((name) => {
      const src = `packages/${escapeRegExp(name)}/src/`;
      return {
        name: "entries-only-outside-internal",
        severity: "error",
        comment: `A module of ${name} that is no entry file (package.json \`exports\` or \`bin\`) sits outside src/_internal/, so src/ no longer shows the public surface: move it under src/_internal/ (or, if it is a new public subpath, add it to \`exports\`).`,
        from: { path: `^${src}`, pathNot: `^${src}_internal/` },
        to: {
          path: `^${src}`,
          pathNot: [
            `^${src}_internal/`,
            ...entries.filter((entry) => entry.name === name).map((entry) => `^${escapeRegExp(entry.file)}$`),
          ],
        },
      };
    }),
  ],
  options: {
    // Type-only imports count: a cycle through `import type` still ties two modules together.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["(^|/)(dist|storybook-static|\\.next|\\.turbo|coverage)/", "^packages/tooling/test/fixtures/"] },
    // Workspace packages resolve to their TypeScript source, as in tsconfig and the tests.
    enhancedResolveOptions: {
      conditionNames: ["@credyt/source", "import", "require", "node", "default"],
      exportsFields: ["exports"],
      mainFields: ["module", "main", "types"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
