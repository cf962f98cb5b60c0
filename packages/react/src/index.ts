/**
 * @module @credyt/react
 * React components and hooks for Credyt prepaid wallets: `CredytProvider`, `useWallet`,
 * `useAccount`, `useTopUp`, `useBillingPortal`, `useUsage`, `useUsageSummary`, `useQuote`, `<WalletBalance>`,
 * `<TopUpButton>`, `<BillingPortalLink>`, `<UsageHistory>`, `<SpendSummary>`, `<SpendChart>`, `<LowBalanceNotice>` and `<AccountPanel>`. Styles are optional: `import "@credyt/react/styles.css"`.
 */
export {
  type Account,
  type AssetDisplay,
  type AssetTotal,
  type CredytClient,
  CredytError,
  type CredytErrorCode,
  type CredytErrorDetails,
  type CredytErrorOptions,
  credytKeys,
  isCredytError,
  isCredytKey,
  type PortalSession,
  type PortalSessionInput,
  type Quote,
  type QuoteInput,
  type QuoteRateSource,
  type RequestOptions,
  type TopUp,
  type TopUpInput,
  type TopUpRequestOptions,
  type TopUpStatus,
  type UsageDay,
  type UsageEvent,
  type UsageFee,
  type UsagePage,
  type UsageSummary,
  type Wallet,
  type WireErrorBody,
} from "@credyt/core";
export {
  AccountPanel,
  type AccountPanelPart,
  type AccountPanelProps,
  type AccountPanelSlot,
} from "./_internal/account-panel";
export { type BalanceLevel, balanceLevel } from "./_internal/balance-level";
export {
  BillingPortalLink,
  type BillingPortalLinkPart,
  type BillingPortalLinkProps,
  type BillingPortalLinkState,
} from "./_internal/billing-portal-link";
export {
  LowBalanceNotice,
  type LowBalanceNoticePart,
  type LowBalanceNoticeProps,
  type LowBalanceNoticeState,
} from "./_internal/low-balance-notice";
export { type CredytMessages, de, en, es, fr, ja } from "./_internal/messages";
export { mutateCredyt } from "./_internal/mutate-credyt";
export {
  type CredytAppearance,
  CredytProvider,
  type CredytProviderProps,
  type CredytRedirectEvent,
  type RedirectKind,
} from "./_internal/provider";
export type { ReturnStatus } from "./_internal/return-flow";
export { SpendChart, type SpendChartPart, type SpendChartProps, type SpendChartState } from "./_internal/spend-chart";
export {
  SpendSummary,
  type SpendSummaryPart,
  type SpendSummaryProps,
  type SpendSummaryState,
} from "./_internal/spend-summary";
export {
  TopUpButton,
  type TopUpButtonPart,
  type TopUpButtonProps,
  type TopUpButtonState,
  type TopUpDialogPart,
} from "./_internal/top-up-button";
export {
  UsageHistory,
  type UsageHistoryPart,
  type UsageHistoryProps,
  type UsageHistoryState,
} from "./_internal/usage-history";
export type { CredytUsageMessages } from "./_internal/usage-messages";
export { selectAccount, type UseAccountResult, useAccount } from "./_internal/use-account";
export {
  type BillingPortalTriggerOptions,
  type UseBillingPortalOptions,
  type UseBillingPortalResult,
  useBillingPortal,
} from "./_internal/use-billing-portal";
export { type UseCheckoutReturnResult, useCheckoutReturn } from "./_internal/use-checkout-return";
export { useQuote } from "./_internal/use-quote";
export { type UseTopUpOptions, type UseTopUpResult, useTopUp } from "./_internal/use-top-up";
export { type UseUsageOptions, type UseUsageResult, useUsage } from "./_internal/use-usage";
export { localTimeZone, type UseUsageSummaryOptions, useUsageSummary } from "./_internal/use-usage-summary";
export { type CredytResponse, type CredytSWROptions, type UseWalletOptions, useWallet } from "./_internal/use-wallet";
export {
  type EventSourceConstructor,
  type EventSourceLike,
  type UseWalletStreamOptions,
  type UseWalletStreamResult,
  useWalletStream,
  type WalletStreamStatus,
} from "./_internal/use-wallet-stream";
export {
  WalletBalance,
  type WalletBalancePart,
  type WalletBalanceProps,
  type WalletBalanceState,
} from "./_internal/wallet-balance";
