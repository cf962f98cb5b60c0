import type { IncomingMessage, ServerResponse } from "node:http";
import { CredytError, isCredytError, PROXY_DEADLINE_MS } from "@credyt/core";
import { DEFAULT_BASE_PATH, type ResolvedConfig, resolveConfig } from "./config";
import { configBody } from "./config-top-ups";
import { afterDispatch, customerRefs, withCustomerRef } from "./customer-ref";
import { type CustomerDirectory, checkIdentity, customerDirectory } from "./customers";
import { createDevLog, type DevLog } from "./dev-log";
import { endpoints } from "./endpoints";
import type { Exchange } from "./exchange";
import { UpstreamGuard } from "./guard";
import { createPortalSession, createTopUp, getAccount, getWallet } from "./handlers";
import { forgetReads } from "./merge-reads";
import { fetchUrl, type NodeRequest, toFetchRequest, writeInternalError, writeResponse } from "./node-request";
import { CUSTOMER_ID_PATTERN } from "./patterns";
import { ClientClosedRequest } from "./read-body";
import { reportingFanout, reportingIdempotency, reportingRateLimit } from "./reporting-stores";
import { errorResponse, internalError, jsonText, MethodNotAllowed, requestIdFrom, storedError } from "./respond";
import { checkRequestOrigin, explainOrigin, rejectBrowserCustomer, selfOrigin } from "./security";
import { apiFor } from "./server-api";
import { resolveStreamConfig, type StreamConfig } from "./stream-config";
import type {
  Credyt,
  CredytOptions,
  CredytProxyEvent,
  CredytServerApi,
  CustomerRef,
  FetchContext,
  RouteInfo,
} from "./types";
import { UpstreamBudget } from "./upstream-budget";
import { getQuote, getUsage, getUsageSummary, summaryKeyPrefix } from "./usage-handlers";
import { WalletHub } from "./wallet-hub";
import { streamWallet } from "./wallet-stream";

type Route<Ctx> = {
  method: "GET" | "POST";
  /** Routes that need no customer (the public `/config`). */
  anonymous?: boolean;
  /** The live stream: its answer is handed over as soon as it opens. */
  stream?: boolean;
  run: (x: Exchange<Ctx>) => Promise<Response>;
};

/** The protocol's routes and nothing else: an allowlist. */
function matchRoute<Ctx>(
  segments: string[],
  live: { hub: WalletHub; config: StreamConfig } | undefined,
  config: () => string,
): Route<Ctx> | undefined {
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (first === "config" && second === undefined)
    return { method: "GET", anonymous: true, run: async (x) => jsonText(200, config(), x.requestId) };
  if (first === "wallet" && second === "stream")
    return live ? { method: "GET", stream: true, run: (x) => streamWallet(x, live.hub, live.config) } : undefined;
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
    "No such route. The proxy serves /config, /wallet, /wallet/stream, /wallet/{accountId}, /top-ups, /billing-portal/sessions, /usage, /usage/summary and /quote.",
  );
}

/** Splits the path inside `basePath` into decoded segments, or throws 404 when outside it. */
function segmentsOf(pathname: string, basePath: string): string[] {
  if (!pathname.startsWith(`${basePath}/`)) throw notFound();
  return decodeSegments(pathname.slice(basePath.length + 1));
}

function decodeSegments(path: string): string[] {
  try {
    return path.split("/").map((segment) => decodeURIComponent(segment));
  } catch {
    throw notFound();
  }
}

/** The segments an adapter passed (`["wallet"]` from Next, `"/wallet"` from a mount). */
function routeSegments(path: string[] | string): string[] {
  if (Array.isArray(path)) return path.length === 0 ? [""] : path.map(String);
  return decodeSegments(path.replace(/^\/+/, ""));
}

/** Everything built from the options, on first use. */
interface State<Ctx> {
  config: ResolvedConfig<Ctx>;
  api: ReturnType<typeof endpoints>;
  hub: WalletHub;
  live: { hub: WalletHub; config: StreamConfig } | undefined;
  directory: CustomerDirectory;
  log: DevLog;
  configText: string;
  emit(event: CredytProxyEvent): Promise<void>;
}

