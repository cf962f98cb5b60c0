import type { CredytError, Wallet } from "@credyt/core";
import { SWRConfig, type SWRConfiguration } from "swr";

type Options = SWRConfiguration<Wallet, CredytError>;
const defaults = SWRConfig.defaultValue;

/** Failures worth another try: the network, the server's health, its rate limit. */
const RETRYABLE = new Set(["network_error", "upstream_timeout", "unavailable", "rate_limited", "internal", "timeout"]);

/**
 * SWR's own exponential backoff, but never for answers that another try cannot change (signed out,
 * refused, bad request), and never sooner than the server's `Retry-After`.
 */
const onErrorRetry: NonNullable<Options["onErrorRetry"]> = (error, key, config, revalidate, opts) => {
  if (!RETRYABLE.has(error.code)) return;
  const wait = error.retryAfter !== undefined && error.retryAfter > 0 ? error.retryAfter * 1000 : 0;
  const later = (o: typeof opts) => (wait ? setTimeout(revalidate, wait, o) : revalidate(o));
  defaults.onErrorRetry(error, key, config as typeof defaults, later as typeof revalidate, opts);
};

/**
 * The wallet hooks' options. The app's `<SWRConfig>` wins over each (we only fill in what it left
 * at SWR's default), and a hook's own options win over both.
 */
export function walletOptions(
  app: Pick<Options, "onErrorRetry" | "errorRetryCount">,
  fallbackData: Wallet | undefined,
  keepPreviousData: boolean,
): Options {
  const options: Options = { keepPreviousData };
  if (app.onErrorRetry === defaults.onErrorRetry) options.onErrorRetry = onErrorRetry;
  // At most three retries (SWR's default is unlimited): an outage must not multiply load.
  if (app.errorRetryCount === undefined) options.errorRetryCount = 3;
  if (fallbackData !== undefined) options.fallbackData = fallbackData;
  return options;
}
