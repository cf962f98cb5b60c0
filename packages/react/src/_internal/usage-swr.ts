import type { CredytError, Wallet } from "@credyt/core";
import { useEffect, useRef } from "react";
import useSWR, { type SWRConfiguration } from "swr";
import type { CredytContextValue } from "./context";

/** The wallet hooks' retry policy (no retry for refusals, `Retry-After` honoured, at most 3), for any data. */
export function usageConfig<T>(ctx: CredytContextValue): SWRConfiguration<T, CredytError> {
  const config: SWRConfiguration<T, CredytError> = {};
  const { onErrorRetry, errorRetryCount } = ctx.walletConfig;
  if (onErrorRetry) config.onErrorRetry = onErrorRetry as unknown as SWRConfiguration<T, CredytError>["onErrorRetry"];
  if (errorRetryCount !== undefined) config.errorRetryCount = errorRetryCount;
  return config;
}

/**
 * Calls `revalidate` whenever the wallet in the cache changes after the first value (a usage event debits
 * the balance, so a new balance means new usage). Reads the cache only: it never fetches the wallet itself.
 */
export function useRevalidateWithWallet(ctx: CredytContextValue, revalidate: () => unknown): void {
  const { data } = useSWR<Wallet, CredytError>(ctx.walletKey, null, { revalidateOnMount: false });
  const seen = useRef<Wallet | undefined>(undefined);
  const latest = useRef(revalidate);
  latest.current = revalidate;
  useEffect(() => {
    if (data === undefined) return;
    // SWR's `compare` keeps an equal wallet's identity, so only a real change gets here.
    if (seen.current !== undefined && seen.current !== data) void latest.current();
    seen.current = data;
  }, [data]);
}