/** Options `createCredyt` and the older `createCredytProxy` share, with the older names. */
export interface CoreOptions<Ctx> extends Omit<CredytOptions<Ctx>, "rateLimit"> {
  publicOrigin?: string;
  idempotencyStore?: unknown;
  rateLimit?: unknown;
  getRateLimit?: unknown;
}

/**
 * Builds an instance. Its live streams are reached through the instance only (`notify`, or the shared
 * store's fan-out): there is no registry of instances in the process.
 */
export function createInstance<Ctx>(options: CoreOptions<Ctx>, factory: string, eager = false): Credyt<Ctx> {
  // The older `createCredytProxy` checks its options at creation, as it always did.
  let built: State<Ctx> | undefined = eager
    ? build(options as Parameters<typeof resolveConfig<Ctx>>[0], factory)
    : undefined;
  let broken: Error | undefined;
  let customerRef: ((customerId: string) => string | Promise<string>) | undefined;
  // The options are read on first use, not here: `next build` imports route files without runtime secrets.
  const state = (): State<Ctx> => {
    if (built) return built;
    if (broken) throw broken;
    try {
      built = build(options as Parameters<typeof resolveConfig<Ctx>>[0], factory);
    } catch (error) {
      broken = error as Error;
      // A configuration error is for the developer and the operator alike: always in the log, once.
      console.error(`[@credyt/proxy] ${broken.message}`);
      throw broken;
    }
    return built;
  };

  async function handle(request: Request, route: RouteInfo<Ctx>): Promise<Response> {
    const requestId = requestIdFrom(request.headers);
    let s: State<Ctx>;
    try {
      s = state();
    } catch (error) {
      return errorResponse(internalError(error), requestId);
    }
    const { config, log, emit } = s;
    let path = "";
    let customerId: string | null = null;
    try {
      const url = new URL(request.url);
      let segments: string[];
      if (route.path !== undefined) {
        segments = routeSegments(route.path);
        path = `/${segments.join("/")}`;
      } else {
        path = url.pathname.startsWith(config.basePath) ? url.pathname.slice(config.basePath.length) : url.pathname;
        segments = segmentsOf(url.pathname, config.basePath);
      }
      const origin = selfOrigin(url, request.headers, config);
      if (config.publicOrigin === undefined) {
        log.once(
          "host-origin",
          `No \`origin\` is set, so this site's origin is taken from the request (${origin}${config.trustProxy ? ", from X-Forwarded-* headers" : ", from its Host header"}). That is fine in development; anywhere else \`origin\` is required.`,
        );
      }
      // Without `origin` (development only) and with `Host` deciding, the URL the runtime handed over
      // counts as this site too (Next's `localhost` beside the browser's `127.0.0.1`).
      const allowed =
        config.publicOrigin === undefined && !config.trustProxy && url.origin !== origin
          ? new Set([...config.allowedOrigins, url.origin])
          : config.allowedOrigins;
      try {
        checkRequestOrigin(request.headers, origin, allowed);
      } catch (error) {
        explainOrigin(log, request.headers.get("origin") ?? "", origin, config.publicOrigin !== undefined);
        throw error;
      }
      const matched = matchRoute<Ctx>(segments, s.live, () => s.configText);
      if (!matched) throw notFound();
      rejectBrowserCustomer(url, request.headers, segments);
      if (request.method !== matched.method) throw new MethodNotAllowed(matched.method);

      const context = route.ctx ?? ({ request } as Ctx);
      const exchange = { request, ctx: context, url, origin, requestId, config, api: s.api, emit, log };
      if (matched.anonymous) return await matched.run({ ...exchange, customerId: "" });
      // The customer lookup, Credyt's calls and their retries all fit in PROXY_DEADLINE_MS, which the
      // browser client's timeout is derived from: the browser gets this answer, never gives up first.
      return await beforeDeadline(async () => {
        const id = await identifyCustomer(s, context, request.method, path, requestId, request.signal);
        customerId = id;
        // Every answer for a known customer says, opaquely, whom it is for (docs/protocol.md): the browser
        // drops cached data of anyone else. For a live stream, worked out before the route runs, so the
        // stream is handed over as soon as it opens (nothing queues unread while the reference is computed);
        // for any other route, once its upstream call went out, overlapping Credyt's wait.
        customerRef ??= customerRefs(config.apiKey);
        const refOf = customerRef;
        if (matched.stream) {
          const ref = await refOf(id);
          return withCustomerRef(await matched.run({ ...exchange, customerId: id }), ref);
        }
        const [response, ref] = await Promise.all([
          matched.run({ ...exchange, customerId: id }),
          afterDispatch(() => refOf(id)),
        ]);
        return withCustomerRef(response, ref);
      });
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
        reason: redact(config.apiKey, cause ? `${error.message} (${cause})` : error.message),
      });
      return errorResponse(error, requestId, error instanceof MethodNotAllowed ? { Allow: error.allow } : {});
    }
  }

  const basePath = () => {
    const raw = typeof options.basePath === "string" ? options.basePath : DEFAULT_BASE_PATH;
    return raw.replace(/\/+$/, "");
  };

  function node<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>() {
    return (req: Req, res: Res, next?: (error?: unknown) => void): void => {
      const url = fetchUrl(req as NodeRequest, basePath());
      if (url === null && next) {
        next();
        return;
      }
      // Inside the chain, so a body the app's parser left unreadable is answered, not thrown at Node.
      Promise.resolve()
        .then(() => {
          const request = toFetchRequest(req as NodeRequest, url ?? `http://localhost${basePath()}/`, res);
          return handle(request, { ctx: { request, req, res } as Ctx });
        })
        .then((response) => writeResponse(response, res))
        .catch((error: unknown) => {
          if (next) next(error);
          else writeInternalError(req, res, error);
        });
    };
  }

  function nodeErrors() {
    return (error: unknown, req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
      const type = (error as { type?: unknown } | null)?.type;
      const mapped =
        type === "entity.parse.failed"
          ? new CredytError("bad_request", "The body is not valid JSON.", { cause: error })
          : type === "entity.too.large"
            ? new CredytError("payload_too_large", "The body is too large.", { cause: error })
            : type === "encoding.unsupported" || type === "charset.unsupported"
              ? new CredytError("unsupported_media_type", "Send the body as UTF-8 JSON.", { cause: error })
              : undefined;
      if (!mapped || res.headersSent) {
        next(error);
        return;
      }
      const stored = storedError(mapped);
      const requestId = requestIdFrom(new Headers({ "x-request-id": String(req.headers["x-request-id"] ?? "") }));
      res.writeHead(stored.status, {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Request-Id": requestId,
      });
      res.end(stored.body);
    };
  }

  async function customerIdOf(customer: CustomerRef): Promise<string | null> {
    if (typeof customer === "string") return customer;
    if (typeof customer !== "object" || customer === null || typeof customer.externalId !== "string")
      throw new TypeError('notify(customer) expects a Credyt customer id ("cust_…") or { externalId }.');
    return state().directory.find(customer.externalId);
  }

  const api = lazyApi(() => {
    const s = state();
    return apiFor(s.api, s.directory, (id) => s.hub.notify(id));
  });

  return {
    fetch: (request, ctx) => handle(request, ctx === undefined ? {} : { ctx }),
    handle,
    node,
    nodeErrors,
    async notify(customer) {
      const id = await customerIdOf(customer);
      if (id === null) return; // Credyt has no such customer yet: nobody can be watching its wallet.
      const current = state();
      // Their usage changed: a summary kept from before the change must not answer the next read.
      forgetReads(current.api, summaryKeyPrefix(id));
      await current.hub.notify(id);
    },
    api,
    streamStats: () => ({ ...state().hub.stats }),
  };
}

