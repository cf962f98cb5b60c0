import { toHex } from "@credyt/core";

/** Crockford base32 in lower case: no i, l, o or u, as in Credyt's ids. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A Credyt-style id: `<prefix>_` then 26 Crockford base32 characters starting with `4`,
 * like `cust_4yd8340ff7fvwe1emfpe87d4w6`.
 */
export function randomId(prefix: string): string {
  const bytes = new Uint8Array(25);
  crypto.getRandomValues(bytes);
  let suffix = "4";
  for (const byte of bytes) suffix += ALPHABET[byte % 32];
  return `${prefix}_${suffix}`;
}

/** A W3C trace id like ASP.NET's `traceId`: `00-<32 hex>-<16 hex>-00`. */
export function traceId(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  const hex = toHex(bytes);
  return `00-${hex.slice(0, 32)}-${hex.slice(32, 48)}-00`;
}
