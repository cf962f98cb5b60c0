// Everything every entry exports besides its own `createCredytProxy`, so docs differ only in the import path.

export type { WalletFanout, WalletStreamOptions, WalletStreamStats } from "./_internal/fanout";
export {
  type CredytApi,
  type CredytApiOptions,
  type CredytPortalSessionBody,
  type CredytTopUpBody,
  createCredytApi,
} from "./create-credyt-api";
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
