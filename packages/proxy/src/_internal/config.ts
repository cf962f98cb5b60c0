import { ASSET_CODE_RULE, currencyDigits, isAssetCode, isCurrencyCode } from "@credyt/core";
import { checkMethods, checkMilliseconds, fail, hasControlCharacters, optionFailure, show } from "./config-checks";
import {
  DEFAULT_GET_RATE_LIMIT,
  DEFAULT_RATE_LIMIT,
  DEFAULT_UPSTREAM_BUDGET,
  type ResolvedRateLimit,
  resolveCircuitBreaker,
  resolveRateLimit,
} from "./config-limits";
import { type Big, formatDecimal, minorUnit, parseDecimal, smallestAmount } from "./decimal";
import { isProduction } from "./dev-log";
import { isObject } from "./is-object";
import { MemoryIdempotencyStore } from "./memory-idempotency-store";
import { ACCOUNT_NAME_PATTERN, ACCOUNT_NAME_RULE } from "./patterns";
import type { IdempotencyStore } from "./stores";
import type { CredytProxyEvent, CredytProxyOptions, ExchangeRateRequest } from "./types";

export { checkMilliseconds, hasControlCharacters } from "./config-checks";
export { DEFAULT_BREAKER, type ResolvedRateLimit } from "./config-limits";

export const DEFAULT_API_URL = "https://api.credyt.ai";
export const DEFAULT_BASE_PATH = "/api/credyt";
export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX = "10000";

export interface ResolvedConfig<Ctx> {
  apiKey: string;
  apiUrl: string;
  basePath: string;
  getCustomerId: CredytProxyOptions<Ctx>["getCustomerId"];
  returnUrl: string;
  failureUrl: string | undefined;
  allowedOrigins: Set<string>;
  publicOrigin: string | undefined;
  trustProxy: boolean;
  currencies: Map<string, { digits: number; min: Big }>;
  assets: Set<string>;
  accountNames: Set<string>;
  min: Big | undefined;
  max: Big;
  exchangeRate:
    | ((ctx: Ctx, topUp: ExchangeRateRequest) => number | undefined | Promise<number | undefined>)
    | undefined;
  timeoutMs: number;
  fetch: typeof fetch | undefined;
  onEvent: ((event: CredytProxyEvent) => void | Promise<void>) | undefined;
  idempotencyStore: IdempotencyStore;
  rateLimit: ResolvedRateLimit | undefined;
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

function amountOption(value: unknown, name: string): Big {
  const parsed = parseDecimal(value);
  // A limit of 0 or less can never be met: top-ups must be above 0.
  if (!parsed || parsed.lte(0))
    fail(`\`topUps.${name}\` must be a positive number or decimal string, such as 5 or "0.50", got ${show(value)}.`);
  return parsed;
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

/** Validates the options once, at creation, with messages that say what to fix. */
export function resolveConfig<Ctx>(options: CredytProxyOptions<Ctx>): ResolvedConfig<Ctx> {
  if (typeof options !== "object" || options === null)
    fail("pass an options object with `apiKey` and `getCustomerId`.");
  const { apiKey, apiUrl } = resolveApiAccess(options, "createCredytProxy");
  if (typeof options.getCustomerId !== "function") {
    fail("`getCustomerId(ctx)` is missing. Return the signed-in customer's Credyt id from your session, or null.");
  }
  const rawBasePath: unknown = options.basePath ?? DEFAULT_BASE_PATH;
  const basePath = typeof rawBasePath === "string" ? rawBasePath.replace(/\/+$/, "") : "";
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/.test(basePath) || basePath.includes("//")) {
    fail(`\`basePath\` must be a path such as "${DEFAULT_BASE_PATH}", got ${show(options.basePath)}.`);
  }
  const timeoutMs = checkMilliseconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs", fail);
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("`fetch` must be a function.");
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") fail("`onEvent` must be a function.");

  if (options.topUps !== undefined && !isObject(options.topUps as unknown))
    fail(
      `\`topUps\` must be an object such as { currencies: ["USD"], min: 5, max: 500 }, got ${show(options.topUps)}.`,
    );
  const topUps = options.topUps ?? {};
  const currencyCodes = topUps.currencies ?? ["USD"];
  if (!Array.isArray(currencyCodes) || currencyCodes.length === 0)
    fail("`topUps.currencies` must list at least one currency code.");
  const currencies = new Map<string, { digits: number; min: Big }>();
  for (const code of currencyCodes) {
    if (typeof code !== "string" || !isCurrencyCode(code)) {
      fail(`\`topUps.currencies\` has an unknown currency code "${String(code)}"; use ISO 4217 codes such as "USD".`);
    }
    const digits = currencyDigits(code);
    currencies.set(code, { digits, min: minorUnit(digits) });
  }
  const assetCodes = topUps.assets ?? [...currencies.keys()];
  if (!Array.isArray(assetCodes) || assetCodes.length === 0)
    fail('`topUps.assets` must list at least one asset code, such as ["USD", "TOK"].');
  for (const code of assetCodes) {
    if (!isAssetCode(code)) fail(`\`topUps.assets\` has an invalid asset code ${show(code)}: use ${ASSET_CODE_RULE}.`);
  }
  const accountNames = topUps.accountNames ?? ["default"];
  if (!Array.isArray(accountNames) || accountNames.length === 0)
    fail('`topUps.accountNames` must list at least one account name, such as ["default"].');
  for (const name of accountNames) {
    if (typeof name !== "string" || !ACCOUNT_NAME_PATTERN.test(name))
      fail(`\`topUps.accountNames\` has an invalid account name ${show(name)}: use ${ACCOUNT_NAME_RULE}.`);
  }
  const min = topUps.min === undefined ? undefined : amountOption(topUps.min, "min");
  const max = amountOption(topUps.max ?? DEFAULT_MAX, "max");
  if (min?.gt(max))
    fail(
      `\`topUps.min\` (${String(topUps.min)}) is greater than \`topUps.max\` (${String(topUps.max ?? DEFAULT_MAX)}).`,
    );
  for (const [code, currency] of currencies) {
    // The smallest amount a customer could pay in this currency; above max, no top-up in it can pass.
    const smallest = smallestAmount(min ?? currency.min, currency.digits);
    if (smallest.gt(max))
      fail(
        `\`topUps.max\` (${String(topUps.max)}) is below the smallest ${code} top-up (${formatDecimal(smallest)}, in whole minor units); raise it.`,
      );
  }
  if (topUps.exchangeRate !== undefined && typeof topUps.exchangeRate !== "function") {
    fail("`topUps.exchangeRate` must be a function `(ctx) => number | undefined`.");
  }

  if (options.allowedOrigins !== undefined && !Array.isArray(options.allowedOrigins)) {
    fail(
      `\`allowedOrigins\` must be an array of origins, such as ["https://app.example.com"], got ${show(options.allowedOrigins)}.`,
    );
  }
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map(parseOriginOption));
  const publicOrigin = options.publicOrigin === undefined ? undefined : bareOrigin(options.publicOrigin);
  if (options.publicOrigin !== undefined && publicOrigin === undefined) {
    fail(
      `\`publicOrigin\` must be your app's public origin, scheme and host only, such as "https://app.example.com", got ${show(options.publicOrigin)}.`,
    );
  }
  if (publicOrigin === undefined && isProduction()) {
    fail(
      "`publicOrigin` is required when NODE_ENV=production: without it this site's origin would come from the request's Host header, which the browser controls. Set it to your app's public origin, e.g. `publicOrigin: \"https://app.example.com\"` (or `publicOrigin: process.env.PUBLIC_ORIGIN`).",
    );
  }
  if (options.trustProxy !== undefined && typeof options.trustProxy !== "boolean") {
    fail("`trustProxy` must be true or false (true only when a proxy you run sets X-Forwarded-Proto/Host).");
  }
  const returnUrl = checkUrlOption(options.returnUrl ?? "/", "returnUrl");
  const failureUrl = options.failureUrl === undefined ? undefined : checkUrlOption(options.failureUrl, "failureUrl");

