// The shapes of the names and ids the proxy checks, each written once. Asset codes and currency codes
// come from @credyt/core (`isAssetCode`, `isCurrencyCode`), which the browser and the emulator share.
import { isAssetCode } from "@credyt/core";

/** A wallet account's name (`default`, `promo-2026`). */
export const ACCOUNT_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** What {@link ACCOUNT_NAME_PATTERN} means, for error messages. */
export const ACCOUNT_NAME_RULE = "1-64 letters, digits, _ or -";

/** A Credyt customer id as the proxy passes it on (`cust_…`; ids of other shapes are tolerated). */
export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** What {@link CUSTOMER_ID_PATTERN} means, for error messages. */
export const CUSTOMER_ID_RULE = "1-128 letters, digits, _ or -";

/** A `Host` or `X-Forwarded-Host` value: a name or an IPv4 address, or a bracketed IPv6 one, and a port. */
export const HOST_PATTERN = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/** True for an account id `name:ASSET` (`default:USD`, `default:gpu-min`). */
export function isAccountId(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const colon = value.indexOf(":");
  return colon > 0 && ACCOUNT_NAME_PATTERN.test(value.slice(0, colon)) && isAssetCode(value.slice(colon + 1));
}
