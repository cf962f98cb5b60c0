// Everything every entry exports besides its own `createCredytProxy`, so docs differ only in the import path.

export { createCredyt } from "./create-credyt";
export { type CredytApi, type CredytApiOptions, createCredytApi } from "./create-credyt-api";
export type { CredytPortalSessionBody, CredytTopUpBody } from "./credyt-bodies";
export { DEFAULT_CURRENCY_LIMITS } from "./default-currency-limits";
export type { WalletFanout, WalletStreamOptions, WalletStreamStats } from "./fanout";
export { MemoryIdempotencyStore, type MemoryIdempotencyStoreOptions } from "./memory-idempotency-store";
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from "./memory-rate-limit-store";
export { createMemoryStore, type MemoryStoreOptions } from "./memory-store";
export type {
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyStore,
  RateLimitStore,
  StoredResponse,
} from "./stores";
export type {
  CircuitBreakerOptions,
  Credyt,
  CredytOptions,
  CredytProxyEvent,
  CredytProxyHandler,
  CredytProxyLive,
  CredytProxyOptions,
  CredytServerApi,
  CredytStore,
  CurrencyLimits,
  CustomerOptions,
  CustomerProduct,
  CustomerRef,
  CustomersApi,
  ExchangeRateRequest,
  FetchContext,
  Identity,
  LimitWindow,
  NodeMiddleware,
  RateLimitOptions,
  RateLimits,
  RouteInfo,
  TopUpLimits,
} from "./types";
