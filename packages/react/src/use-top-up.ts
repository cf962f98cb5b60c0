import type { CredytError, TopUp, TopUpInput, Wallet } from "@credyt/core";
import { useCallback, useRef, useState } from "react";
import { useCredytContext } from "./_internal/context";
import { rememberTopUp } from "./_internal/return-flow";
import { toCredytError } from "./_internal/to-credyt-error";
import { selectAccount } from "./use-account";

/** What {@link useTopUp} returns (SWR mutation field names). */
export interface UseTopUpResult {
  /**
   * Creates a top-up and sends the customer to checkout. Calls while one is in flight return the
   * same promise (no second POST). Resolves with the top-up, or `undefined` on failure (see `error`).
   */
  trigger: (input: TopUpInput) => Promise<TopUp | undefined>;
  /** True from the click until the page leaves for checkout (or the request fails). */
  isMutating: boolean;
  data: TopUp | undefined;
  error: CredytError | undefined;
  /** Clears `data` and `error` and starts a new purchase intent. */
  reset: () => void;
}

interface State {
  isMutating: boolean;
  data?: TopUp | undefined;
  error?: CredytError | undefined;
}

function newKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

/**
 * Buys credit: one `Idempotency-Key` per purchase intent (kept across retries of the same input),
 * an in-flight lock against double clicks, a validated redirect, then navigation to checkout.
 *
 * @example
 * const { trigger, isMutating, error } = useTopUp();
 * <button onClick={() => trigger({ amount: 20, currency: "USD" })} aria-disabled={isMutating}>Top up</button>
 */
export function useTopUp(): UseTopUpResult {
  const { client, navigate, store, walletKey } = useCredytContext("useTopUp");
  const [state, setState] = useState<State>({ isMutating: false });
  const inflight = useRef<Promise<TopUp | undefined> | undefined>(undefined);
  const intent = useRef<{ input: string; key: string } | undefined>(undefined);

  const trigger = useCallback(
    (input: TopUpInput) => {
      if (inflight.current) return inflight.current;
      const signature = JSON.stringify(input);
      if (intent.current?.input !== signature) intent.current = { input: signature, key: newKey() };
      setState({ isMutating: true });
      const run = async (): Promise<TopUp | undefined> => {
        try {
          const topUp = await client.createTopUp(input, { idempotencyKey: intent.current?.key ?? newKey() });
          const asset = input.asset ?? input.currency;
          const wallet = store.get<Wallet>(walletKey).data;
          const account = selectAccount(wallet, asset);
          rememberTopUp({ asset, accountId: account?.id, available: account?.available });
          const left = navigate(topUp.redirectUrl, "top_up");
          intent.current = undefined;
          // Leaving the page: stay locked so a click during unload cannot start a second purchase.
          setState({ isMutating: left, data: topUp });
          return topUp;
        } catch (error) {
          setState({ isMutating: false, error: toCredytError(error) });
          return undefined;
        } finally {
          inflight.current = undefined;
        }
      };
      inflight.current = run();
      return inflight.current;
    },
    [client, navigate, store, walletKey],
  );

  const reset = useCallback(() => {
    intent.current = undefined;
    setState({ isMutating: false });
  }, []);

  return { trigger, isMutating: state.isMutating, data: state.data, error: state.error, reset };
}
