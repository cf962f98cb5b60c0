import { PROXY_DEADLINE_MS } from "@credyt/core";
import { checkMethods, checkMilliseconds, fail, hasControlCharacters, optionFailure, show } from "./config-checks";
import {
  type ResolvedRateLimit,
  resolveCircuitBreaker,
  resolveRateLimits,
  resolveUpstreamBudget,
} from "./config-limits";
import { type ResolvedCurrency, type ResolvedTopUps, resolveTopUps } from "./config-top-ups";
import { isObject } from "./is-object";
import { createMemoryStore } from "./memory-store";
import type { IdempotencyStore } from "./stores";
import type {
  CredytOptions,
  CredytProxyEvent,
  CredytProxyOptions,
  CredytStore,
  CustomerProduct,
  Identity,
} from "./types";

export { checkMilliseconds, hasControlCharacters } from "./config-checks";
export { DEFAULT_BREAKER, type ResolvedRateLimit } from "./config-limits";

export const DEFAULT_API_URL = "https://api.credyt.ai";
export const DEFAULT_BASE_PATH = "/api/credyt";
export const DEFAULT_TIMEOUT_MS = 10_000;

type MaybePromise<T> = T | Promise<T>;

export interface ResolvedConfig<Ctx> {
  apiKey: string;
  apiUrl: string;
  basePath: string;
  /** Development: Host-derived origin allowed, refusals explained. */
  dev: boolean;
  /** One log line per refused or money-moving request. */
  auditLog: boolean;
  getCustomerId: ((ctx: Ctx) => MaybePromise<string | null | undefined>) | undefined;
  identify: ((ctx: Ctx) => MaybePromise<Identity | null | undefined>) | undefined;
  products: CustomerProduct[];
  returnUrl: string;
  failureUrl: string | undefined;
  allowedOrigins: Set<string>;
  publicOrigin: string | undefined;
  trustProxy: boolean;
  currencies: Map<string, ResolvedCurrency>;
  assets: Set<string>;
  accountNames: Set<string>;
  exchangeRate: ResolvedTopUps<Ctx>["exchangeRate"];
  timeoutMs: number;
  fetch: typeof fetch | undefined;
  onEvent: ((event: CredytProxyEvent) => void | Promise<void>) | undefined;
  store: CredytStore;
  idempotencyStore: IdempotencyStore;
  /** The POST (writes) limit, or undefined when off. */
  rateLimit: ResolvedRateLimit | undefined;
  /** The GET (reads) limit, or undefined when off. */
  getRateLimit: ResolvedRateLimit | undefined;
  circuitBreaker: { threshold: number; cooldownMs: number } | undefined;
  upstreamBudget: ResolvedRateLimit | undefined;
}

/** Checks `apiKey`/`apiUrl`; shared with `createCredytApi`. */
export function resolveApiAccess(options: { apiKey?: unknown; apiUrl?: unknown }, name: string) {
  const fix = optionFailure(name);
  if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
    fix("`apiKey` is missing. Pass your Credyt secret key, e.g. `apiKey: process.env.CREDYT_API_KEY`.");
  }
  const apiKey = (options.apiKey as string).trim();
  if (/\s/.test(apiKey) || hasControlCharacters(apiKey))
    fix("`apiKey` contains whitespace or control characters; copy it again.");
  const rawUrl = options.apiUrl ?? DEFAULT_API_URL;
  let url: URL | undefined;
  try {
    url = new URL(String(rawUrl));
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    fix(`\`apiUrl\` must be an http(s) URL without query, hash or credentials, such as "${DEFAULT_API_URL}".`);
  }
  return { apiKey, apiUrl: (url as URL).href.replace(/\/+$/, "") };
}

function checkUrlOption(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "")
    fail(`\`${name}\` must be an absolute URL or a path starting with "/".`);
  // The same rules as for a URL the browser suggests, or every top-up would be refused with 422 later.
  if (value.length > 2048 || /[\\\s]/.test(value) || hasControlCharacters(value))
    fail(`\`${name}\` must be a URL of at most 2048 characters without spaces, backslashes or control characters.`);
  if (value.startsWith("/") && !value.startsWith("//")) return value;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    fail(`\`${name}\` must be an absolute http(s) URL or a path starting with "/", got "${value}".`);
  }
  if (url.username || url.password) fail(`\`${name}\` must not contain a user name or password.`);
  return url.href;
}

