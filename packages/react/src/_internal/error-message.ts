import type { CredytError } from "@credyt/core";
import { fill } from "./context";
import { type CredytMessages, errorEn } from "./messages";

/**
 * The localised message a component shows for an error of the catalogue (`t`'s strings first, English
 * for those `t` lacks). In the lazy chunks only (checkout, dialog): components reach it through calls.ts.
 */
export function errorMessage(error: CredytError, labels: Partial<CredytMessages>): string {
  const t = { ...errorEn, ...labels };
  switch (error.code) {
    case "timeout":
      return t.errorTimeout;
    case "network_error":
    case "upstream_timeout":
    case "unavailable":
      return t.errorNetwork;
    case "rate_limited":
      // `Retry-After` seconds, when the server sent them.
      return error.retryAfter !== undefined && error.retryAfter >= 0
        ? fill(t.errorRateLimitedRetry, { seconds: Math.ceil(error.retryAfter) })
        : t.errorRateLimited;
    case "unauthorized":
      return t.errorUnauthorized;
    // The proxy's origin check: the site's configuration, which signing in again cannot fix.
    case "forbidden":
      return t.errorForbidden;
    case "invalid_request":
    case "idempotency_conflict":
      return t.errorInvalid;
    case "invalid_response":
      return error.details?.redirect_url ? t.errorRedirect : t.errorGeneric;
    default:
      return t.errorGeneric;
  }
}
