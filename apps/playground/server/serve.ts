/**
 * Serves the built playground (`vite build` → dist/) with the same server as `pnpm dev`, without Vite.
 * `--json` prints `{ "url", "emulatorUrl", "apiKey" }` on one line instead of the banner: the end-to-end
 * tests start it on free ports (PORT=0 EMULATOR_PORT=0) and read that line.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getRequestListener } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { ConfigError, readConfig } from "./config";
import { closeOnSignals, exitOnError, startPlayground } from "./start";

const dist = fileURLToPath(new URL("../dist", import.meta.url));

async function main(): Promise<void> {
  if (!existsSync(`${dist}/index.html`)) {
    throw new ConfigError(
      "No build found in apps/playground/dist: run `pnpm --filter @credyt/playground build` first.",
    );
  }
  const indexHtml = readFileSync(`${dist}/index.html`, "utf8");
  const config = readConfig();
  const playground = await startPlayground(config, async () => {
    const files = new Hono();
    files.use("/assets/*", serveStatic({ root: dist }));
    files.use("*", async (c, next) => {
      await next();
      if (c.req.path.startsWith("/assets/")) c.header("Cache-Control", "public, max-age=31536000, immutable");
    });
    // Every other path is a page of the single-page app.
    files.get("*", (c) => c.html(indexHtml));
    const listener = getRequestListener(files.fetch);
    return { handle: (req, res) => void listener(req, res), close: async () => undefined };
  });

  if (process.argv.includes("--json")) {
    console.info(
      JSON.stringify({
        url: playground.url,
        emulatorUrl: playground.backend.emulatorUrl ?? null,
        apiKey: playground.backend.emulatorUrl ? playground.backend.apiKey : null,
      }),
    );
  } else {
    console.info(`\n  Credyt playground ready: ${playground.url}\n`);
  }
  closeOnSignals(playground);
}

main().catch(exitOnError);
