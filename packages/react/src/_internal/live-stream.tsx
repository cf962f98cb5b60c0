import { type ReactNode, useEffect } from "react";
import { useWalletStream } from "./use-wallet-stream";
import type { WalletStreamStatus } from "./wallet-subscription";

/** Props of {@link LiveStream}. */
export interface LiveStreamProps {
  baseUrl: string;
  scope: string;
  onStatus(status: WalletStreamStatus): void;
}

/**
 * The provider's live stream, a lazy chunk: rendered by the provider while a reader wants it (`useLive`), it
 * opens `useWalletStream` for the provider's proxy and customer and passes its status on to the provider.
 */
export function LiveStream({ baseUrl, scope, onStatus }: LiveStreamProps): ReactNode {
  const { status } = useWalletStream({ baseUrl, scope });
  useEffect(() => onStatus(status), [onStatus, status]);
  useEffect(() => () => onStatus("connecting"), [onStatus]);
  return null;
}
