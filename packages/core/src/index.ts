/**
 * @module @credyt/core
 * The Credyt UI wire protocol: types in both spellings, `CredytError`, the browser client,
 * SWR cache keys and money formatting. No React, no Node-only APIs.
 */
export { ASSET_CODE_PATTERN, ASSET_CODE_RULE, isAssetCode } from "./_internal/asset-code";
export { CACHE_PREFIX, credytKeys, isCredytKey } from "./_internal/cache-keys";
export {
  type CredytClient,
  createBillingPortalSession,
  createCredytClient,
  createTopUp,
  fetchAccount,
  fetchWallet,
  type RequestOptions,
  type TopUpRequestOptions,
} from "./_internal/client";
export {
  CredytError,
  type CredytErrorCode,
  type CredytErrorDetails,
  type CredytErrorOptions,
  ERROR_STATUS,
  errorCodeForStatus,
  isCredytError,
  isErrorCode,
  isRetryableError,
  type WireErrorBody,
} from "./_internal/errors";
export {
  type AssetDisplay,
  currencyDigits,
  type FormatAmountOptions,
  formatAmount,
  isCurrencyCode,
} from "./_internal/format";
export { toHex } from "./_internal/hex";
export { checkRedirectUrl, DEFAULT_REDIRECT_HOSTS, isLoopbackHost, type RedirectPolicy } from "./_internal/redirect";
export { DEFAULT_CLIENT_TIMEOUT_MS, PROXY_DEADLINE_MS } from "./_internal/timeouts";
export {
  type CredytClientOptions,
  type CredytTransport,
  createCredytTransport,
  errorFromResponse,
  type TransportInit,
} from "./_internal/transport";
export {
  type AssetTotal,
  type Quote,
  type QuoteInput,
  type QuoteRateSource,
  quoteFromWire,
  type UsageDay,
  type UsageEvent,
  type UsageFee,
  type UsagePage,
  type UsageSummary,
  usagePageFromWire,
  usageSummaryFromWire,
  type WireAssetTotal,
  type WireQuote,
  type WireUsageDay,
  type WireUsageEvent,
  type WireUsageFee,
  type WireUsagePage,
  type WireUsageSummary,
} from "./_internal/usage";
export { fetchQuote, fetchUsage, fetchUsageSummary } from "./_internal/usage-client";
export { checkQuote, checkUsagePage, checkUsageSummary } from "./_internal/usage-validate";
export { checkAccountBody, checkPortalSession, checkTopUp, checkWallet } from "./_internal/validate";
export {
  type Account,
  accountFromWire,
  accountToWire,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_RULE,
  isIdempotencyKey,
  type PortalSession,
  type PortalSessionInput,
  portalSessionFromWire,
  portalSessionToWire,
  RETURN_PARAM,
  type ReturnMarker,
  type TopUp,
  type TopUpInput,
  type TopUpStatus,
  topUpFromWire,
  topUpInputFromWire,
  topUpInputToWire,
  topUpToWire,
  type Wallet,
  type WireAccount,
  type WirePortalSession,
  type WirePortalSessionRequest,
  type WireTopUp,
  type WireTopUpRequest,
  type WireWallet,
  walletFromWire,
  walletToWire,
} from "./_internal/wire";