/** A bare http(s) origin (`https://app.example.com`, a trailing slash tolerated), or `undefined`. */
function bareOrigin(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  return url.origin === value.replace(/\/$/, "") ? url.origin : undefined;
}

function parseOriginOption(value: unknown): string {
  const origin = bareOrigin(value);
  if (origin === undefined)
    fail(`\`allowedOrigins\` entries must be bare origins such as "https://app.example.com", got ${show(value)}.`);
  return origin;
}

/** True for an origin on this machine: `localhost`, `*.localhost`, 127.0.0.0/8, `[::1]`. */
function isLoopbackOrigin(origin: string): boolean {
  const host = new URL(origin).hostname;
  return host === "localhost" || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}

/** NODE_ENV as the runtime set it, where there is a `process` (undefined on Workers and Deno Deploy). */
function nodeEnv(): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NODE_ENV;
}

function checkStore(value: unknown): CredytStore {
  if (!isObject(value)) fail("`store` must be a store such as createRedisStore({ client, subscriber }).");
  checkMethods(value.idempotency, "store.idempotency", ["claim", "complete", "release"], "createMemoryStore()");
  checkMethods(value.rateLimit, "store.rateLimit", ["hit"], "createMemoryStore()");
  if (value.fanout !== undefined)
    checkMethods(value.fanout, "store.fanout", ["lease", "publish", "subscribe"], "createRedisStore({ … })");
  return value as unknown as CredytStore;
}

function resolveProducts(value: unknown): CustomerProduct[] {
  if (value === undefined) return [];
  if (!isObject(value)) fail(`\`customers\` must be { products?: [...] }, got ${show(value)}.`);
  const products = value.products ?? [];
  if (!Array.isArray(products)) fail('`customers.products` must be a list such as ["starter"].');
  return products.map((product: unknown) => {
    const ref = typeof product === "string" ? { code: product } : product;
    if (!isObject(ref) || typeof ref.code !== "string" || ref.code === "")
      fail(`\`customers.products\` entries must be product codes or { code, version? }, got ${show(product)}.`);
    if (ref.version !== undefined && (typeof ref.version !== "number" || !Number.isInteger(ref.version)))
      fail(`\`customers.products\` version of "${ref.code}" must be an integer.`);
    return ref.version === undefined ? { code: ref.code } : { code: ref.code, version: ref.version as number };
  });
}

/** Every option name `createCredyt` and `createCredytProxy` read. */
type AnyOptions<Ctx> = Omit<CredytOptions<Ctx>, "rateLimit"> &
  Partial<Pick<CredytProxyOptions<Ctx>, "publicOrigin" | "idempotencyStore" | "rateLimit" | "getRateLimit">>;

/**
 * Validates the options with messages that say what to fix. `createCredyt` calls it on first use, so a
 * build without runtime secrets (`next build`) never runs it.
 */
