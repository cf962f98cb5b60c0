/** Vitest reporters: default, plus a JSON file for the root summary when `$CREDYT_TEST_RESULTS` is set. */
export declare function reporters(name: string): ("default" | ["json", { outputFile: string }])[];
/** How many test files run at once: one more than the cores for I/O-bound suites (at least 3), one per core (at least 2) for CPU-bound ones. */
export declare function maxWorkers(kind: "io" | "cpu"): number;
/** Resolve workspace packages to their TypeScript source, so tests need no build. */
export declare const sourceConditions: string[];
/** The source condition, then Vite's default client conditions. */
export declare const clientConditions: string[];
/** The source condition, then Vite's default server (SSR) conditions. */
export declare const serverConditions: string[];
/** `resolve` and `ssr.resolve` that use workspace packages from source; spread it into a Vite/Vitest config. */
export declare const sourceResolve: {
  resolve: { conditions: string[] };
  ssr: { resolve: { conditions: string[] } };
};
/** Playwright reporters: list, plus a JSON file for the root summary (or `fallbackFile` when run alone). */
export declare function playwrightReporters(
  name: string,
  fallbackFile: string,
): [["list"], ["json", { outputFile: string }]];
