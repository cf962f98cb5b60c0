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

/** The wallet each usage view last saw, per provider (its scope) and view: survives unmounting. */
const lastSeen = /* @__PURE__ */ new WeakMap<object, Map<string, Wallet>>();

/**
 * Calls `revalidate` whenever the wallet in the cache differs from the one this view (`name`) last saw: a
 * usage event debits the balance, so a new balance means new usage. What was seen is kept per provider
 * even while the view is unmounted, so a page that comes back after the balance changed elsewhere (the
 * Studio billed a video) refreshes at once, past SWR's deduping. Reads the cache only: it never fetches.
 */
export function useRevalidateWithWallet(ctx: CredytContextValue, name: string, revalidate: () => unknown): void {
  const { data } = useSWR<Wallet, CredytError>(ctx.walletKey, null, { revalidateOnMount: false });
  const latest = useRef(revalidate);
  useEffect(() => {
    latest.current = revalidate;
  });
  useEffect(() => {
    if (data === undefined) return;
    let views = lastSeen.get(ctx.scope);
    if (!views) {
      views = new Map();
      lastSeen.set(ctx.scope, views);
    }
    const seen = views.get(name);
    views.set(name, data);
    // SWR's `compare` keeps an equal wallet's identity, so only a real change gets here.
    if (seen !== undefined && seen !== data) void latest.current();
  }, [data, ctx.scope, name]);
}
