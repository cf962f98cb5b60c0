import { formatAmount, type TopUpInput } from "@credyt/core";
import { Slot } from "@radix-ui/react-slot";
import { type ButtonHTMLAttributes, forwardRef, lazy, memo, Suspense, useRef, useState } from "react";
import { compose } from "./compose";
import { fill, useCredytContext, withVariables } from "./context";
import { errorMessage } from "./error-message";
import type { TopUpDialogPart } from "./top-up-dialog-part";
import { useTopUp } from "./use-top-up";

export type { TopUpDialogPart };

const TopUpDialog = /* @__PURE__ */ lazy(() => import("./top-up-dialog").then((m) => ({ default: m.TopUpDialog })));

/** `data-state` of the button: `idle`, `pending` (creating the checkout), `success` (redirecting), `error`. */
export type TopUpButtonState = "idle" | "pending" | "success" | "error";

/** Props of {@link TopUpButton}. */
export interface TopUpButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Fixed amount in major units: the click goes straight to checkout. Without it, a dialog asks. */
  amount?: number;
  /** Currency the customer pays in (`"USD"`). */
  currency: string;
  /** Asset credited, when it differs from `currency` (`"TOK"`). */
  asset?: string;
  /** Amounts offered as one-click choices in the dialog. @default [10, 25, 50] */
  presets?: number[];
  /** Smallest amount the dialog accepts (match your proxy's `topUps.min`). */
  min?: number;
  /** Largest amount the dialog accepts (match your proxy's `topUps.max`). */
  max?: number;
  /** Shown on the checkout page. */
  description?: string;
  /** Where the customer comes back to after paying. @default the proxy's `returnUrl` */
  returnUrl?: string;
  /** Merge our behaviour into your own child element (Radix Slot). @default false */
  asChild?: boolean;
  /** Dialog open state (controlled). */
  open?: boolean;
  /** Dialog open state on first render (uncontrolled). @default false */
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Class names of the dialog's parts. */
  classNames?: Partial<Record<TopUpDialogPart, string>>;
}

/**
 * A button that buys credit. With `amount` it goes straight to checkout; without, it opens a
 * dialog (loaded on first open) with presets and a validated custom amount. Double clicks create
 * one top-up; the catalogue's message is shown on error, next to the button.
 */
export const TopUpButton = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLButtonElement, TopUpButtonProps>(function TopUpButton(props, ref) {
    const { amount, currency, asset, presets, min, max, description, returnUrl, asChild, children, ...other } = props;
    const { open: openProp, defaultOpen = false, onOpenChange, classNames, className, onClick, ...rest } = other;
    const ctx = useCredytContext("TopUpButton");
    if (typeof currency !== "string" || currency === "") {
      throw new Error('`TopUpButton` needs a `currency`, for example <TopUpButton currency="USD" />.');
    }
    if (amount !== undefined && !(Number.isFinite(amount) && amount > 0)) {
      throw new Error(
        `\`TopUpButton\`: \`amount\` must be a positive number, got ${amount}. Leave it out to let the customer choose.`,
      );
    }
    const { t, locale, rootProps } = ctx;
    const topUp = useTopUp();
    const [openState, setOpenState] = useState(defaultOpen);
    const open = openProp ?? openState;
    const [loaded, setLoaded] = useState(open);
    const own = useRef<HTMLButtonElement | null>(null);

    const setOpen = (next: boolean) => {
      if (next) setLoaded(true);
      setOpenState(next);
      onOpenChange?.(next);
    };
    if (open && !loaded) setLoaded(true);

    const input = (value: number): TopUpInput => ({ amount: value, currency, asset, description, returnUrl });
    const state: TopUpButtonState = topUp.isMutating
      ? "pending"
      : topUp.error
        ? "error"
        : topUp.data
          ? "success"
          : "idle";
    const Comp = asChild ? Slot : "button";
    const label =
      amount === undefined ? t.topUp : fill(t.topUpAmount, { amount: formatAmount(amount, currency, { locale }) });

    return (
      <>
        <Comp
          type={asChild ? undefined : "button"}
          data-credyt="top-up-button"
          data-state={state}
          aria-busy={topUp.isMutating || undefined}
          aria-disabled={topUp.isMutating || undefined}
          aria-haspopup={amount === undefined ? "dialog" : undefined}
          aria-expanded={amount === undefined ? open : undefined}
          {...rootProps}
          {...rest}
          style={withVariables(rootProps.style, rest.style)}
          className={className}
          ref={(node: HTMLButtonElement | null) => {
            own.current = node;
            if (typeof ref === "function") ref(node);
            else if (ref) ref.current = node;
          }}
          onClick={compose(onClick, (event) => {
            event.preventDefault();
            if (topUp.isMutating) return;
            if (amount === undefined) setOpen(true);
            else void topUp.trigger(input(amount));
          })}
        >
          {children ?? (topUp.isMutating && !open ? t.redirecting : label)}
        </Comp>
        {topUp.error && !open && (
          <span data-credyt="top-up-error" role="alert" className={classNames?.error}>
            {errorMessage(topUp.error, t)}
          </span>
        )}
        {loaded && (
          <Suspense fallback={null}>
            <TopUpDialog
              open={open}
              onOpenChange={setOpen}
              onSubmit={(value) => topUp.trigger(input(value))}
              topUp={topUp}
              currency={currency}
              asset={asset}
              presets={presets ?? [10, 25, 50]}
              min={min}
              max={max}
              returnFocus={own}
              classNames={classNames ?? {}}
              ctx={ctx}
            />
          </Suspense>
        )}
      </>
    );
  }),
);
