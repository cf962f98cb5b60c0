import { toHex } from "@credyt/core";
import { Hono } from "hono";
import type { Ctx } from "./context";
import { DEFAULT_SEED } from "./default-seed";
import { faultResponse, releaseHanging, takeFault } from "./faults";
import { problem } from "./http";
import { randomId } from "./ids";
import { sweepExpired, TOP_UP_TTL_MS } from "./ops";
import { pageRoutes } from "./pages/routes";
import { resolveReadings, withTimestampDigits } from "./readings";
import { RouteTable } from "./router";
import { adminRoutes } from "./routes/admin";
import { assetRoutes } from "./routes/assets";
import { customerRoutes } from "./routes/customers";
import { eventRoutes } from "./routes/events";
import { portalSessionRoutes } from "./routes/portal-sessions";
import { topUpRoutes } from "./routes/top-ups";
import { walletRoutes } from "./routes/wallet";
import { storeFromSeed } from "./seed";
import { cloneStore, reviveStore, type Store } from "./state";
import { indexOf } from "./store-index";
import type { Emulator, EmulatorOptions, FaultRule } from "./types";
import { accountToApi, customerToApi, topUpToApi } from "./wire";

/** The API key every emulator accepts unless `apiKeys` says otherwise. */
export const DEFAULT_API_KEY = "key_test_emulator";

const PAGE_PATHS = /^\/(api\/sign-in|checkout|portal)(\/|$)/;

