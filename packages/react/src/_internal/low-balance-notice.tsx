import { type Account, formatAmount } from "@credyt/core";
import { clsx } from "clsx";
import { forwardRef, type HTMLAttributes, memo, type ReactNode, useCallback, useSyncExternalStore } from "react";
import { balanceLevel } from "./balance-level";
import { BillingPortalLink } from "./billing-portal-link";
import { fill, withVariables } from "./context";
import { TopUpButton, type TopUpButtonProps } from "./top-up-button";
import { useUsageContext } from "./usage-context";
import { selectAccount } from "./use-account";
import { useWallet } from "./use-wallet";

/** Parts of `<LowBalanceNotice>` that take a class name (each carries `data-credyt="low-balance-<part>"`). */
export type LowBalanceNoticePart = "root" | "message" | "actions" | "top-up" | "portal" | "dismiss";

/** `data-state` of the notice when shown: `low` (below the threshold) or `overdraft` (below zero). */
export type LowBalanceNoticeState = "low" | "overdraft";

/** Props of {@link LowBalanceNotice}. */
export interface LowBalanceNoticeProps extends Omit<HTMLAttributes<HTMLDivElement>, "children"> {
  /**
   * The account to watch, named as everywhere (`useAccount`, `<WalletBalance>`): an asset code (`"USD"`, its
   * `default` account first) or an account id (`"default:TOK"`). @default the first account
   */
  account?: string;
  /**
   * Shown when the balance is below this amount (see `balanceLevel`); an overdraft (below zero) always shows.
   * @default the provider's `lowBalance` for the account's asset, else 0
   */
  lowBalance?: number;
  /**
   * The top-up action's props (`{ amount: 10 }`, or `{}` for the dialog); `asset` defaults to the watched
   * account's asset, and `currency` is derived as on `<TopUpButton>`. Without them the notice offers no top-up.
   */
  topUp?: Omit<TopUpButtonProps, "children"> & { children?: ReactNode };
  /** Offer the billing portal as a secondary action. @default true */
  showPortal?: boolean;
  /** Let the customer hide the notice for the rest of the browser session. @default true */
  dismissible?: boolean;
  /** Class names per part. */
  classNames?: Partial<Record<LowBalanceNoticePart, string>>;
}

const DISMISSED = "credyt:low-balance-dismissed:";
const listeners = /* @__PURE__ */ new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function readDismissed(id: string): boolean {
  try {
    return sessionStorage.getItem(DISMISSED + id) === "1";
  } catch {
    // Storage blocked (privacy mode, sandboxed frame): the notice simply stays.
    return false;
  }
}

function levelOf(
  account: Account | undefined,
  lowBalance: number | Readonly<Record<string, number>> | undefined,
): LowBalanceNoticeState | undefined {
  if (!account) return undefined;
  const level = balanceLevel(account, lowBalance);
  return level === "normal" ? undefined : level;
}

/**
 * A banner shown while an account is below its low-balance level or overdrawn, with a top-up action (a
 * `<TopUpButton>`), the billing portal as the secondary action, and a dismiss button that hides it for
 * the rest of the browser session. Renders nothing otherwise (and on the server, until the balance loads).
 */
export const LowBalanceNotice = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLDivElement, LowBalanceNoticeProps>(function LowBalanceNotice(props, ref) {
    const {
      account: which,
      lowBalance,
      topUp,
      showPortal = true,
      dismissible = true,
      classNames: cn = {},
      className,
      ...rest
    } = props;
    if (lowBalance !== undefined && (typeof lowBalance !== "number" || !Number.isFinite(lowBalance))) {
      throw new Error(
        `\`LowBalanceNotice\` needs a finite \`lowBalance\`, such as lowBalance={5}; got ${String(lowBalance)}.`,
      );
    }
    const ctx = useUsageContext("LowBalanceNotice");
    const { u, t, locale, assets } = ctx;
    const { data } = useWallet();
    const account = selectAccount(data, which);
    const level = levelOf(account, lowBalance ?? ctx.lowBalance);
    const id = account?.id ?? "";
    // Per account, so dismissing the USD warning does not hide a later TOK one. The server never hides it.
    const dismissed = useSyncExternalStore(
      subscribe,
      () => id !== "" && readDismissed(id),
      () => false,
    );
    const dismiss = useCallback(() => {
      try {
        sessionStorage.setItem(DISMISSED + id, "1");
      } catch {
        // See readDismissed.
      }
      for (const listener of listeners) listener();
    }, [id]);
    if (!account || !level || dismissed) return null;
    const amount = formatAmount(account.available, account.asset, { locale, assets });

    return (
      <div
        ref={ref}
        data-credyt="low-balance"
        data-state={level}
        role="status"
        {...ctx.rootProps}
        {...rest}
        style={withVariables(ctx.rootProps.style, rest.style)}
        className={clsx(cn.root, className) || undefined}
      >
        <p data-credyt="low-balance-message" className={cn.message}>
          {fill(level === "overdraft" ? u.overdraftNotice : u.lowBalanceNotice, { amount })}
        </p>
        <div data-credyt="low-balance-actions" className={cn.actions}>
          {topUp && (
            <TopUpButton
              asset={account.asset}
              {...topUp}
              className={clsx(cn["top-up"], topUp.className) || undefined}
            />
          )}
          {showPortal && <BillingPortalLink className={cn.portal} />}
          {dismissible && (
            <button
              type="button"
              data-credyt="low-balance-dismiss"
              aria-label={t.dismiss}
              className={cn.dismiss}
              onClick={dismiss}
            >
              ×
            </button>
          )}
        </div>
      </div>
    );
  }),
);
