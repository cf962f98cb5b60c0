import type { CredytRedirect, RedirectKind } from "./context";
import { checkRedirect } from "./redirect";
import { RedirectEvent } from "./redirect-event";

/**
 * Validates a server redirect (throws a `CredytError` if refused), tells `onRedirect`, and leaves the page
 * unless it called `preventDefault()`. True when this page is navigating away. Imported by the top-up and
 * portal hooks only, so a page that never leaves for checkout never ships the redirect rules.
 */
export function navigate(
  redirect: CredytRedirect,
  url: string,
  kind: RedirectKind,
  target?: string,
  win?: Window | null,
): boolean {
  const safe = checkRedirect(url, redirect.allowedHosts);
  const event = new RedirectEvent(kind, target);
  redirect.onRedirect(safe, event);
  if (event.defaultPrevented) {
    win?.close();
    return false;
  }
  if (win) win.location.href = safe;
  else location.assign(safe);
  return !win;
}