export function resolveConfig<Ctx>(options: AnyOptions<Ctx>, factory = "createCredyt"): ResolvedConfig<Ctx> {
  if (typeof options !== "object" || options === null)
    fail("pass an options object with `apiKey` and `identify` (or `getCustomerId`).");
  const { apiKey, apiUrl } = resolveApiAccess(options, factory);
  const identify = options.identify;
  const getCustomerId = options.getCustomerId;
  if (identify !== undefined && typeof identify !== "function") fail("`identify(ctx)` must be a function.");
  if (getCustomerId !== undefined && typeof getCustomerId !== "function")
    fail("`getCustomerId(ctx)` must be a function.");
  if (identify === undefined && getCustomerId === undefined) {
    fail(
      "`identify(ctx)` is missing. Return the signed-in user as `{ externalId: user.id, email }` (or null), or give `getCustomerId(ctx)` if you store Credyt customer ids.",
    );
  }
  if (identify !== undefined && getCustomerId !== undefined) fail("give `identify` or `getCustomerId`, not both.");
  const rawBasePath: unknown = options.basePath ?? DEFAULT_BASE_PATH;
  const basePath = typeof rawBasePath === "string" ? rawBasePath.replace(/\/+$/, "") : "";
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/.test(basePath) || basePath.includes("//")) {
    fail(`\`basePath\` must be a path such as "${DEFAULT_BASE_PATH}", got ${show(options.basePath)}.`);
  }
  const timeoutMs = checkMilliseconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs", fail);
  if (timeoutMs > PROXY_DEADLINE_MS) {
    fail(
      `\`timeoutMs\` (${timeoutMs}) is longer than the proxy answers a browser request in (PROXY_DEADLINE_MS, ${PROXY_DEADLINE_MS} ms, which the browser client's timeout is derived from): a Credyt call may take at most that.`,
    );
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("`fetch` must be a function.");
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") fail("`onEvent` must be a function.");
  const topUps = resolveTopUps(options.topUps);

  if (options.allowedOrigins !== undefined && !Array.isArray(options.allowedOrigins)) {
    fail(
      `\`allowedOrigins\` must be an array of origins, such as ["https://app.example.com"], got ${show(options.allowedOrigins)}.`,
    );
  }
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map(parseOriginOption));
  const rawOrigin = options.origin ?? options.publicOrigin;
  const name = options.origin !== undefined ? "origin" : "publicOrigin";
  const publicOrigin = rawOrigin === undefined ? undefined : bareOrigin(rawOrigin);
  if (rawOrigin !== undefined && publicOrigin === undefined) {
    fail(
      `\`${name}\` must be your app's public origin, scheme and host only, such as "https://app.example.com", got ${show(rawOrigin)}.`,
    );
  }
  if (options.dev !== undefined && typeof options.dev !== "boolean") fail("`dev` must be true or false.");
  if (options.auditLog !== undefined && typeof options.auditLog !== "boolean")
    fail("`auditLog` must be true or false.");
  const env = nodeEnv();
  const dev =
    options.dev ??
    (publicOrigin !== undefined ? isLoopbackOrigin(publicOrigin) : env === "development" || env === "test");
  if (publicOrigin === undefined && !dev) {
    fail(
      `\`origin\` is required outside development: without it this site's origin would come from the request's Host header, which the client controls. Set it to your app's public origin, e.g. \`origin: "https://app.example.com"\` (or \`origin: process.env.PUBLIC_ORIGIN\`); for local development pass \`dev: true\` or a loopback origin such as "http://localhost:3000".${env === undefined ? "" : ` (NODE_ENV is "${env}".)`}`,
    );
  }
  if (options.trustProxy !== undefined && typeof options.trustProxy !== "boolean") {
    fail("`trustProxy` must be true or false (true only when a proxy you run sets X-Forwarded-Proto/Host).");
  }
  const returnUrl = checkUrlOption(options.returnUrl ?? "/", "returnUrl");
  const failureUrl = options.failureUrl === undefined ? undefined : checkUrlOption(options.failureUrl, "failureUrl");

  const store = options.store === undefined ? createMemoryStore() : checkStore(options.store);
  let idempotencyStore = store.idempotency;
  if (options.idempotencyStore !== undefined) {
    checkMethods(
      options.idempotencyStore,
      "idempotencyStore",
      ["claim", "complete", "release"],
      "new MemoryIdempotencyStore()",
    );
    idempotencyStore = options.idempotencyStore;
  }
  const { reads, writes } = resolveRateLimits(options.rateLimit, options.getRateLimit, store.rateLimit);
  const circuitBreaker = resolveCircuitBreaker(options.circuitBreaker);
  // Counted where the limits count (the legacy `rateLimit.store` too), so instances sharing it share one budget.
  const upstreamBudget = resolveUpstreamBudget(
    options.upstreamBudget,
    writes?.store ?? reads?.store ?? store.rateLimit,
  );

  return {
    apiKey,
    apiUrl,
    basePath,
    dev,
    // Test runners set NODE_ENV=test: their refusals are the point of the tests, not news.
    auditLog: options.auditLog ?? (dev && env !== "test"),
    getCustomerId,
    identify,
    products: resolveProducts(options.customers),
    returnUrl,
    failureUrl,
    allowedOrigins,
    publicOrigin,
    trustProxy: options.trustProxy ?? false,
    ...topUps,
    timeoutMs,
    fetch: options.fetch,
    onEvent: options.onEvent,
    store,
    idempotencyStore,
    rateLimit: writes,
    getRateLimit: reads,
    circuitBreaker,
    upstreamBudget,
  };
}
