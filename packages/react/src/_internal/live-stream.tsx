import { type ReactNode, useEffect } from "react";
import type { LiveStore } from "./context";
import { useWalletStream } from "./use-wallet-stream";

/** Props of {@link LiveStream}. */
export interface LiveStreamProps {
  baseUrl: string;
  scope: string;
  store: LiveStore;
}

/**
 * The provider's live stream, a lazy chunk: rendered by the provider while a reader wants it (`useLive`), it
 * opens `useWalletStream` for the provider's proxy and customer and passes its status on to the readers.
 */
export function LiveStream({ baseUrl, scope, store }: LiveStreamProps): ReactNode {
  const { status } = useWalletStream({ baseUrl, scope });
  useEffect(() => store.set(status), [store, status]);
  useEffect(() => () => store.set("connecting"), [store]);
  return null;
}
