/**
 * @module @credyt/react
 * React components and hooks for Credyt prepaid wallets: `CredytProvider`, `useWallet`,
 * `useAccount`, `useTopUp`, `useBillingPortal`, `<WalletBalance>`, `<TopUpButton>` and
 * `<BillingPortalLink>`. Styles are optional: `import "@credyt/react/styles.css"`.
 */
export {
  type Account,
  CredytError,
  type CredytErrorCode,
  credytKeys,
  isCredytError,
  isCredytKey,
  type PortalSession,
  type TopUp,
  type TopUpInput,
  type Wallet,
} from "@credyt/core";
export type { PendingTopUp, ReturnStatus } from "./_internal/return-flow";
export {
  BillingPortalLink,
  type BillingPortalLinkPart,
  type BillingPortalLinkProps,
  type BillingPortalLinkState,
} from "./billing-portal-link";
export { type CredytMessages, de, en, es, fr, ja } from "./messages";
export { mutateCredyt } from "./mutate-credyt";
export { type CredytAppearance, CredytProvider, type CredytProviderProps, type RedirectKind } from "./provider";
export {
  TopUpButton,
  type TopUpButtonProps,
  type TopUpButtonState,
  type TopUpDialogPart,
} from "./top-up-button";
export { selectAccount, type UseAccountResult, useAccount } from "./use-account";
export {
  type BillingPortalTriggerOptions,
  type UseBillingPortalResult,
  useBillingPortal,
} from "./use-billing-portal";
export { type UseCheckoutReturnResult, useCheckoutReturn } from "./use-checkout-return";
export { type UseTopUpResult, useTopUp } from "./use-top-up";
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
