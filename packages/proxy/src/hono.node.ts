/**
 * @module @credyt/proxy/hono
 * The Node build of `@credyt/proxy/hono` (the `node` condition: Hono on @hono/node-server; Workers, Deno and
 * Bun get `src/hono.ts`). The same API and types; `createCredyt` and `createCredytProxy` call Credyt through
 * a bounded keep-alive pool unless their options name a `fetch`.
 */
import { createCredyt as fetchCreateCredyt } from "./_internal/create-credyt";
import { onNode } from "./_internal/node-default-fetch";
import { createCredytProxy as fetchCreateCredytProxy } from "./hono";

export * from "./hono";

/** `createCredyt`, calling Credyt through a bounded keep-alive pool unless the options name a `fetch`. */
export const createCredyt = onNode(fetchCreateCredyt);

/** {@link fetchCreateCredytProxy | createCredytProxy}, with the same default `fetch` as `createCredyt` here. */
export const createCredytProxy = onNode(fetchCreateCredytProxy);
