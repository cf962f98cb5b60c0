import type { RedirectKind } from "./redirect-kind";

/**
 * What `onRedirect` gets besides the URL: which redirect it is, and a way to stop it. The provider
 * navigates afterwards unless `preventDefault()` was called (your router takes over, a confirm step,
 * a test): the hook observes the redirect (track "checkout started", "portal opened") by default.
 */
export interface CredytRedirectEvent {
  /** `"top_up"` (checkout) or `"billing_portal"`. */
  readonly kind: RedirectKind;
  /** The link's `target` (`"_blank"`), when one was asked for. */
  readonly target: string | undefined;
  /** True once `preventDefault()` was called. */
  readonly defaultPrevented: boolean;
  /** Stops the provider from navigating; the URL (already validated) is yours to use. */
  preventDefault(): void;
}

/** The provider's {@link CredytRedirectEvent}: `kind` and `target` are its only own fields. */
export class RedirectEvent implements CredytRedirectEvent {
  readonly kind: RedirectKind;
  readonly target: string | undefined;
  #prevented = false;
  constructor(kind: RedirectKind, target: string | undefined) {
    this.kind = kind;
    this.target = target;
  }
  get defaultPrevented(): boolean {
    return this.#prevented;
  }
  preventDefault(): void {
    this.#prevented = true;
  }
}
