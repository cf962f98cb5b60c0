import { type CredytError, credytKeys, fetchQuote, type Quote, type QuoteInput } from "@credyt/core";
import { useRef } from "react";
import useSWR, { type SWRConfiguration } from "swr";
import { usageClient } from "./calls";
import { useCredytContext } from "./context";
import { usageConfig } from "./usage-swr";
import type { CredytResponse } from "./use-wallet";

/**
 * What a top-up of `input.amount` `input.currency` would credit in `input.asset`, decided by the server:
 * `useSWR` on `credytKeys.quote(…)`; `null` asks nothing. One request at a time: a new input aborts the
 * request of the previous one, and the last answer stays shown until the new one arrives
 * (`keepPreviousData`). Debounce a typed amount before passing it.
 *
 * @example
 * const { data } = useQuote({ asset: "TOK", currency: "USD", amount: 10 });
 * data?.units; // 10000000
 */
export function useQuote(
  input: QuoteInput | null,
  options: SWRConfiguration<Quote, CredytError> = {},
): CredytResponse<Quote> {
  const ctx = useCredytContext("useQuote");
  const { client, walletKey } = ctx;
  const inFlight = useRef<AbortController | null>(null);
  const valid = input !== null && Number.isFinite(input.amount) && input.amount > 0 && walletKey !== null;
  return useSWR<Quote, CredytError>(
    valid ? credytKeys.quote(client.baseUrl, input.asset, input.currency, input.amount) : null,
    async (key: readonly unknown[]) => {
      const [asset, currency, amount] = key.slice(3) as [string, string, number];
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      try {
        return await fetchQuote(usageClient(client), { asset, currency, amount }, { signal: controller.signal });
      } finally {
        if (inFlight.current === controller) inFlight.current = null;
      }
    },
    { keepPreviousData: true, revalidateOnFocus: false, ...usageConfig<Quote>(ctx), ...options },
  );
}
