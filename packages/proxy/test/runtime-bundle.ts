// How each runtime's bundler or loader resolves `@credyt/proxy` (and `/next`, `/hono`): esbuild with that
// runtime's export conditions, through this package's own exports map. Shared by the source check
// (runtime-conditions.test.ts) and the check of the built package (build/dist-conditions.test.ts).
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** The conditions each runtime resolves with (besides `import` and `default`); Deno and Bun match `node` too. */
export const RUNTIMES: Record<string, string[]> = {
  node: ["node"],
  "Next.js, Node runtime (server components)": ["react-server", "node"],
  "Cloudflare workerd (wrangler)": ["workerd", "worker", "browser"],
  "Next.js edge runtime": ["edge-light", "worker", "browser"],
  deno: ["deno", "node"],
  bun: ["bun", "node"],
  browser: ["browser"],
};

const SUBPATHS = ["@credyt/proxy", "@credyt/proxy/next", "@credyt/proxy/hono"];

/**
 * The package files a bundle for `conditions` takes in, and the packages it leaves as imports; `require`
 * loads the subpaths with `require()` (the `require` branch of the map) instead of `import`.
 */
export async function bundleFor(
  conditions: string[],
  { source, require = false }: { source: boolean; require?: boolean },
): Promise<{ files: string[]; imports: string[] }> {
  const built = await build({
    stdin: {
      contents: require
        ? `module.exports = [${SUBPATHS.map((s) => `require("${s}")`).join(", ")}];`
        : SUBPATHS.map((s, i) => `export * as m${i} from "${s}";`).join("\n"),
      resolveDir: packageDir,
      sourcefile: "app.js",
      loader: "js",
    },
    bundle: true,
    write: false,
    metafile: true,
    format: require ? "cjs" : "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: source ? ["@credyt/source", ...conditions] : conditions,
    // Whether a bundle reaches undici is read from its imports; the rest of the graph is not at stake.
    external: ["undici", "hono", "@credyt/core", "zod", "big.js", "lru-cache", "node:*"],
    logLevel: "silent",
  });
  const output = Object.values(built.metafile.outputs)[0];
  return {
    files: Object.keys(built.metafile.inputs).filter((file) => !file.includes("node_modules") && file !== "<stdin>"),
    imports: [...new Set((output?.imports ?? []).map((i) => i.path))].sort(),
  };
}
