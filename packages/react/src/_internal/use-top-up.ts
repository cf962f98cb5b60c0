import { CredytError, type TopUp, type TopUpInput, type Wallet } from "@credyt/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { unstable_serialize, useSWRConfig } from "swr";
import useSWRMutation, { type SWRMutationConfiguration } from "swr/mutation";
import { prefetchCheckout, startTopUp } from "./calls";
import { useCredytContext } from "./context";
import { navigate } from "./navigate";
import { rememberTopUp } from "./return-flow";
import { toCredytError } from "./to-credyt-error";
import { selectAccount } from "./use-account";

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

/** How long checkout waits for the balance it remembers; past it the return flow has no baseline. */
const BASELINE_WAIT_MS = 3000;

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function newKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
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
  const intent = useRef<{ input: string; key: string } | undefined>(undefined);
  // The checkout code is a lazy chunk (calls.ts): in by the first click, never on the first render.
  useEffect(prefetchCheckout, []);

  const buy = async (_key: unknown, { arg: input }: { arg: TopUpInput }): Promise<TopUp> => {
    const signature = JSON.stringify(input);
    if (intent.current?.input !== signature) intent.current = { input: signature, key: newKey() };
    // The balance before paying is the return flow's baseline. Not loaded yet (no balance on this
    // page, or still loading): fetch it alongside the top-up and put it in the cache.
    const cached = () => cache.get(unstable_serialize(walletKey))?.data as Wallet | undefined;
    const known = cached();
    const before = known
      ? Promise.resolve(known)
      : fetchWallet().then(
          (wallet) => mutate(walletKey, wallet, { revalidate: false }),
          () => undefined,
        );
    try {
      // Never stuck on "Redirecting…": a client that never answers (a custom `client` without a
      // timeout, say) ends in a `timeout` error a second after the client's own timeout would fire.
      const created = startTopUp(client, input, { idempotencyKey: intent.current?.key ?? newKey() });
      const topUp = await within(created, timeout + 1000);
      if (!topUp) throw new CredytError("timeout", `No answer to the top-up within ${timeout} ms.`, { status: 0 });
      const asset = input.asset ?? input.currency;
      const wallet = (await within(before, BASELINE_WAIT_MS)) ?? cached();
      const account = selectAccount(wallet, asset);
      // A known wallet without this asset's account: the credit will open it, from zero.
      const available = account?.available ?? (wallet ? 0 : undefined);
      rememberTopUp({
        asset,
        accountId: account?.id,
        available,
        pendingIn: account?.pendingIn ?? (wallet ? 0 : undefined),
        amount: input.amount,
        currency: input.currency,
      });
      const left = await navigate(redirect, topUp.redirectUrl, "top_up");
      intent.current = undefined;
      setLeaving(left);
      return topUp;
    } catch (thrown) {
      const error = toCredytError(thrown);
      // 409: the key was already used with another body; the next attempt needs its own key.
      if (error.code === "idempotency_conflict") intent.current = undefined;
      throw error;
    }
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
