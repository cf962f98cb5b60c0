import { CredytError, isLoopbackHost } from "@credyt/core";
import { DEFAULT_API_URL } from "./config";
import { UpstreamFailure } from "./upstream";

function isCredytHost(hostname: string): boolean {
  return hostname === "credyt.ai" || hostname.endsWith(".credyt.ai");
}

/**
 * Where Credyt may send the customer: https on credyt.ai or a subdomain. When `apiUrl` is not Credyt's
 * (the emulator, a test double), its own origin and this site's origin are allowed too (the emulator
 * serves its checkout from either), and a loopback `apiUrl` or a loopback page (development) allows
 * loopback hosts on any port.
 */
export function isAllowedRedirect(value: string, apiUrl: string, selfOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === "https:" && isCredytHost(url.hostname)) return true;
  if (apiUrl === DEFAULT_API_URL || (url.protocol !== "https:" && url.protocol !== "http:")) return false;
  const api = new URL(apiUrl);
  if (url.origin === api.origin || url.origin === selfOrigin) return true;
  const selfIsLoopback = isLoopbackHost(new URL(selfOrigin).hostname);
  return (isLoopbackHost(api.hostname) || selfIsLoopback) && isLoopbackHost(url.hostname);
}

/** Refuses (502 `invalid_response`) a `redirect_url` from upstream that is not a Credyt checkout or portal. */
export function checkUpstreamRedirect(value: string, apiUrl: string, selfOrigin: string): void {
  if (isAllowedRedirect(value, apiUrl, selfOrigin)) return;
  let shown = "an invalid URL";
  try {
    const url = new URL(value);
    shown = `${url.protocol}//${url.host}`;
  } catch {
    // keep "an invalid URL": the value itself may be anything, and is not logged whole
  }
  throw new CredytError("invalid_response", "The billing service sent a payment page address that is not allowed.", {
    status: 502,
    cause: new UpstreamFailure(
      `Credyt's redirect_url points to ${shown}, not https on credyt.ai${apiUrl === DEFAULT_API_URL ? "" : ` or ${new URL(apiUrl).origin}`}`,
    ),
  });
}
