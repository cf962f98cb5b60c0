/**
 * Starts what the playground needs, for both entry points: the Credyt backend (the seeded emulator, or the
 * real Credyt), the Hono app, and one Node HTTP server. `attach` adds the front end (Vite or static files).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { createPlaygroundApp } from "./app";
import { type Backend, realCredytBackend, startEmulatorBackend } from "./backend";
import { ConfigError, DEMO_CUSTOMERS, type PlaygroundConfig } from "./config";
import { displayUrl, isPortInUse, listen, PortInUseError } from "./listen";

export type FrontEnd = (req: IncomingMessage, res: ServerResponse) => void;

export interface Playground {
  url: string;
  backend: Backend;
  server: Server;
  close(): Promise<void>;
}

/**
 * Listens first (a busy port fails fast, before anything else starts), then starts the backend and the app.
 * `frontEnd` answers every non-API request.
 */
export async function startPlayground(
  config: PlaygroundConfig,
  createFrontEnd: (server: Server) => Promise<{ handle: FrontEnd; close(): Promise<void> }>,
): Promise<Playground> {
  let handler: FrontEnd = (_req, res) => {
    res.writeHead(503, { "content-type": "text/plain", "retry-after": "1" }).end("Starting…");
  };
  const server = createServer((req, res) => handler(req, res));
  const address = await listen(server, config.port, config.host);

  let backend: Backend;
  try {
    backend = config.credyt
      ? realCredytBackend(config.credyt)
      : await startEmulatorBackend({ host: config.host, emulatorPort: config.emulatorPort });
  } catch (error) {
    server.close();
    if (isPortInUse(error)) throw new PortInUseError("The Credyt emulator's", config.emulatorPort, "EMULATOR_PORT");
    throw error;
  }

  const app = createPlaygroundApp({
    apiKey: backend.apiKey,
    apiUrl: backend.apiUrl,
    sessionSecret: config.sessionSecret,
    customers: DEMO_CUSTOMERS,
    resolveCustomerId: backend.resolveCustomerId,
    eventType: config.eventType,
    redirectHosts: backend.redirectHosts,
    ...(backend.videoPricePerSecond !== undefined ? { videoPricePerSecond: backend.videoPricePerSecond } : {}),
  });
  const api = getRequestListener(app.fetch);
  const frontEnd = await createFrontEnd(server);
  handler = (req, res) => {
    if (req.url?.startsWith("/api/")) void api(req, res);
    else frontEnd.handle(req, res);
  };

  return {
    url: displayUrl(config.host, address.port),
    backend,
    server,
    async close() {
      await frontEnd.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}

/** Ctrl-C or SIGTERM closes the servers (emulator, app, Vite) before the process exits. */
export function closeOnSignals(playground: Playground): void {
  const stop = () => {
    playground.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** Runs an entry point: prints a one-line message (no stack) for the errors a user can fix, and exits 1. */
export function exitOnError(error: unknown): never {
  if (error instanceof PortInUseError || error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
}
