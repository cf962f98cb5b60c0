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
 * Buys credit: one `Idempotency-Key` per purchase intent (kept across retries of the same input,
 * replaced after an `idempotency_conflict`), an in-flight lock against double clicks, the balance
 * remembered for the return (fetched first if not loaded), a validated redirect, then checkout.
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
      // The balance before paying is the return flow's baseline. Not loaded yet (no balance on
      // this page, or still loading): fetch it alongside the top-up, through the shared cache.
      const known = store.get<Wallet>(walletKey).data;
      const before = known
        ? Promise.resolve(known)
        : store.revalidate<Wallet>(walletKey, () => client.getWallet()).catch(() => undefined);
      const run = async (): Promise<TopUp | undefined> => {
        try {
          const topUp = await client.createTopUp(input, { idempotencyKey: intent.current?.key ?? newKey() });
          const asset = input.asset ?? input.currency;
          const wallet = (await within(before, BASELINE_WAIT_MS)) ?? store.get<Wallet>(walletKey).data;
          const account = selectAccount(wallet, asset);
          // A known wallet without this asset's account: the credit will open it, from zero.
          const available = account?.available ?? (wallet ? 0 : undefined);
          rememberTopUp({ asset, accountId: account?.id, available });
          const left = navigate(topUp.redirectUrl, "top_up");
          intent.current = undefined;
          // Leaving the page: stay locked so a click during unload cannot start a second purchase.
          setState({ isMutating: left, data: topUp });
          return topUp;
        } catch (thrown) {
          const error = toCredytError(thrown);
          // 409: the key was already used with another body; the next attempt needs its own key.
          if (error.code === "idempotency_conflict") intent.current = undefined;
          setState({ isMutating: false, error });
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
