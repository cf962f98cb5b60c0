import { type CredytError, formatAmount, isCurrencyCode, type TopUp, type TopUpInput, type Wallet } from "@credyt/core";
import { Slot } from "@radix-ui/react-slot";
import { clsx } from "clsx";
import { type ButtonHTMLAttributes, forwardRef, lazy, memo, Suspense, useRef, useState } from "react";
import useSWR from "swr";
import { errorText } from "./calls";
import { compose } from "./compose";
import { fill, withVariables } from "./context";
import { topUpEn } from "./messages";
import type { TopUpDialogPart } from "./top-up-dialog-part";
import { useUiContext } from "./ui-context";
import { useTopUp } from "./use-top-up";

export type { TopUpDialogPart };

/** Parts of `<TopUpButton>` that take a class name: `root` (the button) and the dialog's parts. */
export type TopUpButtonPart = "root" | TopUpDialogPart;

/** An ISO 4217 currency (`USD`), not a custom asset (`TOK`), in any case. */
const isCurrency = (code: string) => isCurrencyCode(code.toUpperCase());

// The dialog's code (Radix Dialog) loads on first open, or earlier on hover or focus of a trigger.
let dialogChunk: Promise<typeof import("./top-up-dialog")> | undefined;
let dialogReady = false;
function loadDialog(): Promise<typeof import("./top-up-dialog")> {
  dialogChunk ??= import("./top-up-dialog").then(
    (m) => {
      dialogReady = true;
      return m;
    },
    (error: unknown) => {
      dialogChunk = undefined; // a failed chunk (offline) is tried again on the next open
      throw error;
    },
  );
  return dialogChunk;
}
const TopUpDialog = /* @__PURE__ */ lazy(() => loadDialog().then((m) => ({ default: m.TopUpDialog })));

/** `data-state` of the button: `idle`, `pending` (creating the checkout), `success` (redirecting), `error`. */
export type TopUpButtonState = "idle" | "pending" | "success" | "error";

/** Props of {@link TopUpButton}. */
export interface TopUpButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onError"> {
  /** Fixed amount in major units: the click goes straight to checkout. Without it, a dialog asks. */
  amount?: number;
  /**
   * Currency the customer pays in (`"USD"`). @default `asset` when it is a currency, else the first
   * currency account of the wallet (the button waits for the wallet then)
   */
  currency?: string;
  /** Asset credited, when it differs from `currency` (`"TOK"`). @default `currency` */
  asset?: string;
  /** Called when the checkout is created and the page leaves for it ("checkout started"). */
  onSuccess?: (topUp: TopUp) => void;
  /** Called when a top-up fails (the message also shows next to the button, or in the dialog). */
  onError?: (error: CredytError) => void;
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
  /** Called when the dialog opens or closes. */
  onOpenChange?: (open: boolean) => void;
  /** Class names per part: `root` (the button, merged with `className`) and the dialog's parts. */
  classNames?: Partial<Record<TopUpButtonPart, string>>;
}

/**
 * A button that buys credit. With `amount` it goes straight to checkout; without, it opens a
 * dialog (loaded on first open) with presets and a validated custom amount. Double clicks create
 * one top-up; the catalogue's message is shown on error, next to the button.
 */
export const TopUpButton = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLButtonElement, TopUpButtonProps>(function TopUpButton(props, ref) {
    const { amount, asset, presets, min, max, description, returnUrl, asChild, children, ...other } = props;
    const { open: openProp, defaultOpen = false, onOpenChange, classNames, className, onClick, ...more } = other;
    const { onMouseEnter, onFocus } = more;
    const { onSuccess, onError, currency: currencyProp, ...rest } = more;
    const ctx = useUiContext("TopUpButton", topUpEn);
    if (currencyProp !== undefined && (typeof currencyProp !== "string" || currencyProp === "")) {
      throw new Error('`TopUpButton`: `currency` must be a currency code such as "USD", or left out.');
    }
    const fromProps = currencyProp ?? (asset !== undefined && isCurrency(asset) ? asset : undefined);
    // Nothing names the currency: the wallet's first currency account does (the shared wallet request).
    const { data: wallet } = useSWR<Wallet, CredytError>(
      fromProps === undefined ? ctx.walletKey : null,
      ctx.fetchWallet,
      ctx.walletConfig,
    );
    const currency = fromProps ?? wallet?.accounts.find((a) => isCurrency(a.asset))?.asset ?? "";
    if (amount !== undefined && !(Number.isFinite(amount) && amount > 0)) {
      throw new Error(
        `\`TopUpButton\`: \`amount\` must be a positive number, got ${amount}. Leave it out to let the customer choose.`,
      );
    }
    const { t, locale, rootProps } = ctx;
    // The components report failures in place: `trigger` resolves, SWR's `onError` still fires.
    const topUp = useTopUp({
      throwOnError: false,
      onSuccess: onSuccess && ((data) => onSuccess(data)),
      onError: onError && ((error) => onError(error)),
    });
    const [openState, setOpenState] = useState(defaultOpen);
    const open = openProp ?? openState;
    const [loaded, setLoaded] = useState(open);
    const own = useRef<HTMLButtonElement | null>(null);

    // Busy from the click until the dialog's code is in (it may take seconds on a slow network).
    const [chunkLoading, setChunkLoading] = useState(false);
    const prefetch = () => {
      if (amount !== undefined || dialogReady) return;
      loadDialog().catch(() => undefined); // the open itself reports a failure (Suspense)
    };
    const setOpen = (next: boolean) => {
      if (next && !dialogReady) {
        setChunkLoading(true);
        loadDialog().then(
          () => setChunkLoading(false),
          () => setChunkLoading(false),
        );
      }
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
      amount === undefined || currency === ""
        ? t.topUp
        : fill(t.topUpAmount, { amount: formatAmount(amount, currency, { locale }) });

    return (
      <>
        <Comp
          type={asChild ? undefined : "button"}
          data-credyt="top-up-button"
          data-state={state}
          aria-busy={topUp.isMutating || chunkLoading || undefined}
          aria-disabled={topUp.isMutating || currency === "" || undefined}
          aria-haspopup={amount === undefined ? "dialog" : undefined}
          aria-expanded={amount === undefined ? open : undefined}
          {...rootProps}
          {...rest}
          style={withVariables(rootProps.style, rest.style)}
          className={clsx(classNames?.root, className) || undefined}
          ref={(node: HTMLButtonElement | null) => {
            own.current = node;
            if (typeof ref === "function") ref(node);
            else if (ref) ref.current = node;
          }}
          onMouseEnter={compose(onMouseEnter, prefetch)}
          onFocus={compose(onFocus, prefetch)}
          onClick={compose(onClick, (event) => {
            event.preventDefault();
            if (topUp.isMutating || currency === "") return;
            if (amount === undefined) setOpen(true);
            else void topUp.trigger(input(amount));
          })}
        >
          {children ?? (topUp.isMutating && !open ? t.redirecting : label)}
        </Comp>
        {topUp.error && !open && (
          <span data-credyt="top-up-error" role="alert" className={classNames?.error}>
            {errorText(topUp.error, t)}
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
