import { isCurrencyCode } from "@credyt/core";
import { MemoryIdempotencyStore } from "../memory-idempotency-store";
import { MemoryRateLimitStore } from "../memory-rate-limit-store";
import type { IdempotencyStore, RateLimitStore } from "../stores";
import type { CredytProxyEvent, CredytProxyOptions, ExchangeRateRequest } from "../types";
import {
  compareDecimal,
  currencyDigits,
  type Decimal,
  minorUnit,
  numberToDecimalString,
  parseDecimal,
} from "./decimal";

/** True when `text` has a C0 control character or DEL. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export const DEFAULT_API_URL = "https://api.credyt.ai";
export const DEFAULT_BASE_PATH = "/api/credyt";
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX = "10000";
export const ASSET_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

export interface ResolvedConfig<Ctx> {
  apiKey: string;
  apiUrl: string;
  basePath: string;
  getCustomerId: CredytProxyOptions<Ctx>["getCustomerId"];
  returnUrl: string;
  failureUrl: string | undefined;
  allowedOrigins: Set<string>;
  currencies: Map<string, { digits: number; min: Decimal }>;
  assets: Set<string>;
  min: Decimal | undefined;
  max: Decimal;
  exchangeRate:
    | ((ctx: Ctx, topUp: ExchangeRateRequest) => number | undefined | Promise<number | undefined>)
    | undefined;
  timeoutMs: number;
  fetch: typeof fetch | undefined;
  onEvent: ((event: CredytProxyEvent) => void | Promise<void>) | undefined;
  idempotencyStore: IdempotencyStore;
  rateLimit: { store: RateLimitStore; limit: number; windowMs: number } | undefined;
}

function fail(message: string): never {
  throw new TypeError(`createCredytProxy: ${message}`);
}

/** Checks `apiKey`/`apiUrl`; shared with `createCredytApi`. */
export function resolveApiAccess(options: { apiKey?: unknown; apiUrl?: unknown }, name: string) {
  const fix = (message: string): never => {
    throw new TypeError(`${name}: ${message}`);
  };
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
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash) {
    fix(`\`apiUrl\` must be an http(s) URL without query or hash, such as "${DEFAULT_API_URL}".`);
  }
  return { apiKey, apiUrl: (url as URL).href.replace(/\/+$/, "") };
}

function decimalOption(value: unknown, name: string): Decimal {
  const text = typeof value === "number" && Number.isFinite(value) ? numberToDecimalString(value) : value;
  const parsed = typeof text === "string" ? parseDecimal(text) : undefined;
  if (!parsed || parsed.negative)
    fail(`\`topUps.${name}\` must be a positive number or decimal string, got ${String(value)}.`);
  return parsed;
}

function checkUrlOption(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "")
    fail(`\`${name}\` must be an absolute URL or a path starting with "/".`);
  if (value.startsWith("/") && !value.startsWith("//") && !value.includes("\\")) return value;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    fail(`\`${name}\` must be an absolute http(s) URL or a path starting with "/", got "${value}".`);
  }
  return url.href;
}

function checkOrigin(value: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.origin !== String(value).replace(/\/$/, "")
  ) {
    fail(`\`allowedOrigins\` entries must be bare origins such as "https://app.example.com", got "${String(value)}".`);
  }
  return url.origin;
}

/** Validates the options once, at creation, with messages that say what to fix. */
export function resolveConfig<Ctx>(options: CredytProxyOptions<Ctx>): ResolvedConfig<Ctx> {
  if (typeof options !== "object" || options === null)
    fail("pass an options object with `apiKey` and `getCustomerId`.");
  const { apiKey, apiUrl } = resolveApiAccess(options, "createCredytProxy");
  if (typeof options.getCustomerId !== "function") {
    fail("`getCustomerId(ctx)` is missing. Return the signed-in customer's Credyt id from your session, or null.");
  }
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, "");
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/.test(basePath) || basePath.includes("//")) {
    fail(`\`basePath\` must be a path such as "${DEFAULT_BASE_PATH}", got "${String(options.basePath)}".`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) fail("`timeoutMs` must be a positive integer (milliseconds).");
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("`fetch` must be a function.");
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") fail("`onEvent` must be a function.");

  const topUps = options.topUps ?? {};
  const currencyCodes = topUps.currencies ?? ["USD"];
  if (!Array.isArray(currencyCodes) || currencyCodes.length === 0)
    fail("`topUps.currencies` must list at least one currency code.");
  const currencies = new Map<string, { digits: number; min: Decimal }>();
  for (const code of currencyCodes) {
    if (typeof code !== "string" || !isCurrencyCode(code)) {
      fail(`\`topUps.currencies\` has an unknown currency code "${String(code)}"; use ISO 4217 codes such as "USD".`);
    }
    const digits = currencyDigits(code);
    currencies.set(code, { digits, min: minorUnit(digits) });
  }
  const assetCodes = topUps.assets ?? [...currencies.keys()];
  if (!Array.isArray(assetCodes)) fail("`topUps.assets` must be an array of asset codes.");
  for (const code of assetCodes) {
    if (typeof code !== "string" || !ASSET_PATTERN.test(code))
      fail(`\`topUps.assets\` has an invalid asset code "${String(code)}".`);
  }
  const min = topUps.min === undefined ? undefined : decimalOption(topUps.min, "min");
  const max = decimalOption(topUps.max ?? DEFAULT_MAX, "max");
  if (min && compareDecimal(min, max) > 0)
    fail(
      `\`topUps.min\` (${String(topUps.min)}) is greater than \`topUps.max\` (${String(topUps.max ?? DEFAULT_MAX)}).`,
    );
  if (topUps.exchangeRate !== undefined && typeof topUps.exchangeRate !== "function") {
    fail("`topUps.exchangeRate` must be a function `(ctx) => number | undefined`.");
  }

  const allowedOrigins = new Set((options.allowedOrigins ?? []).map(checkOrigin));
  const returnUrl = checkUrlOption(options.returnUrl ?? "/", "returnUrl");
  const failureUrl = options.failureUrl === undefined ? undefined : checkUrlOption(options.failureUrl, "failureUrl");

  let rateLimit: ResolvedConfig<Ctx>["rateLimit"];
  if (options.rateLimit !== false) {
    const rl = options.rateLimit ?? { limit: 30, windowMs: 60_000 };
    if (!Number.isInteger(rl.limit) || rl.limit <= 0) fail("`rateLimit.limit` must be a positive integer.");
    if (!Number.isInteger(rl.windowMs) || rl.windowMs <= 0)
      fail("`rateLimit.windowMs` must be a positive integer (milliseconds).");
    rateLimit = { store: rl.store ?? new MemoryRateLimitStore(), limit: rl.limit, windowMs: rl.windowMs };
  }

  return {
    apiKey,
    apiUrl,
    basePath,
    getCustomerId: options.getCustomerId,
    returnUrl,
    failureUrl,
    allowedOrigins,
    currencies,
    assets: new Set(assetCodes),
    min,
    max,
    exchangeRate: topUps.exchangeRate,
    timeoutMs,
    fetch: options.fetch,
    onEvent: options.onEvent,
    idempotencyStore: options.idempotencyStore ?? new MemoryIdempotencyStore(),
    rateLimit,
  };
}
