/**
 * @module @credyt/proxy/node
 * The Credyt instance for Node: Express 4 and 5, Connect, and plain node:http (`credyt.node()`).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createInstance } from "./_internal/create-credyt";
import { withUpstreamPool } from "./_internal/node-default-fetch";
import type { Credyt, CredytOptions, CredytProxyLive, CredytProxyOptions, FetchContext } from "./_internal/types";

export * from "./_internal/common";
export { createUpstreamFetch, type UpstreamPoolOptions } from "./_internal/upstream-pool";

/**
 * What `identify` receives from `credyt.node()`: the Fetch request and the framework's own request and
 * response, typed as your framework types them (`createCredyt<NodeContext<express.Request>>(…)` gives
 * `req.session`, `req.user`).
 */
export interface NodeContext<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
> {
  /** The request as the Fetch core sees it. */
  request: Request;
  /** The framework's request (Express's `req` with its additions, such as `req.user` or `req.session`). */
  req: Req;
  /** The framework's response; the proxy writes the answer to it. */
  res: Res;
}

/** A Node handler that is also Express/Connect middleware. */
export type NodeHandler<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse> = ((
  req: Req,
  res: Res,
  next?: (error?: unknown) => void,
) => void) &
  CredytProxyLive;

/**
 * The one-call form kept from 0.1: Node middleware with `notify` and `streamStats`, `getCustomerId`
 * receiving `{ req, res }`. New code: `createCredyt` once, then `app.use("/api/credyt", credyt.node())`.
 *
 * @example
 * import express from "express";
 * import { createCredytProxy } from "@credyt/proxy/node";
 *
 * const app = express();
 * app.use(
 *   createCredytProxy<express.Request>({
 *     apiKey: process.env.CREDYT_API_KEY!,
 *     origin: "https://app.example.com",
 *     getCustomerId: ({ req }) => req.session.credytCustomerId ?? null,
 *   }),
 * );
 */
export function createCredytProxy<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
>(options: CredytProxyOptions<NodeContext<Req, Res>>): NodeHandler<Req, Res> {
  // On Node, Credyt is called through a bounded keep-alive pool unless the app passes its own `fetch`.
  const instance = createInstance<NodeContext<Req, Res>>(withUpstreamPool(options), "createCredytProxy", true);
  return Object.assign(instance.node<Req, Res>(), {
    notify: (customerId: string) => instance.notify(customerId),
    streamStats: () => instance.streamStats(),
  });
}

/**
 * `createCredyt` for Node servers: the same instance as `@credyt/proxy`'s, calling Credyt through a
 * bounded keep-alive pool (`createUpstreamFetch()`, at most 50 connections, opened on the first call) unless you
 * pass a `fetch` of your own (`fetch: globalThis.fetch` for Node's global fetch).
 *
 * @example
 * import { createCredyt } from "@credyt/proxy/node";
 *
 * const credyt = createCredyt({ apiKey: process.env.CREDYT_API_KEY!, origin: process.env.PUBLIC_ORIGIN, identify });
 * app.use("/api/credyt", credyt.node(), credyt.nodeErrors());
 */
export function createCredyt<Ctx = FetchContext>(options: CredytOptions<Ctx>): Credyt<Ctx> {
  return createInstance<Ctx>(withUpstreamPool(options), "createCredyt");
}
