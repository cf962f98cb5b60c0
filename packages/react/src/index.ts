/**
 * @module @credyt/react
 * React components and hooks for Credyt prepaid wallets: `CredytProvider`, `useWallet`,
 * `useAccount`, `useTopUp`, `useBillingPortal`, `useUsage`, `useUsageSummary`, `useQuote`, `<WalletBalance>`,
 * `<TopUpButton>`, `<BillingPortalLink>`, `<UsageHistory>`, `<SpendSummary>`, `<SpendChart>` and `<LowBalanceNotice>`. Styles are optional: `import "@credyt/react/styles.css"`.
 */
export {
  type Account,
  CredytError,
  type CredytErrorCode,
  credytKeys,
  isCredytError,
  isCredytKey,
  type PortalSession,
  type Quote,
  type QuoteInput,
  type TopUp,
  type TopUpInput,
  type UsageEvent,
  type UsagePage,
  type UsageSummary,
  type Wallet,
} from "@credyt/core";
export type { PendingTopUp, ReturnStatus } from "./_internal/return-flow";
export {
  BillingPortalLink,
  type BillingPortalLinkPart,
  type BillingPortalLinkProps,
  type BillingPortalLinkState,
} from "./billing-portal-link";
export {
  LowBalanceNotice,
  type LowBalanceNoticePart,
  type LowBalanceNoticeProps,
  type LowBalanceNoticeState,
} from "./low-balance-notice";
export { type CredytMessages, de, en, es, fr, ja } from "./messages";
export { mutateCredyt } from "./mutate-credyt";
export { type CredytAppearance, CredytProvider, type CredytProviderProps, type RedirectKind } from "./provider";
export { SpendChart, type SpendChartPart, type SpendChartProps, type SpendChartState } from "./spend-chart";
export { SpendSummary, type SpendSummaryProps, type SpendSummaryState } from "./spend-summary";
export {
  TopUpButton,
  type TopUpButtonProps,
  type TopUpButtonState,
  type TopUpDialogPart,
} from "./top-up-button";
export {
  UsageHistory,
  type UsageHistoryPart,
  type UsageHistoryProps,
  type UsageHistoryState,
} from "./usage-history";
export { type CredytUsageMessages, usageDe, usageEn, usageEs, usageFr, usageJa } from "./usage-messages";
export { selectAccount, type UseAccountResult, useAccount } from "./use-account";
export {
  type BillingPortalTriggerOptions,
  type UseBillingPortalResult,
  useBillingPortal,
} from "./use-billing-portal";
export { type UseCheckoutReturnResult, useCheckoutReturn } from "./use-checkout-return";
export { useQuote } from "./use-quote";
export { type UseTopUpResult, useTopUp } from "./use-top-up";
export { type UseUsageOptions, type UseUsageResult, useUsage } from "./use-usage";
export { localTimeZone, type UseUsageSummaryOptions, useUsageSummary } from "./use-usage-summary";
export { type CredytResponse, type CredytSWROptions, useWallet } from "./use-wallet";
export {
  type EventSourceConstructor,
  type EventSourceLike,
  type UseWalletStreamOptions,
  type UseWalletStreamResult,
  useWalletStream,
  type WalletStreamStatus,
} from "./use-wallet-stream";
export {
  WalletBalance,
  type WalletBalancePart,
  type WalletBalanceProps,
  type WalletBalanceState,
} from "./wallet-balance";
