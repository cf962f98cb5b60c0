import { type CredytError, credytKeys, fetchUsageSummary, type UsageSummary } from "@credyt/core";
import useSWR, { type SWRConfiguration } from "swr";
import { usageClient } from "./calls";
import { useCredytContext } from "./context";
import { usageConfig, useRevalidateWithWallet } from "./usage-swr";
import type { CredytResponse } from "./use-wallet";

/** Options of {@link useUsageSummary}: the time zone, then any `useSWR` option. */
export interface UseUsageSummaryOptions extends SWRConfiguration<UsageSummary, CredytError> {
  /** IANA time zone the month and its days are counted in. @default the browser's time zone */
  tz?: string;
}

/** The browser's time zone (`UTC` where the runtime does not say). */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * What the customer spent this calendar month, per asset and per day, in the browser's time zone:
 * `useSWR` on `credytKeys.usageSummary(baseUrl, tz)`. It revalidates with the balance.
 *
 * @example
 * const { data } = useUsageSummary();
 * data?.totals; // [{ asset: "USD", amount: 12.4 }, { asset: "TOK", amount: 1250000 }]
 */
export function useUsageSummary(options: UseUsageSummaryOptions = {}): CredytResponse<UsageSummary> {
  const { tz = localTimeZone(), ...swr } = options;
  const ctx = useCredytContext("useUsageSummary");
  const { client, walletKey } = ctx;
  const response = useSWR<UsageSummary, CredytError>(
    walletKey === null ? null : credytKeys.usageSummary(client.baseUrl, tz),
    (key: readonly unknown[]) => fetchUsageSummary(usageClient(client), key[3] as string),
    { ...usageConfig<UsageSummary>(ctx), ...swr },
  );
  useRevalidateWithWallet(ctx, `summary:${tz}`, response.mutate);
  return response;
}
