import { clsx } from "clsx";
import { forwardRef, type HTMLAttributes, memo, type ReactNode } from "react";
import { BillingPortalLink } from "./billing-portal-link";
import { LowBalanceNotice } from "./low-balance-notice";
import { SpendChart } from "./spend-chart";
import { SpendSummary } from "./spend-summary";
import { TopUpButton, type TopUpButtonProps } from "./top-up-button";
import { UsageHistory } from "./usage-history";
import { useAccount } from "./use-account";
import { WalletBalance } from "./wallet-balance";

/** The panel's slots, each replaceable: pass your own element, or `null` to leave it out. */
export type AccountPanelSlot = "notice" | "balance" | "summary" | "topUp" | "portal" | "chart" | "history";

/** Parts of `<AccountPanel>` that take a class name (`data-credyt="account-panel-<part>"`). */
export type AccountPanelPart = "root" | "header" | "title" | "overview" | "figures" | "actions" | "chart" | "history";

/** Props of {@link AccountPanel}. */
export interface AccountPanelProps extends Omit<HTMLAttributes<HTMLElement>, "children" | "title"> {
  /**
   * The account shown, named as everywhere (`useAccount`, `<WalletBalance account>`): an asset code or an
   * account id. Its balance, the low-balance notice, and this month's spend and chart of its asset.
   * @default "USD"
   */
  account?: string;
  /** A heading over the panel (`<h2>`), with the billing portal link beside it. */
  title?: ReactNode;
  /**
   * Props of the top-up button (and of the low-balance notice's). They buy the account's asset unless `asset`
   * says otherwise; `currency` is derived as on `<TopUpButton>`. @default { presets: [10, 25, 50] }
   */
  topUp?: Omit<TopUpButtonProps, "children"> & { children?: ReactNode };
  /** The low-balance level for the notice and the balance. @default the provider's `lowBalance` for the account's asset */
  lowBalance?: number;
  /** Charges per page of the usage history. @default 10 */
  historyLimit?: number;
  /** IANA time zone of "this month" and the chart's days. @default the browser's */
  tz?: string;
  /** Replace any slot with your own element, or hide it with `null`. */
  slots?: Partial<Record<AccountPanelSlot, ReactNode>>;
  /** Class names per part (`root` merged with `className`). */
  classNames?: Partial<Record<AccountPanelPart, string>>;
}

const DEFAULT_TOP_UP = { presets: [10, 25, 50] };

/**
 * The account area in one component, laid out as Credyt's hosted billing portal shows it: the balance with
 * what was spent this month, a top-up, this month's spend per day, the usage history (product and subject
 * per charge) and the billing portal link (auto top-up, payment methods). Built only from the public
 * components, so every slot can be replaced (`slots={{ chart: <MyChart /> }}`) or left out (`null`).
 *
 * @example
 * <CredytProvider customer={user.id}>
 *   <AccountPanel title="Billing" topUp={{ currency: "USD", presets: [10, 25, 50] }} />
 * </CredytProvider>
 */
export const AccountPanel = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLElement, AccountPanelProps>(function AccountPanel(props, ref) {
    const {
      account = "USD",
      title,
      topUp = DEFAULT_TOP_UP,
      lowBalance,
      historyLimit = 10,
      tz,
      slots = {},
      classNames: cn = {},
      className,
      ...rest
    } = props;
    const tzProp = tz === undefined ? {} : { tz };
    // Spend and the chart are per asset: an account id (`"default:TOK"`) is read as its account's asset
    // once the wallet (the request the balance shares) has come; an asset code is one already.
    const { data: selected } = useAccount(account);
    const asset = selected?.asset ?? (account.includes(":") ? undefined : account);
    const slot = (name: AccountPanelSlot, fallback: ReactNode): ReactNode => (name in slots ? slots[name] : fallback);

    const portal = slot("portal", <BillingPortalLink />);
    return (
      <section ref={ref} data-credyt="account-panel" {...rest} className={clsx(cn.root, className) || undefined}>
        {(title !== undefined || portal) && (
          <header data-credyt="account-panel-header" className={cn.header}>
            {title !== undefined && (
              <h2 data-credyt="account-panel-title" className={cn.title}>
                {title}
              </h2>
            )}
            {portal}
          </header>
        )}
        {slot(
          "notice",
          <LowBalanceNotice account={account} lowBalance={lowBalance} topUp={topUp} showPortal={false} />,
        )}
        <div data-credyt="account-panel-overview" className={cn.overview}>
          <div data-credyt="account-panel-figures" className={cn.figures}>
            {slot("balance", <WalletBalance account={account} lowBalance={lowBalance} />)}
            {slot("summary", <SpendSummary {...tzProp} asset={asset} />)}
          </div>
          <div data-credyt="account-panel-actions" className={cn.actions}>
            {slot("topUp", <TopUpButton asset={asset} {...topUp} />)}
          </div>
        </div>
        {slot(
          "chart",
          <div data-credyt="account-panel-chart" className={cn.chart}>
            <SpendChart asset={asset} {...tzProp} />
          </div>,
        )}
        {slot(
          "history",
          <div data-credyt="account-panel-history" className={cn.history}>
            <UsageHistory limit={historyLimit} />
          </div>,
        )}
      </section>
    );
  }),
);
