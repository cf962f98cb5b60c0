import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Thrown when a port is taken; the message is the one line the user needs. */
export class PortInUseError extends Error {
  constructor(what: string, port: number, envName: string) {
    super(
      `${what} port ${port} is already in use. Stop whatever uses it, or pick another: ${envName}=${port + 10} pnpm dev`,
    );
    this.name = "PortInUseError";
  }
}

/** `server.listen` as a promise that rejects with a one-line {@link PortInUseError} on EADDRINUSE. */
export function listen(server: Server, port: number, host: string, envName = "PORT"): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(error.code === "EADDRINUSE" ? new PortInUseError("The playground's", port, envName) : error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(server.address() as AddressInfo);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** The URL to print: `localhost` for `localhost` or wildcard binds, else the bound host. */
export function displayUrl(host: string, port: number): string {
  const shown = ["localhost", "0.0.0.0", "::", ""].includes(host) ? "localhost" : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}/`;
}

/** True for a port clash, from our own listen or from a library's (the emulator's). */
export function isPortInUse(error: unknown): boolean {
  if (error instanceof PortInUseError) return true;
  const e = error as { code?: string; cause?: { code?: string }; message?: string } | null;
  return e?.code === "EADDRINUSE" || e?.cause?.code === "EADDRINUSE" || /EADDRINUSE/.test(String(e?.message));
}
