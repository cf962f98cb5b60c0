import type { Server } from "node:http";

/** A server listening on a loopback port, and how to stop it. */
export interface ListeningServer<S extends Server = Server> {
  /** The server itself. */
  server: S;
  /** The port the server got. */
  port: number;
  /** `http://<host>:<port><path>`. */
  url: string;
  /** Closes the server and every open connection (kept-alive and streaming ones too). */
  close(): Promise<void>;
}
/** Listens on a free loopback port; `close()` also ends open connections (`closeAllConnections`). */
export declare function listen<S extends Server>(
  server: S,
  options?: { host?: string; path?: string },
): Promise<ListeningServer<S>>;
/** A loopback port nobody listens on right now (for a child process that must be told its port up front). */
export declare function freePort(host?: string): Promise<number>;
/** `freePort`, synchronously (in a child process), for configs that must be synchronous. */
export declare function freePortSync(host?: string): number;
