import { CredytError, RETURN_PARAM, type ReturnMarker } from "@credyt/core";
import { hasControlCharacters } from "./config";
import { HOST_PATTERN } from "./patterns";

const CUSTOMER_FIELD = /customer/i;
const CUSTOMER_VALUE = /^cust_/i;
const SERVER_ONLY = "The customer is decided by the server from your session; do not send it.";

/**
 * The origin of the page the browser is on ("self"): `origin` when configured; with `trustProxy`,
 * the first `X-Forwarded-Proto`/`X-Forwarded-Host` values (each falling back to the request URL's own
 * when absent or malformed); otherwise the request's scheme with its `Host` header.
 */
export function selfOrigin(
  url: URL,
  headers: Headers,
  options: { publicOrigin: string | undefined; trustProxy: boolean },
): string {
  if (options.publicOrigin !== undefined) return options.publicOrigin;
  if (!options.trustProxy) {
    // The browser's own host (Next hands route handlers its listening host, `localhost`, instead); a
    // cross-site page cannot set `Host`. Only reached in development: elsewhere `origin` is required.
    const host = headers.get("host");
    if (host === null || host === url.host || !HOST_PATTERN.test(host)) return url.origin;
    try {
      return new URL(`${url.protocol}//${host}`).origin;
    } catch {
      return url.origin;
    }
  }
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim().toLowerCase() || undefined;
  const proto = first("x-forwarded-proto");
  const host = first("x-forwarded-host");
  const scheme = proto === "https" || proto === "http" ? proto : url.protocol.slice(0, -1);
  const authority = host !== undefined && HOST_PATTERN.test(host) ? host : url.host;
  try {
    // URL drops a default port (https://x:443 → https://x), as browsers do in `Origin`.
    return new URL(`${scheme}://${authority}`).origin;
  } catch {
    return url.origin; // e.g. a port over 65535: fall back to the request's own origin
  }
}

/** Answers 403 when an `Origin` header names a site other than this one or an allowed origin. */
export function checkRequestOrigin(headers: Headers, selfOrigin: string, allowed: Set<string>): void {
  const origin = headers.get("origin");
  if (origin === null) return;
  if (origin === selfOrigin || allowed.has(origin)) return;
  throw new CredytError("forbidden", "Requests from this origin are not allowed.");
}

/** Tells the developer why an `Origin` was refused and the exact setting that would accept it. */
export function explainOrigin(
  log: { once(cause: string, message: string): void },
  origin: string,
  self: string,
  hasPublicOrigin: boolean,
): void {
  const shown = origin.slice(0, 200);
  const fix = hasPublicOrigin
    ? `If that page is yours, add \`allowedOrigins: ["${shown}"]\`, or set \`publicOrigin\` to the origin your users really see.`
    : `A dev proxy that rewrites Host (Vite's \`changeOrigin\`) needs \`allowedOrigins: ["${shown}"]\` or \`publicOrigin\`.`;
  log.once(
    `origin:${shown}`,
    `Origin ${shown} is not this server (${self}). ${fix} (The request was answered 403 forbidden.)`,
  );
}

/** Answers 422 when the browser tries to name the customer in the query, the headers or the path. */
export function rejectBrowserCustomer(url: URL, headers: Headers, segments: string[]): void {
  const details: Record<string, string[]> = {};
  // No query (most requests): no URLSearchParams to build.
  if (url.search !== "")
    for (const [key, value] of url.searchParams) {
      if (CUSTOMER_FIELD.test(key) || CUSTOMER_VALUE.test(value)) details[`query.${key}`] = [SERVER_ONLY];
    }
  headers.forEach((_value, name) => {
    if (CUSTOMER_FIELD.test(name)) details[`header.${name}`] = [SERVER_ONLY];
  });
  for (const segment of segments) {
    if (CUSTOMER_FIELD.test(segment) || CUSTOMER_VALUE.test(segment)) details.path = [SERVER_ONLY];
  }
  if (Object.keys(details).length > 0) {
    throw new CredytError("invalid_request", SERVER_ONLY, { details });
  }
}

/** Body fields only the server decides; each gets its own message. */
export function rejectServerOnlyFields(body: Record<string, unknown>): void {
  const details: Record<string, string[]> = {};
  for (const key of Object.keys(body)) {
    if (CUSTOMER_FIELD.test(key)) details[key] = [SERVER_ONLY];
    if (/exchange|rate/i.test(key)) details[key] = ["The exchange rate is decided by the server; do not send it."];
    if (key === "destination") details[key] = ["Use `asset` and `account_name`; the rest is decided by the server."];
  }
  if (Object.keys(details).length > 0) {
    throw new CredytError("invalid_request", "The request names things only the server decides.", { details });
  }
}

/**
 * Resolves a return URL suggested by the browser (or configured): paths resolve on this site; absolute
 * URLs must be http(s) on this origin or an allowed one. Anything else (other hosts, `javascript:`,
 * `//evil.example`, credentials in the URL) is a 422 on `field`.
 */
export function resolveReturnUrl(value: string, selfOrigin: string, allowed: Set<string>, field: string): URL {
  const refuse = (): never => {
    throw new CredytError("invalid_request", `\`${field}\` must be a page on this site or an allowed origin.`, {
      details: { [field]: ["must be a page on this site or an allowed origin"] },
    });
  };
  // Browsers read "\" as "/" and drop tabs/newlines, so "/\evil.example" would leave the site.
  if (value.length > 2048 || /[\\\s]/.test(value) || hasControlCharacters(value)) refuse();
  let url: URL | undefined;
  try {
    url = value.startsWith("/") && !value.startsWith("//") ? new URL(value, selfOrigin) : new URL(value);
  } catch {
    refuse();
  }
  const parsed = url as URL;
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") refuse();
  if (parsed.username || parsed.password) refuse();
  if (parsed.origin !== selfOrigin && !allowed.has(parsed.origin)) refuse();
  return parsed;
}

/** Adds `credyt_return=<marker>` so the components know, on the way back, what happened. */
export function markReturnUrl(url: URL, marker: ReturnMarker): string {
  const marked = new URL(url.href);
  marked.searchParams.set(RETURN_PARAM, marker);
  return marked.href;
}
