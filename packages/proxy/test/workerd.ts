// What the workerd tests share: the Worker bundle (the proxy's source, built as Cloudflare builds a
// Worker: no Node built-ins, no `nodejs_compat`) and Miniflare's outbound service that carries the
// Worker's `fetch` calls to servers on loopback.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type Request as MiniflareRequest, Response as MiniflareResponse } from "miniflare";

/** The Credyt API host the Workers are configured with; `forward` sends its calls to the emulator. */
export const UPSTREAM_HOST = "https://credyt.upstream.test";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Bundles a Worker module that imports `@credyt/proxy` (and `/redis`) from this package's source, resolved
 * through the exports map with workerd's conditions as wrangler does: the plain build, never the Node build
 * and its undici pool (checked here, so every workerd test checks it).
 */
export async function bundleWorker(source: string): Promise<string> {
  const built = await build({
    stdin: { contents: source, resolveDir: packageDir, sourcefile: "worker.js", loader: "js" },
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    conditions: ["@credyt/source", "workerd", "worker", "browser"],
    logLevel: "silent",
  });
  const inputs = Object.keys(built.metafile.inputs);
  const nodeOnly = inputs.filter((file) => /undici|\.node\.ts$|upstream-pool|node-default-fetch/.test(file));
  if (nodeOnly.length > 0) throw new Error(`the Worker bundle took in the Node build: ${nodeOnly.join(", ")}`);
  if (!inputs.includes("src/index.ts")) throw new Error(`the Worker bundle missed src/index.ts: ${inputs.join(", ")}`);
  return built.outputFiles[0]?.text ?? "";
}

/**
 * Miniflare's `outboundService`: sends each of the Worker's requests to `targetOf(request)` (a loopback URL)
 * over real HTTP and hands the answer back.
 */
export function forward(
  targetOf: (request: MiniflareRequest, url: URL) => string,
): (request: MiniflareRequest) => Promise<MiniflareResponse> {
  return async (request) => {
    const url = new URL(request.url);
    const answer = await fetch(targetOf(request, url), {
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: request.method === "GET" ? undefined : await request.arrayBuffer(),
    });
    return new MiniflareResponse(await answer.arrayBuffer(), {
      status: answer.status,
      headers: Object.fromEntries(answer.headers),
    });
  };
}
