/**
 * The one number the browser client and the proxy share: the longest the proxy works on one browser request
 * before it answers, Credyt calls, retries and the customer lookup included. Past it the proxy answers 504
 * `upstream_timeout` itself, so the browser always gets the proxy's answer rather than giving up first.
 */
export const PROXY_DEADLINE_MS = 12_000;

/** What the browser allows on top of {@link PROXY_DEADLINE_MS} for the network between it and the proxy. */
const NETWORK_MARGIN_MS = 3_000;

/** The default of `CredytClientOptions.timeoutMs`: the proxy's deadline plus the network margin. */
export const DEFAULT_CLIENT_TIMEOUT_MS = PROXY_DEADLINE_MS + NETWORK_MARGIN_MS;
