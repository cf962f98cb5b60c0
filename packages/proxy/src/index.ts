/**
 * @module @credyt/proxy
 * The Credyt proxy as a Fetch handler (Bun, Deno, Workers, Remix, Next.js), the typed Credyt client,
 * and the store interfaces with their in-memory defaults.
 */
export * from "./_internal/common";
export { createCredytProxy } from "./_internal/create-credyt-proxy";
