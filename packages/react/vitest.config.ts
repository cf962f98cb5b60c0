import { fileURLToPath } from "node:url";
import { reporters } from "@repo/tooling/vitest";
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));
// "@credyt/source" resolves workspace packages to their TypeScript source: tests need no build.
const resolve = { conditions: ["@credyt/source", ...defaultClientConditions] };
const ssr = { resolve: { conditions: ["@credyt/source", ...defaultServerConditions] } };
// Generous timeouts: the machine is shared, and a slow test is not a failed one.
const dom = { environment: "jsdom" as const, setupFiles: ["./test/setup.ts"], restoreMocks: true, testTimeout: 20_000 };

// Three projects in one run: React 19 in jsdom, the same suite on React 18 (npm aliases
// react-18 / react-dom-18), and server rendering in plain node (`*.server.test.tsx`).
export default defineConfig({
  resolve,
  ssr,
  test: {
    reporters: reporters("react"),
    projects: [
      {
        extends: true,
        test: {
          ...dom,
          name: "react-19",
          env: { CREDYT_REACT_MAJOR: "19" },
          include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
          exclude: ["**/*.server.test.tsx", "test/dist/**"],
        },
      },
      {
        extends: true,
        resolve: {
          ...resolve,
          alias: [
            { find: /^react$/, replacement: dir("./node_modules/react-18/index.js") },
            { find: /^react\/(.*)$/, replacement: dir("./node_modules/react-18/$1") },
            { find: /^react-dom$/, replacement: dir("./node_modules/react-dom-18/index.js") },
            { find: /^react-dom\/(.*)$/, replacement: dir("./node_modules/react-dom-18/$1") },
          ],
        },
        test: {
          ...dom,
          name: "react-18",
          env: { CREDYT_REACT_MAJOR: "18" },
          include: ["src/**/*.test.tsx", "test/**/*.test.tsx"],
          exclude: ["**/*.server.test.tsx"],
          execArgv: ["--require", dir("./test/react-18-require.cjs")],
          server: { deps: { inline: [/@testing-library\//, /@radix-ui\//] } },
        },
      },
      {
        extends: true,
        test: {
          name: "server",
          environment: "node",
          include: ["src/**/*.server.test.tsx", "test/dist/**/*.test.ts"],
        },
      },
    ],
  },
});
