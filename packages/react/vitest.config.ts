import { fileURLToPath } from "node:url";
import { maxWorkers, reporters, sourceResolve } from "@repo/tooling/vitest";
import { defineConfig } from "vitest/config";

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));
// "@credyt/source" resolves workspace packages to their TypeScript source: tests need no build.
const { resolve } = sourceResolve;
// Generous timeouts: the machine is shared, and a slow test is not a failed one.
const dom = { environment: "jsdom" as const, setupFiles: ["./test/setup.ts"], restoreMocks: true, testTimeout: 20_000 };
// React 18 through the npm aliases react-18 / react-dom-18: Vite aliases for the ES modules, and a
// `--require` hook for the CommonJS code Node loads itself (react-dom requiring `react`).
const react18 = {
  resolve: {
    ...resolve,
    alias: [
      { find: /^react$/, replacement: dir("./node_modules/react-18/index.js") },
      { find: /^react\/(.*)$/, replacement: dir("./node_modules/react-18/$1") },
      { find: /^react-dom$/, replacement: dir("./node_modules/react-dom-18/index.js") },
      { find: /^react-dom\/(.*)$/, replacement: dir("./node_modules/react-dom-18/$1") },
    ],
  },
  execArgv: ["--require", dir("./test/react-18-require.cjs")],
  // Inlined so their ES `import "react"` goes through the aliases (Node's own ESM loader would not).
  server: { deps: { inline: [/@testing-library\//, /@radix-ui\//, /\/swr\//, /use-sync-external-store/] } },
};
const serverTests = "src/**/*.server.test.tsx";

// Four projects in one run: React 19 in jsdom, the same suite on React 18, and server rendering in
// plain node (`*.server.test.tsx`) on React 19 and on React 18. The checks of the built package
// (`test/build/`, run after `vite build`) run once, in the React 19 server project.
export default defineConfig({
  ...sourceResolve,
  test: {
    reporters: reporters("react"),
    maxWorkers: maxWorkers("cpu"),
    projects: [
      {
        extends: true,
        test: {
          ...dom,
          name: "react-19",
          env: { CREDYT_REACT_MAJOR: "19" },
          include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
          exclude: ["**/*.server.test.tsx", "test/build/**"],
        },
      },
      {
        extends: true,
        resolve: react18.resolve,
        test: {
          ...dom,
          name: "react-18",
          env: { CREDYT_REACT_MAJOR: "18" },
          include: ["src/**/*.test.tsx", "test/**/*.test.tsx"],
          exclude: ["**/*.server.test.tsx"],
          execArgv: react18.execArgv,
          server: react18.server,
        },
      },
      {
        extends: true,
        test: {
          name: "server",
          environment: "node",
          env: { CREDYT_REACT_MAJOR: "19" },
          include: [serverTests, "test/build/**/*.test.ts"],
        },
      },
      {
        extends: true,
        resolve: react18.resolve,
        test: {
          name: "server-react-18",
          environment: "node",
          env: { CREDYT_REACT_MAJOR: "18" },
          include: [serverTests],
          execArgv: react18.execArgv,
          server: react18.server,
        },
      },
    ],
  },
});
