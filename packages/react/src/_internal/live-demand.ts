import { useEffect } from "react";
import type { CredytContextValue } from "./context";
import { chunk } from "./lazy";

/**
 * The provider's live stream, a lazy chunk (the subscription's own chunk is fetched alongside rather than after
 * it): the provider loads it while at least one reader wants it (`useLive`).
 */
export const loadLiveStream = /* @__PURE__ */ chunk(() => {
  void import("./wallet-subscription").catch(() => {}); // Only a prefetch: useWalletStream reports failures.
  return import("./live-stream").then((m) => m.LiveStream);
});

/**
 * Asks the enclosing provider to keep the wallet live while `enabled` (`live ?? provider's live`, and a wallet
 * key), and answers `enabled`. The stream's status is the provider's `liveStatus`.
 */
export function useLive(ctx: CredytContextValue, live: boolean | undefined): boolean {
  const enabled = Boolean(live ?? ctx.live) && ctx.walletKey !== null;
  const { wantLive } = ctx;
  useEffect(() => (enabled ? wantLive() : undefined), [enabled, wantLive]);
  return enabled;
}
