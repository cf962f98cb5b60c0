import type { CredytClient, RequestOptions } from "./client";
import { CredytError } from "./errors";
import {
  type Quote,
  type QuoteInput,
  quoteFromWire,
  type UsagePage,
  type UsageSummary,
  usagePageFromWire,
  usageSummaryFromWire,
  type WireQuote,
  type WireUsagePage,
  type WireUsageSummary,
} from "./usage";
import { checkQuote, checkUsagePage, checkUsageSummary } from "./usage-validate";

// Separate from the client object so an app that shows only a balance never ships the usage code.

function getter(client: CredytClient, what: string): NonNullable<CredytClient["get"]> {
  if (typeof client.get !== "function") {
    throw new CredytError(
      "internal",
      `${what} needs a client with a \`get\` method: use createCredytClient() or createMockClient(), or add \`get(path, check)\` to your own client.`,
    );
  }
  return client.get.bind(client);
}

/**
 * A page of the signed-in customer's usage (`GET {base}/usage`), newest first; pass the previous page's
 * `nextCursor` as `cursor` for the next one.
 *
 * @example
 * const first = await fetchUsage(client, { limit: 20 });
 * const second = first.nextCursor ? await fetchUsage(client, { cursor: first.nextCursor }) : undefined;
 */
export async function fetchUsage(
  client: CredytClient,
  page: { limit?: number; cursor?: string | null } = {},
  options: RequestOptions = {},
): Promise<UsagePage> {
  const query = new URLSearchParams();
  if (page.limit !== undefined) query.set("limit", String(page.limit));
  if (page.cursor) query.set("cursor", page.cursor);
  const path = `/usage${query.size > 0 ? `?${query}` : ""}`;
  return usagePageFromWire(await getter(client, "fetchUsage")<WireUsagePage>(path, checkUsagePage, options));
}

/** This calendar month's spend in the IANA time zone `tz` (`GET {base}/usage/summary`), per asset and per day. */
export async function fetchUsageSummary(
  client: CredytClient,
  tz: string,
  options: RequestOptions = {},
): Promise<UsageSummary> {
  const path = `/usage/summary?period=month&tz=${encodeURIComponent(tz)}`;
  const wire = await getter(client, "fetchUsageSummary")<WireUsageSummary>(path, checkUsageSummary, options);
  return usageSummaryFromWire(wire);
}

/** What a top-up would credit (`GET {base}/quote`), decided by the server: its exchange rate, else Credyt's quote. */
export async function fetchQuote(
  client: CredytClient,
  input: QuoteInput,
  options: RequestOptions = {},
): Promise<Quote> {
  const query = new URLSearchParams({ asset: input.asset, currency: input.currency, amount: String(input.amount) });
  const wire = await getter(client, "fetchQuote")<WireQuote>(`/quote?${query}`, checkQuote, options);
  return quoteFromWire(wire);
}
