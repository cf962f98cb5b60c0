import type { ReactNode } from "react";
import { useWalletStream } from "./use-wallet-stream";

/**
 * The live stream of `useWallet({ live })`, a lazy chunk the provider renders while at least one such hook is
 * mounted: a page that never turns `live` on never ships the stream hook or `swr/subscription`. It shares the
 * one stream of the page with `<WalletBalance live>` and `useWalletStream` (same subscription key).
 */
export function LiveWallet(props: { enabled: boolean }): ReactNode {
  useWalletStream({ enabled: props.enabled });
  return null;
}
