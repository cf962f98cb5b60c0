// Everything every entry exports besides its own `createCredytProxy`, so docs differ only in the import path.

export { type CredytApi, type CredytApiOptions, createCredytApi } from "./create-credyt-api";
export type { CredytPortalSessionBody, CredytTopUpBody } from "./credyt-bodies";
export type { WalletFanout, WalletStreamOptions, WalletStreamStats } from "./fanout";
export { MemoryIdempotencyStore, type MemoryIdempotencyStoreOptions } from "./memory-idempotency-store";
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from "./memory-rate-limit-store";
export type {
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyStore,
  RateLimitStore,
  StoredResponse,
} from "./stores";
export type {
  CircuitBreakerOptions,
  CredytProxyEvent,
  CredytProxyHandler,
  CredytProxyLive,
  CredytProxyOptions,
  ExchangeRateRequest,
  FetchContext,
  RateLimitOptions,
  TopUpLimits,
} from "./types";
