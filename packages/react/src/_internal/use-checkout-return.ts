import { useCredytContext } from "./context";
import type { ReturnStatus } from "./return-flow";

/** What {@link useCheckoutReturn} returns. */
export interface UseCheckoutReturnResult {
  /** `idle`, `pending` (paid, waiting for the credit), `processing` (still not credited after ~30 s), `success`, `failed`. */
  status: ReturnStatus;
  /** Asset of the top-up the customer came back from, when this tab started it. */
  asset: string | undefined;
  /** Amount and currency the customer paid, when this tab started the top-up (for "Added $20.00"). */
  amount: number | undefined;
  /** The currency paid in, when this tab started the top-up. */
  currency: string | undefined;
}

/**
 * The state of a customer coming back from checkout (the proxy marks the return URL; the provider
 * removes the marker and re-fetches the wallet until the credit lands). `<WalletBalance>` shows it.
 *
 * @example
 * const { status } = useCheckoutReturn();
 * if (status === "failed") return <p>The payment did not go through.</p>;
 */
export function useCheckoutReturn(): UseCheckoutReturnResult {
  const { returnStatus, returnTopUp } = useCredytContext("useCheckoutReturn");
  return {
    status: returnStatus,
    asset: returnTopUp?.asset,
    amount: returnTopUp?.amount,
    currency: returnTopUp?.currency,
  };
}
