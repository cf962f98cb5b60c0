/**
 * @module @credyt/proxy/node
 * The Credyt proxy for Node: Express 4 and 5, Connect, and plain node:http.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_BASE_PATH } from "./_internal/config";
import { createCredytProxy as createFetchProxy } from "./_internal/create-credyt-proxy";
import {
  fetchUrl,
  type NodeRequest,
  toFetchRequest,
  writeInternalError,
  writeResponse,
} from "./_internal/node-request";
import type { CredytProxyLive, CredytProxyOptions } from "./_internal/types";
import { createUpstreamFetch } from "./_internal/upstream-pool";

export * from "./_internal/common";
export { createUpstreamFetch, type UpstreamPoolOptions } from "./_internal/upstream-pool";

/**
 * What `getCustomerId` receives from the Node adapter: the framework's own request and response, typed
 * as your framework types them (`createCredytProxy<express.Request>(…)` gives `req.session`, `req.user`).
 */
export interface NodeContext<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
> {
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
 * Creates the Credyt proxy as Node middleware: `app.use(proxy)` (Express 4/5, Connect) or
 * `http.createServer(proxy)`. Requests outside `basePath` go to `next()` (or get a 404 without one).
 * Mounted with `app.use("/billing", proxy)`, the mount path wins over `basePath`. Works whether or
 * not `express.json()` already read the body. Generic over the request type, so Express users get
 * `req.session` and `req.user` typed, without a cast.
 *
 * @example
 * import express from "express";
 * import { createCredytProxy } from "@credyt/proxy/node";
 *
 * const app = express();
 * app.use(
 *   createCredytProxy<express.Request>({
 *     apiKey: process.env.CREDYT_API_KEY!,
 *     getCustomerId: ({ req }) => req.session.credytCustomerId ?? null,
 *   }),
 * );
 */
export function createCredytProxy<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
>(options: CredytProxyOptions<NodeContext<Req, Res>>): NodeHandler<Req, Res> {
  // On Node, Credyt is called through a bounded keep-alive pool unless the app passes its own `fetch`.
  const pooled = typeof options === "object" && options !== null && options.fetch === undefined;
  const handler = createFetchProxy<NodeContext<Req, Res>>(
    pooled ? { ...options, fetch: createUpstreamFetch() } : options,
  );
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, "");
  function credytProxy(req: Req, res: Res, next?: (error?: unknown) => void): void {
    const url = fetchUrl(req as NodeRequest, basePath);
    if (url === null && next) {
      next();
      return;
    }
    // Inside the chain, so a body the app's parser left unreadable is answered, not thrown at Node.
    Promise.resolve()
      .then(() => handler(toFetchRequest(req as NodeRequest, url ?? `http://localhost${basePath}/`, res), { req, res }))
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => {
        if (next) next(error);
        else writeInternalError(req, res, error);
      });
  }
  return Object.assign(credytProxy, { notify: handler.notify, streamStats: handler.streamStats });
}
