import { type CredytError, credytKeys, fetchUsage, type UsageEvent, type UsagePage } from "@credyt/core";
import { useCallback, useMemo } from "react";
import useSWRInfinite, { type SWRInfiniteConfiguration, type SWRInfiniteResponse } from "swr/infinite";
import { usageClient } from "./calls";
import { useCredytContext } from "./context";
import { usageConfig, useRevalidateWithWallet } from "./usage-swr";

/** Options of {@link useUsage}: the page size, then any `useSWRInfinite` option. */
export interface UseUsageOptions extends SWRInfiniteConfiguration<UsagePage, CredytError> {
  /** Events per page, 1-100. @default 20 */
  limit?: number;
}

/** What {@link useUsage} returns: `useSWRInfinite`'s response plus the pages flattened. */
export interface UseUsageResult extends SWRInfiniteResponse<UsagePage, CredytError> {
  /** Every loaded event, newest first. */
  events: UsageEvent[];
  /** True while there are older events to load. */
  hasMore: boolean;
  /** True while a page asked for with `loadMore` is loading. */
  isLoadingMore: boolean;
  /** Loads the next (older) page. */
  loadMore: () => Promise<UsagePage[] | undefined>;
}

/**
 * The signed-in customer's usage, newest first, one page at a time: `useSWRInfinite` on
 * `credytKeys.usagePage(baseUrl, limit, cursor)`. It revalidates with the balance (a new balance means
 * new usage), on focus and on reconnect; `loadMore()` fetches the next page.
 *
 * @example
 * const { events, hasMore, loadMore, isLoading, error } = useUsage({ limit: 20 });
 */
export function useUsage(options: UseUsageOptions = {}): UseUsageResult {
  const { limit = 20, ...swr } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new RangeError(`useUsage: \`limit\` must be a whole number from 1 to 100, got ${String(limit)}.`);
  }
  const ctx = useCredytContext("useUsage");
  const { client, walletKey } = ctx;
  const getKey = useCallback(
    (index: number, previous: UsagePage | null) => {
      if (walletKey === null) return null;
      if (index === 0) return credytKeys.usagePage(client.baseUrl, limit, null);
      return previous?.nextCursor ? credytKeys.usagePage(client.baseUrl, limit, previous.nextCursor) : null;
    },
    [client.baseUrl, limit, walletKey],
  );
  const response = useSWRInfinite<UsagePage, CredytError>(
    getKey,
    (key: readonly unknown[]) =>
      fetchUsage(usageClient(client), { limit: key[3] as number, cursor: key[4] as string | null }),
    { ...(usageConfig<UsagePage>(ctx) as SWRInfiniteConfiguration<UsagePage, CredytError>), ...swr },
  );
  useRevalidateWithWallet(ctx, `usage:${limit}`, response.mutate);
  const { data, size, setSize, isLoading } = response;
  const events = useMemo(() => data?.flatMap((page) => page.items) ?? [], [data]);
  const last = data?.[data.length - 1];
  const hasMore = last?.nextCursor != null;
  const isLoadingMore = !isLoading && data !== undefined && size > data.length;
  const loadMore = useCallback(() => setSize((n) => n + 1), [setSize]);
  // Spread so SWR's getters (which track what a component reads) keep working for the fields we pass on.
  return Object.assign(response, { events, hasMore, isLoadingMore, loadMore });
}
