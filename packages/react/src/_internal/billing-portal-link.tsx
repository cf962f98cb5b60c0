import type { CredytError, PortalSession } from "@credyt/core";
import { Slot } from "@radix-ui/react-slot";
import { clsx } from "clsx";
import { type ButtonHTMLAttributes, forwardRef, memo } from "react";
import { errorText } from "./calls";
import { compose } from "./compose";
import { withVariables } from "./context";
import { portalEn } from "./messages";
import { useUiContext } from "./ui-context";
import { useBillingPortal } from "./use-billing-portal";

/** Parts of `<BillingPortalLink>` that take a class name (`data-credyt="billing-portal-<part>"`), as in `<TopUpButton classNames>`. */
export type BillingPortalLinkPart = "root" | "error";

/** `data-state` of the link: `idle`, `pending` (creating the session), `success` (navigating), `error`. */
export type BillingPortalLinkState = "idle" | "pending" | "success" | "error";

/** Props of {@link BillingPortalLink}. */
export interface BillingPortalLinkProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onError"> {
  /** Merge our behaviour into your own element, e.g. `<a href="/billing">` as a no-JS fallback. @default false */
  asChild?: boolean;
  /** `"_blank"` opens the portal in a new tab without being blocked as a popup. @default "_self" */
  target?: string;
  /** Class names per part: `{ error }` styles the message shown after a failure (the same shape as `<TopUpButton>`'s). */
  classNames?: Partial<Record<BillingPortalLinkPart, string>>;
  /** Called when the portal session is ready and the page leaves for it ("portal opened"). */
  onSuccess?: (session: PortalSession) => void;
  /** Called when opening the portal fails (the message also shows next to the link). */
  onError?: (error: CredytError) => void;
}

/**
 * Opens the hosted billing portal. The session is created on click and prefetched on hover and
 * focus, so the click usually navigates at once; same tab or a new one (`target="_blank"`).
 */
export const BillingPortalLink = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLButtonElement, BillingPortalLinkProps>(function BillingPortalLink(props, ref) {
    const {
      asChild,
      target,
      classNames,
      onSuccess,
      onError,
      className,
      children,
      onClick,
      onMouseEnter,
      onFocus,
      ...rest
    } = props;
    const { t, rootProps } = useUiContext("BillingPortalLink", portalEn);
    // Failures show in place: `trigger` resolves, SWR's `onError` still fires.
    const portal = useBillingPortal({
      throwOnError: false,
      onSuccess: onSuccess && ((session) => onSuccess(session)),
      onError: onError && ((error) => onError(error)),
    });
    const state: BillingPortalLinkState = portal.isMutating
      ? "pending"
      : portal.error
        ? "error"
        : portal.data
          ? "success"
          : "idle";
    const Comp = asChild ? Slot : "button";

    return (
      <>
        <Comp
          ref={ref}
          type={asChild ? undefined : "button"}
          data-credyt="billing-portal-link"
          data-state={state}
          aria-busy={portal.isMutating || undefined}
          {...rootProps}
          {...rest}
          style={withVariables(rootProps.style, rest.style)}
          className={clsx(classNames?.root, className) || undefined}
          onMouseEnter={compose(onMouseEnter, portal.prefetch)}
          onFocus={compose(onFocus, portal.prefetch)}
          onClick={compose(onClick, (event) => {
            // Also stops a child `<a href>` from navigating: the portal URL comes from the session.
            event.preventDefault();
            if (!portal.isMutating) void portal.trigger({ target });
          })}
        >
          {children ?? t.billingPortal}
        </Comp>
        {portal.error && (
          <span data-credyt="billing-portal-error" role="alert" className={classNames?.error}>
            {errorText(portal.error, t)}
          </span>
        )}
      </>
    );
  }),
);
