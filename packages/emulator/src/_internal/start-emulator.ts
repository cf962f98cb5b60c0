import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { createEmulator } from "./create-emulator";
import { RESET_HEADER } from "./faults";
import type { Emulator, RunningEmulator, StartEmulatorOptions } from "./types";

/**
 * Start the emulator on a local port. `publicUrl` defaults to the server's own URL, so `redirect_url`s
 * point at this server. A `reset_connection` fault destroys the socket before any byte is sent, so clients
 * see a genuine network error (`fetch` rejects).
 *
 * @example
 * ```ts
 * const { url, apiKey, close } = await startEmulator({ port: 0 });
 * await fetch(`${url}/customers/${DEMO_CUSTOMER_ID}/wallet`, { headers: { "X-CREDYT-API-KEY": apiKey } });
 * await close();
 * ```
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, host = "127.0.0.1", ...emulatorOptions } = options;
  let emulator: Emulator | undefined;
  const listener = getRequestListener(async (request, env) => {
    if (!emulator) return new Response(null, { status: 503 });
    const response = await emulator.fetch(request);
    if (response.headers.has(RESET_HEADER)) {
      env.incoming.socket?.destroy();
      return new Response(null, { status: 204 });
    }
    return response;
  });
  const server: Server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // A wildcard bind is reachable as localhost; links must name a host a browser can open.
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  const shownHost = wildcard ? "localhost" : address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  emulator = createEmulator({ publicUrl: url, ...emulatorOptions });
  return {
    url,
    apiKey: emulator.apiKey,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
