import type { CredytError, TopUp, TopUpInput } from "@credyt/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import useSWRMutation, { type SWRMutationConfiguration } from "swr/mutation";
import { loadCheckout, prefetchCheckout } from "./calls";
import { useCredytContext } from "./context";

/**
 * SWR's mutation options, for {@link useTopUp} and its `trigger`: `onSuccess` (checkout created, the page
 * is leaving for it), `onError`, `throwOnError` (default `true`, as in SWR: `trigger` rejects with the
 * `CredytError`; `false` resolves `undefined` and leaves the error in `error`), and the rest of
 * `useSWRMutation`'s options.
 */
export type UseTopUpOptions = SWRMutationConfiguration<TopUp, CredytError, unknown[], TopUpInput> & {
  /** Reject `trigger`'s promise with the error (SWR's default), or resolve `undefined`. @default true */
  throwOnError?: boolean;
};

/** What {@link useTopUp} returns (SWR mutation field names). */
export interface UseTopUpResult {
  /**
   * Creates a top-up and sends the customer to checkout. Calls while one is in flight return the
   * same promise (no second POST; their own options are not used). Resolves with the top-up; on
   * failure rejects with the `CredytError`, or resolves `undefined` with `throwOnError: false` (see `error`).
   */
  trigger: (input: TopUpInput, options?: UseTopUpOptions) => Promise<TopUp | undefined>;
  /** True from the click until the page leaves for checkout (or the request fails). */
  isMutating: boolean;
  /** The last top-up created. */
  data: TopUp | undefined;
  /** The last error, typed as `CredytError`. */
  error: CredytError | undefined;
  /** Clears `data` and `error` and starts a new purchase intent. */
  reset: () => void;
}

/**
 * Buys credit, on SWR's `useSWRMutation`: one `Idempotency-Key` per purchase intent (kept across
 * retries of the same input, replaced after an `idempotency_conflict`), an in-flight lock against
 * double clicks, the balance remembered for the return (fetched first if not loaded), a validated
 * redirect, then checkout.
 *
 * SWR's mutation options go in the hook or per `trigger` call, with SWR's defaults: `trigger` rejects
 * on failure unless `throwOnError: false`.
 *
 * @example
 * const { trigger, isMutating, error } = useTopUp({ onSuccess: () => track("checkout_started") });
 * const buy = async () => {
 *   try {
 *     await trigger({ amount: 20, currency: "USD" });
 *   } catch {
 *     // `error` holds the CredytError too; show it next to the button
 *   }
 * };
 * <button onClick={buy} aria-disabled={isMutating}>Top up</button>
 */
export function useTopUp(options?: UseTopUpOptions): UseTopUpResult {
  const { client, redirect, walletKey, fetchWallet, scope, timeout } = useCredytContext("useTopUp");
  const { cache, mutate } = useSWRConfig();
  // Leaving the page for checkout: stay locked so a click during unload cannot start a second purchase.
  const [leaving, setLeaving] = useState(false);
  const inflight = useRef<Promise<TopUp | undefined> | undefined>(undefined);
  const intent = useRef<{ input: TopUpInput; key: string } | undefined>(undefined);
  // The checkout code is a lazy chunk (calls.ts): in by the first click, never on the first render.
  useEffect(prefetchCheckout, []);

  // The purchase itself (baseline, idempotency key, POST, redirect) is in the checkout chunk (calls.ts).
  const buy = async (_key: unknown, { arg: input }: { arg: TopUpInput }): Promise<TopUp> => {
    const { buyTopUp } = await loadCheckout();
    const { topUp, left } = await buyTopUp(
      { client, redirect, walletKey, fetchWallet, timeout, cache, mutate, intent },
      input,
    );
    setLeaving(left);
    return topUp;
  };
  const key = useMemo(() => [...scope.prefix, "top-up"], [scope]);
  const mutation = useSWRMutation<TopUp, CredytError, unknown[], TopUpInput>(key, buy, options);
  const { trigger: run, reset: clear } = mutation;

  const trigger = useCallback(
    (input: TopUpInput, callOptions?: UseTopUpOptions) => {
      if (!inflight.current) {
        inflight.current = run(input, callOptions).finally(() => {
          inflight.current = undefined;
        });
      }
      return inflight.current;
    },
    [run],
  );

  const reset = useCallback(() => {
    intent.current = undefined;
    setLeaving(false);
    clear();
  }, [clear]);

  return {
    trigger,
    isMutating: mutation.isMutating || leaving,
    data: mutation.data,
    error: mutation.error,
    reset,
  };
}