/**
 * Runs `work`, or fails with 504 `upstream_timeout` once {@link PROXY_DEADLINE_MS} has passed. Work still
 * running then (a retry, a late answer) finishes unobserved; its answer has nobody left to go to.
 */
function beforeDeadline(work: () => Promise<Response>): Promise<Response> {
  // One promise and one timer: no race, no second promise per request (this is every request's path).
  return new Promise<Response>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new CredytError("upstream_timeout", "The billing service took too long to answer.", {
            cause: new Error(`no answer within the proxy's deadline of ${PROXY_DEADLINE_MS} ms`),
          }),
        ),
      PROXY_DEADLINE_MS,
    );
    work().then(
      (response) => {
        clearTimeout(timer);
        resolve(response);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * A task boundary before any work: frameworks that prerender in stages (Next 16's Cache Components) count
 * reading the clock (the rate limits and caches behind every call) as prerendering until a later task,
 * and log an error per page view for it. After one `setTimeout`, a server component's call is request work.
 */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** `credyt.api` with every method resolving the options on first call (so importing never throws). */
function lazyApi(make: () => CredytServerApi): CredytServerApi {
  let api: CredytServerApi | undefined;
  const get = async () => {
    await nextTask();
    api ??= make();
    return api;
  };
  // Async, so a configuration error is a rejected promise like any other failure, never a sync throw.
  return {
    getWallet: async (customerId) => (await get()).getWallet(customerId),
    getAccount: async (customerId, accountId) => (await get()).getAccount(customerId, accountId),
    createTopUp: async (body) => (await get()).createTopUp(body),
    createBillingPortalSession: async (body) => (await get()).createBillingPortalSession(body),
    notify: async (customerId) => (await get()).notify(customerId),
    customers: {
      getOrCreate: async (externalId, details) => (await get()).customers.getOrCreate(externalId, details),
      find: async (externalId) => (await get()).customers.find(externalId),
      getWallet: async (externalId, details) => (await get()).customers.getWallet(externalId, details),
    },
  };
}

function redact(apiKey: string, text: string): string {
  return text.split(apiKey).join("[redacted]");
}

function build<Ctx>(options: Parameters<typeof resolveConfig<Ctx>>[0], factory: string): State<Ctx> {
  const resolved = resolveConfig<Ctx>(options, factory);
  // Set below, once the event hook exists; the stores report through it from their first call.
  let storeError: (operation: string, error: unknown) => void = () => {};
  const onStoreError = (operation: string, error: unknown) => storeError(operation, error);
  const watchLimit = (limit: ResolvedConfig<Ctx>["rateLimit"]) =>
    limit && { ...limit, store: reportingRateLimit(limit.store, onStoreError) };
  const config: ResolvedConfig<Ctx> = {
    ...resolved,
    idempotencyStore: reportingIdempotency(resolved.idempotencyStore, onStoreError),
    rateLimit: watchLimit(resolved.rateLimit),
    getRateLimit: watchLimit(resolved.getRateLimit),
    upstreamBudget: watchLimit(resolved.upstreamBudget),
  };
  const access = {
    apiKey: config.apiKey,
    apiUrl: config.apiUrl,
    timeoutMs: config.timeoutMs,
    fetch: config.fetch,
    guard: new UpstreamGuard(config.circuitBreaker),
    budget: config.upstreamBudget ? new UpstreamBudget(config.upstreamBudget) : undefined,
  };
  const api = endpoints(access);
  const log = createDevLog(config.dev);
  const streams = resolveStreamConfig(options.streams, config.store.fanout);
  if (streams?.fanout) streams.fanout = reportingFanout(streams.fanout, onStoreError);
  const hub: WalletHub = new WalletHub(
    streams ?? (resolveStreamConfig({}, config.store.fanout) as StreamConfig),
    async (customerId) => (await api.getWallet(customerId, crypto.randomUUID())).text,
  );
  const live = streams ? { hub, config: streams } : undefined;

  async function report(event: CredytProxyEvent): Promise<void> {
    if (config.auditLog) log.audit(auditLine(event));
    if (!config.onEvent) return;
    try {
      await config.onEvent(event);
    } catch (error) {
      // An audit hook must never change what the customer gets; its failure is still nobody's secret.
      log.always(`onEvent threw for a ${event.type} event: ${redact(config.apiKey, messageOf(error))}`);
    }
  }

  storeError = (operation, error) => {
    const message = redact(config.apiKey, messageOf(error));
    // Reported, never awaited: the request goes on as well as it can without the store.
    void report({ type: "store_error", requestId: crypto.randomUUID(), operation, message });
  };

  // The raw store: the directory reports its own failures under `customers.*`.
  const directory = customerDirectory(access, {
    store: resolved.idempotencyStore,
    products: config.products,
    onStoreError,
  });

  return {
    config,
    api,
    hub,
    live,
    directory,
    log,
    configText: configBody(config as unknown as Parameters<typeof configBody>[0], live !== undefined),
    emit: report,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line per refused or money-moving request, for the development log. */
function auditLine(event: CredytProxyEvent): string {
  switch (event.type) {
    case "top_up.created":
      return `top-up ${event.topUpId} created: ${event.amount} ${event.currency} → ${event.asset} for ${event.customerId} (${event.requestId})`;
    case "portal_session.created":
      return `portal session created for ${event.customerId} (${event.requestId})`;
    case "request.rejected":
      return `${event.status} ${event.code} ${event.method} ${event.path}${event.customerId ? ` for ${event.customerId}` : ""}: ${event.reason} (${event.requestId})`;
    case "request.aborted":
      return `499 ${event.method} ${event.path}: the client went away (${event.requestId})`;
    case "store_error":
      return `store error (${event.operation}): ${event.message} (${event.requestId})`;
  }
}

/** Resolves the signed-in customer: `getCustomerId`, or `identify` then the customer directory. */
async function identifyCustomer<Ctx>(
  s: State<Ctx>,
  context: Ctx,
  method: string,
  path: string,
  requestId: string,
  hostSignal: AbortSignal,
): Promise<string> {
  const { config, log } = s;
  if (config.identify) {
    let identity: unknown;
    try {
      identity = await config.identify(context);
    } catch (cause) {
      throw new CredytError("internal", "Could not identify the customer.", { cause });
    }
    if (identity === null || identity === undefined) {
      log.once(
        "no-customer",
        `identify(ctx) returned ${String(identity)} for ${method} ${path}, so the proxy answered 401 (nobody signed in). If a user is signed in, make sure your session middleware runs before the proxy and that identify reads it.`,
      );
      throw new CredytError("unauthorized", "Sign in to see your billing.");
    }
    return s.directory.getOrCreate(checkIdentity(identity), requestId, hostSignal);
  }
  let id: string | null | undefined;
  try {
    id = await (config.getCustomerId as NonNullable<typeof config.getCustomerId>)(context);
  } catch (cause) {
    throw new CredytError("internal", "Could not identify the customer.", { cause });
  }
  if (id === null || id === undefined || id === "") {
    log.once(
      "no-customer",
      `getCustomerId(ctx) returned ${id === "" ? '""' : String(id)} for ${method} ${path}, so the proxy answered 401 (nobody signed in). If a user is signed in, make sure your session middleware runs before the proxy and that getCustomerId reads it, e.g. \`getCustomerId: ({ req }) => req.session.credytCustomerId ?? null\`.`,
    );
    throw new CredytError("unauthorized", "Sign in to see your billing.");
  }
  if (typeof id !== "string" || !CUSTOMER_ID_PATTERN.test(id)) {
    throw new CredytError("internal", "Could not identify the customer.", {
      cause: new Error(
        "getCustomerId(ctx) must return a Credyt customer id such as cust_…, or null (use identify(ctx) to map your own user ids)",
      ),
    });
  }
  return id;
}

/**
 * Creates the Credyt instance: configured once, mounted by thin adapters (`credyt.fetch`,
 * `credyt.node()`, `toNextRoute(credyt)`, `toHonoHandler(credyt)`), with `credyt.notify` and
 * `credyt.api` for server code. Options are checked on first use: a build without runtime secrets
 * imports it without error, and the first request or call reports what to fix.
 *
 * @example
 * import { createCredyt } from "@credyt/proxy";
 *
 * export const credyt = createCredyt({
 *   apiKey: process.env.CREDYT_API_KEY!,
 *   origin: process.env.PUBLIC_ORIGIN, // https://app.example.com
 *   identify: async ({ request }) => {
 *     const user = await getUser(request);
 *     return user ? { externalId: user.id, email: user.email } : null;
 *   },
 *   topUps: { currencies: { USD: { min: 5, max: 500 } } },
 * });
 *
 * Bun.serve({ fetch: (request) => credyt.fetch(request) });
 */
export function createCredyt<Ctx = FetchContext>(options: CredytOptions<Ctx>): Credyt<Ctx> {
  return createInstance<Ctx>(options, "createCredyt");
}
