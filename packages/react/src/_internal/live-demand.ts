import { useEffect, useSyncExternalStore } from "react";
import type { CredytContextValue, LiveStore } from "./context";
import type { WalletStreamStatus } from "./wallet-subscription";

/** `wanted` gets +1 / -1 per reader (a state setter: the provider renders the stream while it is above 0). */
export function createLiveStore(wanted: (change: (n: number) => number) => void): LiveStore {
  let status: WalletStreamStatus = "connecting";
  const listeners = new Set<() => void>();
  return {
    want() {
      wanted((n) => n + 1);
      return () => wanted((n) => n - 1);
    },
    get: () => status,
    set(next) {
      if (next === status) return;
      status = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

const none = () => undefined;
const noSubscription = () => () => {};

/**
 * Asks the enclosing provider to keep the wallet live while `enabled` (`live ?? provider's live`, and a
 * wallet key) and, with `watch`, answers the stream's status (`undefined` when not `enabled`).
 */
export function useLive(
  ctx: CredytContextValue,
  live: boolean | undefined,
  watch = false,
): WalletStreamStatus | undefined {
  const enabled = (live ?? ctx.live) && ctx.walletKey !== null;
  const store = ctx.liveStore;
  useEffect(() => (enabled ? store.want() : undefined), [enabled, store]);
  // Only a reader that shows the status subscribes to it (a status change re-renders no plain reader).
  const get = enabled && watch ? store.get : none;
  return useSyncExternalStore(watch ? store.subscribe : noSubscription, get, get);
}