  if (options.idempotencyStore !== undefined)
    checkMethods(
      options.idempotencyStore,
      "idempotencyStore",
      ["claim", "complete", "release"],
      "new MemoryIdempotencyStore()",
    );
  const rateLimit = resolveRateLimit(options.rateLimit, "rateLimit", DEFAULT_RATE_LIMIT, "POSTs");
  // GETs count in the POSTs' store unless told otherwise: a shared (Redis) store then limits both.
  const getRateLimit = resolveRateLimit(
    options.getRateLimit,
    "getRateLimit",
    DEFAULT_GET_RATE_LIMIT,
    "GETs",
    rateLimit?.store,
  );
  const circuitBreaker = resolveCircuitBreaker(options.circuitBreaker);
  const upstreamBudget = resolveRateLimit(
    options.upstreamBudget,
    "upstreamBudget",
    DEFAULT_UPSTREAM_BUDGET,
    "calls to Credyt",
    rateLimit?.store ?? getRateLimit?.store,
  );

  return {
    apiKey,
    apiUrl,
    basePath,
    getCustomerId: options.getCustomerId,
    returnUrl,
    failureUrl,
    allowedOrigins,
    publicOrigin,
    trustProxy: options.trustProxy ?? false,
    currencies,
    assets: new Set(assetCodes),
    accountNames: new Set(accountNames),
    min,
    max,
    exchangeRate: topUps.exchangeRate,
    timeoutMs,
    fetch: options.fetch,
    onEvent: options.onEvent,
    idempotencyStore: options.idempotencyStore ?? new MemoryIdempotencyStore(),
    rateLimit,
    getRateLimit,
    circuitBreaker,
    upstreamBudget,
  };
}
