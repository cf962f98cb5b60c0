/** What a redirect is for, passed to `onRedirect`. */
export type RedirectKind = "top_up" | "billing_portal";
