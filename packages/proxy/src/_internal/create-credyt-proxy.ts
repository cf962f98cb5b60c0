import { CredytError, isCredytError } from "@credyt/core";
import { resolveConfig } from "./config";
import { customerRefs, withCustomerRef } from "./customer-ref";
import { createDevLog } from "./dev-log";
import { endpoints } from "./endpoints";
import type { Exchange } from "./exchange";
import { UpstreamGuard } from "./guard";
import { createPortalSession, createTopUp, getAccount, getWallet } from "./handlers";
import { CUSTOMER_ID_PATTERN } from "./patterns";
import { ClientClosedRequest } from "./read-body";
import { errorResponse, internalError, MethodNotAllowed, requestIdFrom } from "./respond";
import { checkRequestOrigin, explainOrigin, rejectBrowserCustomer, selfOrigin } from "./security";
import { resolveStreamConfig, type StreamConfig } from "./stream-config";
import type { CredytProxyEvent, CredytProxyHandler, CredytProxyOptions, FetchContext } from "./types";
import { getQuote, getUsage, getUsageSummary } from "./usage-handlers";
import { WalletHub } from "./wallet-hub";
import { streamWallet, trackHub } from "./wallet-stream";

type Route<Ctx> = { method: "GET" | "POST"; run: (x: Exchange<Ctx>) => Promise<Response> };

/** The protocol's routes and nothing else: an allowlist. */
function matchRoute<Ctx>(segments: string[], live?: { hub: WalletHub; config: StreamConfig }): Route<Ctx> | undefined {
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (first === "wallet" && second === "stream")
    return live ? { method: "GET", run: (x) => streamWallet(x, live.hub, live.config) } : undefined;
  if (first === "wallet" && second === undefined) return { method: "GET", run: getWallet };
  if (first === "wallet" && second !== undefined) return { method: "GET", run: (x) => getAccount(x, second) };
  if (first === "top-ups" && second === undefined) return { method: "POST", run: createTopUp };
  if (first === "billing-portal" && second === "sessions") return { method: "POST", run: createPortalSession };
  if (first === "usage" && second === undefined) return { method: "GET", run: getUsage };
  if (first === "usage" && second === "summary") return { method: "GET", run: getUsageSummary };
  if (first === "quote" && second === undefined) return { method: "GET", run: getQuote };
  return undefined;
}

function notFound(): CredytError {
  return new CredytError(
    "not_found",
    "No such route. The proxy serves /wallet, /wallet/stream, /wallet/{accountId}, /top-ups, /billing-portal/sessions, /usage, /usage/summary and /quote.",
  );
}

/** Splits the path inside `basePath` into decoded segments, or throws 404 when outside it. */
function segmentsOf(pathname: string, basePath: string): string[] {
  if (!pathname.startsWith(`${basePath}/`)) throw notFound();
  try {
    return pathname
      .slice(basePath.length + 1)
      .split("/")
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw notFound();
  }
}

/**
 * Creates the Credyt proxy as a Fetch handler `(request, ctx?) => Promise<Response>`: it serves the
 * wire protocol's routes under `basePath`, identifies the customer with `getCustomerId` (never from the
 * browser), validates everything, and forwards to Credyt with your secret key.
 *
 * Works as is in Bun, Deno, Cloudflare Workers, Remix and Next.js route handlers; `@credyt/proxy/node`,
 * `/next` and `/hono` wrap it for those frameworks. For this Fetch entry, `ctx` defaults to `{ request }`.
 *
 * @example
 * import { createCredytProxy } from "@credyt/proxy";
 *
 * const credyt = createCredytProxy({
 *   apiKey: process.env.CREDYT_API_KEY!,
 *   getCustomerId: async ({ request }) => (await getSession(request))?.credytCustomerId ?? null,
 *   topUps: { currencies: ["USD"], min: 5, max: 500 },
 * });
 *
 * Bun.serve({ fetch: (request) => credyt(request) });
 */
