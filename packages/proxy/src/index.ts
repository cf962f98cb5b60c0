/**
 * @module @credyt/proxy
 * `createCredyt`: one Credyt instance for your server, a Fetch handler (Bun, Deno, Workers, Remix) and
 * Node middleware (`credyt.node()`), with `notify` and the typed Credyt client (`credyt.api`); plus the
 * store interfaces with their in-memory default.
 */
export * from "./_internal/common";
export { createCredytProxy } from "./_internal/create-credyt-proxy";
