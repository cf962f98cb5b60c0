/**
 * @module @credyt/proxy
 * The Node build of `@credyt/proxy` (package.json's `node` condition: Next.js on the Node runtime, Hono on
 * @hono/node-server, Vite's dev server, plain node:http). Workers, Next's edge runtime, Deno, Bun and browsers
 * get `src/index.ts`. The same API and types; only the default `fetch` differs: `createCredyt` and
 * `createCredytProxy` call Credyt through a bounded keep-alive pool unless their options name a `fetch`.
 */
import { createCredyt as fetchCreateCredyt } from "./_internal/create-credyt";
import { createCredytProxy as fetchCreateCredytProxy } from "./_internal/create-credyt-proxy";
import { onNode } from "./_internal/node-default-fetch";

export * from "./index";

/**
 * {@link fetchCreateCredyt | createCredyt}, calling Credyt through a bounded keep-alive pool (at most 50
 * connections, created on the first call) unless the options name a `fetch` (`fetch: globalThis.fetch` for
 * Node's global fetch: MSW, Next's fetch instrumentation).
 */
export const createCredyt = onNode(fetchCreateCredyt);

/** {@link fetchCreateCredytProxy | createCredytProxy}, with the same default `fetch` as `createCredyt` here. */
export const createCredytProxy = onNode(fetchCreateCredytProxy);