export function createCredytProxy<Ctx = FetchContext>(options: CredytProxyOptions<Ctx>): CredytProxyHandler<Ctx> {
  const config = resolveConfig(options);
  const api = endpoints({
    apiKey: config.apiKey,
    apiUrl: config.apiUrl,
    timeoutMs: config.timeoutMs,
    fetch: config.fetch,
    guard: new UpstreamGuard(config.circuitBreaker),
  });
  const log = createDevLog();
  const customerRef = customerRefs(config.apiKey);
  const redact = (text: string) => text.split(config.apiKey).join("[redacted]");
  const streams = resolveStreamConfig(options.streams);
  const hub: WalletHub = new WalletHub(
    streams ?? (resolveStreamConfig({}) as StreamConfig),
    async (customerId) => (await api.getWallet(customerId, crypto.randomUUID())).text,
    (open) => trackHub(config.apiUrl, config.apiKey, hub, open),
  );
  const live = streams ? { hub, config: streams } : undefined;

  async function emit(event: CredytProxyEvent): Promise<void> {
    if (!config.onEvent) return;
    try {
      await config.onEvent(event);
    } catch (error) {
      // An audit hook must never change what the customer gets; its own failure is its owner's to log.
      void error;
    }
  }

  async function credytProxy(request: Request, ctx?: Ctx): Promise<Response> {
    const requestId = requestIdFrom(request.headers);
    let path = "";
    let customerId: string | null = null;
    try {
      const url = new URL(request.url);
      path = url.pathname.startsWith(config.basePath) ? url.pathname.slice(config.basePath.length) : url.pathname;
      const segments = segmentsOf(url.pathname, config.basePath);
      const origin = selfOrigin(url, request.headers, config);
      if (config.publicOrigin === undefined) {
        log.once(
          "host-origin",
          `No \`publicOrigin\` is set, so this site's origin is taken from the request (${origin}${config.trustProxy ? ", from X-Forwarded-* headers" : ", from its Host header"}). That is fine in development; in production it is refused at start-up: set \`publicOrigin: "https://your-app.example"\`.`,
        );
      }
      try {
        checkRequestOrigin(request.headers, origin, config.allowedOrigins);
      } catch (error) {
        explainOrigin(log, request.headers.get("origin") ?? "", origin, config.publicOrigin !== undefined);
        throw error;
      }
      rejectBrowserCustomer(url, request.headers, segments);
      const route = matchRoute<Ctx>(segments, live);
      if (!route) throw notFound();
      if (request.method !== route.method) throw new MethodNotAllowed(route.method);

      const context = ctx ?? ({ request } as Ctx);
      let id: string | null | undefined;
      try {
        id = await config.getCustomerId(context);
      } catch (cause) {
        throw new CredytError("internal", "Could not identify the customer.", { cause });
      }
      if (id === null || id === undefined || id === "") {
        log.once(
          "no-customer",
          `getCustomerId(ctx) returned ${id === "" ? '""' : String(id)} for ${request.method} ${path}, so the proxy answered 401 (nobody signed in). If a user is signed in, make sure your session middleware runs before the proxy and that getCustomerId reads it, e.g. \`getCustomerId: ({ req }) => req.session.credytCustomerId ?? null\`.`,
        );
        throw new CredytError("unauthorized", "Sign in to see your billing.");
      }
      if (typeof id !== "string" || !CUSTOMER_ID_PATTERN.test(id)) {
        throw new CredytError("internal", "Could not identify the customer.", {
          cause: new Error("getCustomerId(ctx) must return a Credyt customer id such as cust_…, or null"),
        });
      }
      customerId = id;
      const response = await route.run({
        request,
        ctx: context,
        url,
        origin,
        customerId: id,
        requestId,
        config,
        api,
        emit,
        log,
      });
      // Every answer for a known customer says, opaquely, whom it is for (docs/protocol.md): the browser drops cached data of anyone else.
      return withCustomerRef(response, await customerRef(id));
    } catch (thrown) {
      if (thrown instanceof ClientClosedRequest) {
        await emit({ type: "request.aborted", requestId, method: request.method, path, customerId, status: 499 });
        // Nobody reads this answer; it only ends the exchange for the framework.
        return new Response(null, { status: 499, headers: { "Cache-Control": "no-store", "X-Request-Id": requestId } });
      }
      const error = isCredytError(thrown) ? thrown : internalError(thrown);
      const cause = error.cause instanceof Error ? error.cause.message : undefined;
      await emit({
        type: "request.rejected",
        requestId,
        method: request.method,
        path,
        customerId,
        status: error.status,
        code: error.code,
        reason: redact(cause ? `${error.message} (${cause})` : error.message),
      });
      return errorResponse(error, requestId, error instanceof MethodNotAllowed ? { Allow: error.allow } : {});
    }
  }
  return Object.assign(credytProxy, {
    notify: (customerId: string) => hub.notify(customerId),
    streamStats: () => ({ ...hub.stats }),
  });
}
