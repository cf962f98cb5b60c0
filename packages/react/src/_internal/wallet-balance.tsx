import { type Account, formatAmount } from "@credyt/core";
import { clsx } from "clsx";
import { forwardRef, type HTMLAttributes, memo, type ReactNode, useMemo } from "react";
import { balanceLevel } from "./balance-level";
import { fill, withVariables } from "./context";
import { chunk, useChunk } from "./lazy";
import { useChangeCue } from "./live-cues";
import { useLive } from "./live-demand";
import { balanceEn } from "./messages";
import { useUiContext } from "./ui-context";
import { selectAccount } from "./use-account";
import { useWallet } from "./use-wallet";

/** Parts of `<WalletBalance>` that take a class name (each also carries `data-credyt="balance-<part>"`). */
export type WalletBalancePart =
  | "root"
  | "list"
  | "item"
  | "amount"
  | "badge"
  | "pending"
  | "notice"
  | "skeleton"
  | "empty"
  | "error"
  | "stale"
  | "retry"
  | "confirmation"
  | "dismiss";

/**
 * `data-state` of the root: `loading` (no data yet), `ready`, `empty` (no such account),
 * `error` (nothing to show; on `unauthorized` a sign-in message and no last value), `stale` (a refresh
 * failed; the last good value stays, marked).
 */
export type WalletBalanceState = "loading" | "ready" | "empty" | "error" | "stale";

/** Props of {@link WalletBalance}. */
export interface WalletBalanceProps extends Omit<HTMLAttributes<HTMLDivElement>, "children"> {
  /**
   * The account to show, named as everywhere (`useAccount`, `<LowBalanceNotice>`, `<AccountPanel>`): an
   * asset code (`"USD"`, its `default` account first) or an account id (`"default:USD"`).
   * @default the first account
   */
  account?: string;
  /** Show every account as a list. @default false */
  showAll?: boolean;
  /**
   * Follow the proxy's live stream, so the balance moves within seconds as usage is billed, in every tab.
   * A change is cued on the root (`data-change="up" | "down"` for about a second; the default styles fade
   * the amount's colour, and not at all under `prefers-reduced-motion`); the stream's state is `data-live`
   * (`connecting | live | paused | unavailable`). @default the provider's `live`
   */
  live?: boolean;
  /**
   * Show incoming pending amounts (`pendingIn`) always. By default they show only after the customer
   * completed a checkout in this browser: an abandoned or refused top-up never reads as money on its way.
   * @default false
   */
  showPending?: boolean;
  /**
   * Below this amount (and at or above zero) the balance is flagged `low` (see `balanceLevel`).
   * @default the provider's `lowBalance` for the account's asset
   */
  lowBalance?: number;
  /** Custom rendering of an amount. @default formatAmount with the provider's locale and assets */
  format?: (account: Account) => ReactNode;
  /** Class names per part. */
  classNames?: Partial<Record<WalletBalancePart, string>>;
}

const NOT_LIVE = { live: false } as const;

/**
 * The code for a live balance (its status region) and for a checkout return (notices, "Added $20.00", the
 * pending amount paid in this browser), loaded after mount while one is under way.
 */
const loadExtras = /* @__PURE__ */ chunk(() => import("./wallet-balance-extras"));

/**
 * Shows a balance (or every balance with `showAll`): a loading skeleton, an empty state, an error
 * with retry that keeps the last good value marked stale, overdraft and low-balance flags, and the
 * "payment received, updating…" notice after checkout. Updates are announced (`aria-live`).
 */
