import { type ComponentType, useEffect, useSyncExternalStore } from "react";
import type { CredytContextValue, LiveStore } from "./context";
import type { LiveStreamProps } from "./live-stream";
import type { WalletStreamStatus } from "./wallet-subscription";

/**
 * The provider's live stream, loaded on demand: while at least one reader wants it, `show` gets the stream
 * component (a lazy chunk, fetched the first time, with the subscription's own chunk alongside rather than
 * after it), and `null` once no reader does. A chunk that cannot load makes the status `unavailable`; balances
 * then refresh as usual, without the stream.
 */
export function createLiveStore(show: (stream: ComponentType<LiveStreamProps> | null) => void): LiveStore {
  let status: WalletStreamStatus = "connecting";
  let readers = 0;
  let loaded: ComponentType<LiveStreamProps> | null | undefined;
  const listeners = new Set<() => void>();
  const store: LiveStore = {
    want() {
      if (++readers === 1) {
        if (loaded) show(loaded);
        else if (loaded === undefined) {
          loaded = null; // Loading.
          void import("./wallet-subscription").catch(() => {}); // Only a prefetch: useWalletStream reports failures.
          import("./live-stream").then(
            ({ LiveStream }) => {
              loaded = LiveStream;
              if (readers > 0) show(LiveStream);
            },
            () => {
              loaded = undefined; // Tried again by the next reader.
              store.set("unavailable");
            },
          );
        }
      }
      return () => {
        if (--readers === 0) show(null);
      };
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
  return store;
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
