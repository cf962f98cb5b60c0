/**
 * `pnpm dev`: the seeded Credyt emulator, the playground's server and Vite with hot reload, on one URL.
 * PORT (default 5173) and EMULATOR_PORT (default 5174) pick the ports; CREDYT_API_KEY + CREDYT_API_URL use
 * the real Credyt instead of the emulator.
 */
import { fileURLToPath } from "node:url";
import { createServer as createViteServer } from "vite";
import { readConfig } from "./config";
import { closeOnSignals, exitOnError, startPlayground } from "./start";

const root = fileURLToPath(new URL("..", import.meta.url));

async function main(): Promise<void> {
  const config = readConfig();
  const playground = await startPlayground(config, async (server) => {
    const vite = await createViteServer({
      root,
      configFile: fileURLToPath(new URL("../vite.config.ts", import.meta.url)),
      appType: "spa",
      // Vite shares our server: its middlewares answer the page and modules, its HMR socket upgrades here.
      server: { middlewareMode: true, hmr: { server } },
    });
    return { handle: (req, res) => vite.middlewares(req, res), close: () => vite.close() };
  });

  const credyt = playground.backend.emulatorUrl
    ? `the Credyt emulator at ${playground.backend.emulatorUrl}, seeded with demo customers`
    : `Credyt at ${playground.backend.apiUrl}`;
  console.info(`\n  Credyt playground ready: ${playground.url}\n  (talking to ${credyt})\n`);

  closeOnSignals(playground);
}

main().catch(exitOnError);
