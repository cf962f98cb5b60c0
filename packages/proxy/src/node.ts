/**
 * @module @credyt/proxy/node
 * The Credyt proxy for Node: Express 4 and 5, Connect, and plain node:http.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_BASE_PATH } from "./_internal/config";
import { fetchUrl, type NodeRequest, toFetchRequest, writeResponse } from "./_internal/node-request";
import { createCredytProxy as createFetchProxy } from "./create-credyt-proxy";
import type { CredytProxyLive, CredytProxyOptions } from "./types";

export * from "./common";

/** What `getCustomerId` receives from the Node adapter: the framework's own request and response. */
export interface NodeContext {
  /** The framework's request (Express's `req` with its additions, such as `req.user` or `req.session`). */
  req: IncomingMessage;
  /** The framework's response; the proxy writes the answer to it. */
  res: ServerResponse;
}

/** A Node handler that is also Express/Connect middleware. */
export type NodeHandler = ((req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void) &
  CredytProxyLive;

/**
 * Creates the Credyt proxy as Node middleware: `app.use(proxy)` (Express 4/5, Connect) or
 * `http.createServer(proxy)`. Requests outside `basePath` go to `next()` (or get a 404 without one).
 * Mounted with `app.use("/billing", proxy)`, the mount path wins over `basePath`. Works whether or
 * not `express.json()` already read the body.
 *
 * @example
 * import express from "express";
 * import { createCredytProxy } from "@credyt/proxy/node";
 *
 * const app = express();
 * app.use(createCredytProxy({ apiKey: process.env.CREDYT_API_KEY!, getCustomerId: ({ req }) => req.user?.customerId ?? null }));
 */
export function createCredytProxy(options: CredytProxyOptions<NodeContext>): NodeHandler {
  const handler = createFetchProxy<NodeContext>(options);
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, "");
  function credytProxy(req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void {
    const url = fetchUrl(req as NodeRequest, basePath);
    if (url === null && next) {
      next();
      return;
    }
    const request = toFetchRequest(req as NodeRequest, url ?? `http://localhost${basePath}/`, res);
    handler(request, { req, res })
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => {
        if (next) next(error);
        else if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader("Content-Type", "application/json; charset=utf-8");
          res.setHeader("Cache-Control", "no-store");
          res.end('{"error":{"code":"internal","message":"Something went wrong on the billing server."}}');
        }
      });
  }
  return Object.assign(credytProxy, { notify: handler.notify, streamStats: handler.streamStats });
}
