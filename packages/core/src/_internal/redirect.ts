import { CredytError } from "./errors";

/** Hosts a `redirect_url` may point to when the app sets no `allowedRedirectHosts`: Credyt's own. */
export const DEFAULT_REDIRECT_HOSTS: readonly string[] = ["credyt.ai", "*.credyt.ai"];

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/**
 * True for a loopback host name as `URL#hostname` gives it (`localhost`, `127.0.0.1`, `[::1]`): where a
 * local emulator or dev server runs, so http and any port are acceptable there.
 */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** Where a redirect is checked from, and which hosts besides the page's own origin it may go to. */
export interface RedirectPolicy {
  /**
   * Hosts allowed besides the page's own origin, https only: `"billing.example.com"`, `"host:8443"` or
   * `"*.example.com"` (any subdomain). @default DEFAULT_REDIRECT_HOSTS (credyt.ai and its subdomains)
   */
  allowedHosts?: readonly string[] | undefined;
  /** The page the customer is on. @default `location.href` in a browser; none on a server */
  pageUrl?: string | URL | undefined;
}

function matches(target: URL, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (p.startsWith("*.")) return target.hostname.endsWith(p.slice(1)) && target.port === "";
  return p === target.host || (p === target.hostname && target.port === "");
}

/** The URL without its query and fragment: checkout links carry sign-in tokens, which logs must not keep. */
function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return `${parsed.protocol}…`;
    return `${parsed.origin}${parsed.pathname}${parsed.search || parsed.hash ? "?…" : ""}`;
  } catch {
    return url.slice(0, 100);
  }
}

function refuse(url: string, reason: string, fix: string): never {
  // The developer looks in the console; the customer reads the error's message, which stays short.
  const shown = withoutQuery(url);
  console.error(`[@credyt/core] Refused to redirect to ${shown}: ${reason} ${fix}`);
  throw new CredytError("invalid_response", `Refused to redirect to ${shown}: ${reason}`, {
    details: { redirect_url: [reason] },
  });
}

/**
 * Checks a `redirect_url` (checkout or portal) before the browser follows it, and answers it resolved.
 * Allowed: the page's own origin (scheme, host and port all equal; over http only on a loopback page),
 * https on a host of `allowedHosts`, and, from a loopback page (localhost, 127.0.0.1, [::1]), loopback
 * hosts on any port, so a local emulator works without settings. Anything else (`javascript:`, another
 * host, http off loopback, credentials in the URL) throws a `CredytError` `invalid_response`, and
 * `console.error` names the refused URL and the exact `allowedRedirectHosts` entry that would allow it.
 */
export function checkRedirectUrl(url: string, policy: RedirectPolicy = {}): string {
  const pageHref =
    policy.pageUrl !== undefined ? String(policy.pageUrl) : typeof location === "undefined" ? undefined : location.href;
  let page: URL | undefined;
  try {
    page = pageHref === undefined ? undefined : new URL(pageHref);
  } catch {
    page = undefined;
  }
  let target: URL;
  try {
    target = new URL(url, page);
  } catch {
    return refuse(String(url), "it is not a valid URL.", "The server must send an absolute https URL.");
  }
  const shown = target.href;
  if (target.protocol !== "https:" && target.protocol !== "http:")
    refuse(shown, `the ${target.protocol} scheme is never followed.`, "Only https URLs (http on loopback pages) are.");
  if (target.username || target.password)
    refuse(shown, "it carries a user name or password.", "Remove the credentials from the URL.");
  const pageIsLoopback = page !== undefined && LOOPBACK.test(page.hostname);
  const httpOk = target.protocol === "https:" || (pageIsLoopback && LOOPBACK.test(target.hostname));
  if (!httpOk) {
    refuse(
      shown,
      "only https URLs are followed (http only from a loopback page to a loopback host).",
      `Serve ${target.host} over https.`,
    );
  }
  if (page !== undefined && target.origin === page.origin) return shown;
  if (pageIsLoopback && LOOPBACK.test(target.hostname)) return shown;
  const allowed = policy.allowedHosts ?? DEFAULT_REDIRECT_HOSTS;
  if (
    target.protocol === "https:" &&
    allowed.some((pattern) => typeof pattern === "string" && matches(target, pattern))
  )
    return shown;
  return refuse(
    shown,
    `${target.host} is neither this page's origin nor in \`allowedRedirectHosts\`.`,
    `If it is yours, add "${target.host}" to \`allowedRedirectHosts\` (\`<CredytProvider allowedRedirectHosts={[…, "${target.host}"]}>\` or \`createCredytClient({ allowedRedirectHosts: […, "${target.host}"] })\`).`,
  );
}
