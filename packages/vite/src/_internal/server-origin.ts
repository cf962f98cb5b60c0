import type { AddressInfo } from "node:net";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const WILDCARD = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * The origin a browser uses for a listening server, named the way Vite prints its "Local" URL: a loopback
 * or wildcard bind is `localhost`, any other address is itself.
 */
export function serverOrigin(address: AddressInfo | string | null, https: boolean): string | undefined {
  if (!address || typeof address === "string") return undefined;
  const host =
    LOOPBACK.has(address.address) || WILDCARD.has(address.address)
      ? "localhost"
      : address.family === "IPv6"
        ? `[${address.address}]`
        : address.address;
  return `${https ? "https" : "http"}://${host}:${address.port}`;
}

/** The origin of a request as the browser sent it (its `Host`), for servers with no address of their own. */
export function requestOrigin(host: string | undefined, https: boolean): string {
  const safe =
    host && /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host) ? host : "localhost";
  return `${https ? "https" : "http"}://${safe}`;
}

/**
 * The same server under its other loopback names (`127.0.0.1`, `[::1]`), so a page opened on any of them
 * passes the proxy's `Origin` check. Empty when the origin is not a loopback one.
 */
export function loopbackAliases(origin: string): string[] {
  const url = new URL(origin);
  if (!LOOPBACK.has(url.hostname)) return [];
  return ["localhost", "127.0.0.1", "[::1]"]
    .map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ""}`)
    .filter((alias) => alias !== url.origin);
}

/**
 * True when a request came from this machine: 127.0.0.0/8, `::1`, or either as an IPv4-mapped IPv6
 * address. `undefined` (a socket already gone, or no socket) counts as not loopback.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.toLowerCase().replace(/^::ffff:/, "");
  return ip === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}
