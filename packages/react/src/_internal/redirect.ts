import { CredytError } from "@credyt/core";

/** Hosts `redirect_url` may point to when the app sets no `allowedRedirectHosts`. */
export const DEFAULT_REDIRECT_HOSTS = ["credyt.ai", "*.credyt.ai"];

const LOCAL = /^(localhost|127\.0\.0\.1|\[::1\])$/;

function matches(hostname: string, host: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith("*.")) return hostname.endsWith(p.slice(1));
  return p === hostname || p === host;
}

/**
 * Checks a redirect URL from the server against the provider's policy: `https` (or `http` on
 * localhost), and a host that is the page's own or one of `allowedHosts`. Throws a `CredytError`
 * that says what to change otherwise.
 */
export function checkRedirect(url: string, allowedHosts: readonly string[] = DEFAULT_REDIRECT_HOSTS): string {
  const page = typeof location === "undefined" ? undefined : location;
  let target: URL;
  try {
    target = new URL(url, page?.href);
  } catch (cause) {
    throw new CredytError("invalid_response", `Refused to redirect to an invalid URL: ${url}`, {
      cause,
      details: { redirect_url: ["is not a valid URL"] },
    });
  }
  const { protocol, hostname, host } = target;
  const secure = protocol === "https:" || (protocol === "http:" && LOCAL.test(hostname));
  const allowed = hostname === page?.hostname || allowedHosts.some((pattern) => matches(hostname, host, pattern));
  if (!secure || !allowed) {
    throw new CredytError(
      "invalid_response",
      `Refused to redirect to ${protocol}//${host}: only https URLs on the page's own host or a host listed in \`CredytProvider\`'s \`allowedRedirectHosts\` are followed.`,
      { details: { redirect_url: ["is not an allowed https URL"] } },
    );
  }
  return target.href;
}
