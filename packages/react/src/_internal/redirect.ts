import { checkRedirectUrl, DEFAULT_REDIRECT_HOSTS } from "@credyt/core";

/** Hosts `redirect_url` may point to when the app sets no `allowedRedirectHosts`. */

/**
 * Checks a redirect URL from the server against the provider's policy. The rules live in
 * `@credyt/core`'s `checkRedirectUrl` (shared with the browser client, so apps without React get them
 * too): the page's own origin, https on `allowedHosts`, loopback hosts from a loopback page. Throws a
 * `CredytError` and logs the exact fix to the console otherwise.
 */
export function checkRedirect(url: string, allowedHosts: readonly string[] = DEFAULT_REDIRECT_HOSTS): string {
  return checkRedirectUrl(url, { allowedHosts });
}