/**
 * Create an in-memory Credyt API emulator: a `(Request) => Promise<Response>` handler with Credyt's
 * customers, wallets, adjustments, top-ups, billing portal sessions, assets and usage events, plus hosted
 * checkout and portal pages. Runs on any Fetch runtime.
 *
 * @example
 * ```ts
 * import { createEmulator, DEMO_CUSTOMER_ID } from "@credyt/emulator";
 * const emulator = createEmulator();
 * const res = await emulator.fetch(new Request(`http://emulator/customers/${DEMO_CUSTOMER_ID}/wallet`, {
 *   headers: { "X-CREDYT-API-KEY": emulator.apiKey },
 * }));
 * ```
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const ttl = options.topUpTtlMs;
  if (ttl !== undefined && !(Number.isSafeInteger(ttl) && ttl > 0)) {
    throw new TypeError(
      `createEmulator: topUpTtlMs must be a positive whole number of milliseconds; got ${String(ttl)}.`,
    );
  }
  const baseNow = options.now ?? (() => new Date());
  const id = options.ids ?? randomId;
  const apiKeys = options.apiKeys?.length ? [...options.apiKeys] : [DEFAULT_API_KEY];
  const seedInput =
    options.seed === undefined || options.seed === "default"
      ? DEFAULT_SEED
      : options.seed === "empty"
        ? {}
        : options.seed;
  const initial = storeFromSeed(seedInput, baseNow(), id);
  const secretBytes = options.state ? hexToBytes(options.state.secret) : crypto.getRandomValues(new Uint8Array(32));
  const startStore: Store = options.state ? reviveState(options.state.store) : cloneStore(initial);

  const basePath = publicBasePath(options.publicUrl);
  const ctx: Ctx = {
    store: startStore,
    initial,
    now: () => new Date(baseNow().getTime() + ctx.store.clockOffsetMs),
    id,
    secret: secretBytes,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    basePath,
    apiKeys,
    admin: options.admin ?? false,
    readings: resolveReadings(options.readings, options.exchangeRateOverride),
    topUpTtlMs: options.topUpTtlMs ?? TOP_UP_TTL_MS,
    faults: [] as FaultRule[],
    changed: () => options.onChange?.(),
  };

  const reset = () => {
    ctx.store = cloneStore(initial);
    ctx.faults.length = 0;
    releaseHanging(ctx);
    ctx.changed();
  };

  const app = new Hono();
  const routes = new RouteTable(app);

  app.use("*", async (c, next) => {
    const path = c.req.path;
    const isAdmin = path.startsWith("/__emulator/");
    if (!isAdmin) {
      const fault = takeFault(ctx, c.req.method, path);
      if (fault) {
        const response = await faultResponse(fault, ctx, c.req.raw.signal);
        if (response) return response;
      }
    }
    sweepExpired(ctx);
    if (!isAdmin && !PAGE_PATHS.test(path)) {
      const key = c.req.header("x-credyt-api-key");
      if (!key || !apiKeys.includes(key)) return new Response(null, { status: 401 });
    }
    await next();
    if (!isAdmin && !PAGE_PATHS.test(path)) c.res = await asRead(c.res, ctx);
  });

  if (ctx.admin) adminRoutes(routes, ctx, reset);
  pageRoutes(routes, ctx);
  customerRoutes(routes, ctx);
  walletRoutes(routes, ctx);
  topUpRoutes(routes, ctx);
  portalSessionRoutes(routes, ctx);
  assetRoutes(routes, ctx);
  eventRoutes(routes, ctx);

  app.notFound((c) => {
    const allowed = routes.allowed(c.req.path);
    if (allowed.length) {
      return problem(405, `Use ${allowed.join(" or ")} for ${c.req.path}.`, { headers: { allow: allowed.join(", ") } });
    }
    return problem(404, `No route for ${c.req.method} ${c.req.path}.`);
  });
  // A bug must never surface as a bare stack trace; Credyt would answer with a problem body too.
  app.onError((error) => problem(500, error instanceof Error ? error.message : String(error)));

  return {
    fetch: async (request) => app.fetch(withoutBasePath(request, basePath)),
    reset,
    apiKey: apiKeys[0] as string,
    now: () => ctx.now(),
    getTopUp: (topUpId) => {
      const t = indexOf(ctx.store).topUps.get(topUpId);
      return t ? topUpToApi(t, undefined) : undefined;
    },
    listTopUps: () => ctx.store.topUps.map((t) => topUpToApi(t, undefined)),
    getCustomer: (customerId) => {
      const c = ctx.store.customers.find((x) => x.id === customerId);
      return c ? customerToApi(c) : undefined;
    },
    getAccount: (customerId, accountIdValue) => {
      const c = ctx.store.customers.find((x) => x.id === customerId);
      const a = c?.accounts.find((x) => `${x.name}:${x.asset}`.toLowerCase() === accountIdValue.toLowerCase());
      return a ? accountToApi(a) : undefined;
    },
    snapshot: () => ({ version: 1, secret: toHex(ctx.secret), store: JSON.parse(JSON.stringify(ctx.store)) }),
  };
}

/** An API answer as the readings print it: error content type and timestamp digits. */
async function asRead(response: Response, ctx: Ctx): Promise<Response> {
  const type = response.headers.get("content-type") ?? "";
  const { errorContentType, timestampDigits } = ctx.readings;
  const isProblem = type.startsWith("application/problem+json");
  const retype = errorContentType === "json" && isProblem;
  const redigit = timestampDigits !== 7 && (type.startsWith("application/json") || isProblem);
  if (!retype && !redigit) return response;
  const headers = new Headers(response.headers);
  if (retype) headers.set("content-type", "application/json; charset=utf-8");
  if (!redigit) return new Response(response.body, { status: response.status, headers });
  const text = withTimestampDigits(await response.text(), timestampDigits);
  headers.delete("content-length");
  return new Response(text, { status: response.status, headers });
}

/** The path part of `publicUrl` (`/__credyt`), `""` for none; a fix-it error for a URL that is not one. */
function publicBasePath(publicUrl: string | undefined): string {
  if (!publicUrl) return "";
  let url: URL | undefined;
  try {
    url = new URL(publicUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash) {
    throw new TypeError(
      `createEmulator: \`publicUrl\` must be an http(s) URL without query or hash, such as "http://localhost:4010" or "http://localhost:5173/__credyt"; got ${JSON.stringify(publicUrl)}.`,
    );
  }
  return url.pathname.replace(/\/+$/, "");
}

/** A request under the public base path, as the routes (which know no prefix) expect it. */
function withoutBasePath(request: Request, basePath: string): Request {
  if (!basePath) return request;
  const url = new URL(request.url);
  if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return request;
  url.pathname = url.pathname.slice(basePath.length) || "/";
  return new Request(url, request);
}

function reviveState(raw: unknown): Store {
  try {
    return reviveStore(raw);
  } catch (error) {
    throw new Error(`Invalid emulator state: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function hexToBytes(value: string): Uint8Array {
  const pairs = value.match(/[0-9a-f]{2}/gi) ?? [];
  return new Uint8Array(pairs.map((p) => Number.parseInt(p, 16)));
}
