import { loadCheckout } from "./calls";
import type { CredytRedirect, RedirectKind } from "./context";

/**
 * Validates a server redirect (rejects with a `CredytError` if refused), tells `onRedirect`, and leaves the
 * page unless it called `preventDefault()`. True when this page is navigating away. The rules are in the
 * checkout chunk (checkout.ts), already loaded by the call that returned the URL.
 */
export async function navigate(
  redirect: CredytRedirect,
  url: string,
  kind: RedirectKind,
  target?: string,
  win?: Window | null,
): Promise<boolean> {
  return (await loadCheckout()).navigate(redirect, url, kind, target, win);
}