export const WalletBalance = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLDivElement, WalletBalanceProps>(function WalletBalance(props, ref) {
    const {
      account: which,
      showAll,
      showPending,
      live,
      lowBalance: ownLevel,
      format,
      classNames = {},
      className,
      ...rest
    } = props;
    const ctx = useUiContext("WalletBalance", balanceEn);
    // The provider's stream is asked for here rather than through useWallet({ live }), so its status can go out on
    // the root as `data-live` (connecting | live | paused | unavailable) for styling and tests.
    const isLive = useLive(ctx, live);
    const liveStatus = isLive ? ctx.liveStatus : undefined;
    const wallet = useWallet(NOT_LIVE);
    const { returnStatus: status, returnTopUp: paid } = ctx;
    const extras = useChunk(loadExtras, isLive || status !== "idle");
    // The checkout-return strings come with the extras; the app's `labels` win.
    const t = useMemo(() => (extras ? { ...extras.returnEn, ...ctx.t } : ctx.t), [extras, ctx.t]);
    const { data, error, mutate } = wallet;
    const account = showAll ? undefined : selectAccount(data, which);
    const hasData = showAll ? data !== undefined && data.accounts.length > 0 : account !== undefined;
    // Signed out: the last value may be another customer's, so it is not kept on screen.
    const signedOut = error?.code === "unauthorized";
    const state: WalletBalanceState = error
      ? hasData && !signedOut
        ? "stale"
        : "error"
      : data === undefined
        ? "loading"
        : hasData
          ? "ready"
          : "empty";
    // Comparing the number is only a cue (up or down), never money arithmetic.
    const change = useChangeCue(account?.available);
    const options = { locale: ctx.locale, assets: ctx.assets };
    const lowBalance = ownLevel ?? ctx.lowBalance;
    // One account's parts, in an `<li>` for the `showAll` list. A plain function called per account, not a
    // component: a list of a hundred accounts then costs no hundred extra fibers (it uses no hooks), and the
    // parts go straight into the `<li>` (no fragment per row).
    const row = (account: Account, item: boolean): ReactNode => {
      const level = balanceLevel(account, lowBalance);
      // Paid in this browser (the return flow saw the proxy's marker): only that money is really coming.
      const mine = extras && (!paid?.asset || paid.asset.toUpperCase() === account.asset.toUpperCase());
      const pending = showPending
        ? account.pendingIn
        : mine
          ? extras.pendingShown(account.pendingIn, status, paid)
          : undefined;
      const amount = (
        <span data-credyt="balance-amount" data-state={level} className={classNames.amount}>
          {format ? format(account) : formatAmount(account.available, account.asset, options)}
        </span>
      );
      const badge = level !== "normal" && (
        <span data-credyt="balance-badge" data-state={level} className={classNames.badge}>
          {level === "low" ? t.lowBalance : t.overdraft}
        </span>
      );
      const pendingIn = pending !== undefined && pending > 0 && (
        <span data-credyt="balance-pending" className={classNames.pending}>
          {fill(t.pendingIn, { amount: formatAmount(pending, account.asset, options) })}
        </span>
      );
      const notice = mine && extras.notice(status, t, classNames);
      return item ? (
        <li key={account.id} data-credyt="balance-item" data-state={level} className={classNames.item}>
          {amount}
          {badge}
          {pendingIn}
          {notice}
        </li>
      ) : (
        <>
          {amount}
          {badge}
          {pendingIn}
          {notice}
        </>
      );
    };

    return (
      <div
        ref={ref}
        data-credyt="balance"
        data-state={state}
        data-change={change}
        data-live={liveStatus}
        aria-live={isLive ? "off" : "polite"}
        // `isValidating` is read only outside "ready", so a background refresh of a shown balance
        // does not re-render it (reading it subscribes to its changes).
        aria-busy={state === "loading" || (state !== "ready" && wallet.isValidating) ? true : undefined}
        {...ctx.rootProps}
        {...rest}
        style={withVariables(ctx.rootProps.style, rest.style)}
        className={clsx(classNames.root, className) || undefined}
      >
        {/* Live balances can move every few seconds: the root stops announcing each move, and a status
            region says the latest balance at most every LIVE_ANNOUNCE_MS instead. */}
        {isLive && extras && (
          <extras.Announcement
            accounts={state !== "ready" ? undefined : showAll ? data?.accounts : account && [account]}
            options={options}
          />
        )}
        {state === "loading" && (
          <span data-credyt="balance-skeleton" className={classNames.skeleton}>
            {t.loading}
          </span>
        )}
        {state === "empty" && (
          <span data-credyt="balance-empty" className={classNames.empty}>
            {t.empty}
          </span>
        )}
        {hasData &&
          state !== "error" &&
          (showAll ? (
            <ul data-credyt="balance-list" aria-label={t.balance} className={classNames.list}>
              {data?.accounts.map((a) => row(a, true))}
            </ul>
          ) : (
            account && row(account, false)
          ))}
        {extras && <extras.Confirmation status={status} paid={paid} t={t} cn={classNames} options={options} />}
        {error && (
          <>
            <span
              data-credyt={state === "stale" ? "balance-stale" : "balance-error"}
              className={state === "stale" ? classNames.stale : classNames.error}
            >
              {state === "stale"
                ? t.stale
                : signedOut
                  ? t.signedOut
                  : error.code === "forbidden"
                    ? t.errorForbidden
                    : t.loadError}
            </span>
            <button
              type="button"
              data-credyt="balance-retry"
              data-state={wallet.isValidating ? "pending" : "idle"}
              aria-disabled={wallet.isValidating || undefined}
              className={classNames.retry}
              onClick={() => {
                if (!wallet.isValidating) void mutate();
              }}
            >
              {t.retry}
            </button>
          </>
        )}
      </div>
    );
  }),
);
