import { formatAmount } from "@credyt/core";
import {
  BillingPortalLink,
  LowBalanceNotice,
  SpendChart,
  SpendSummary,
  TopUpButton,
  UsageHistory,
  WalletBalance,
} from "@credyt/react";
import type { ReactNode } from "react";
import type { Session } from "./session";

const TOKEN_PACK_USD = 10;

/** The account area: every balance, top-ups (fixed, any amount, and tokens) and the billing portal. */
export function CreditsPage(props: { session: Session }): ReactNode {
  const tokens = formatAmount(TOKEN_PACK_USD * props.session.tokensPerDollar, "TOK", {
    locale: "en-US",
    assets: { TOK: { label: "tokens", compact: true } },
  });
  return (
    <section aria-labelledby="credits-title">
      <h1 id="credits-title">Credits</h1>
      <LowBalanceNotice account="USD" topUp={{ currency: "USD", amount: 10, description: "Glitch Studio credit" }} />
      <div className="card">
        <h2>Your balances</h2>
        <WalletBalance showAll data-testid="all-balances" />
        <p className="live-balance">
          Live: <WalletBalance live account="USD" data-testid="live-balance" />
        </p>
      </div>
      <div className="card">
        <h2>Add credit</h2>
        <div className="actions">
          <TopUpButton amount={10} currency="USD" description="Glitch Studio credit" />
          <TopUpButton currency="USD" presets={[10, 25, 50]} min={5} max={500} description="Glitch Studio credit">
            Top up any amount…
          </TopUpButton>
        </div>
        <h2>Tokens</h2>
        <p>
          Tokens pay for AI generation, at the token's own rate:{" "}
          {formatAmount(props.session.tokensPerDollar, "TOK", {
            locale: "en-US",
            assets: { TOK: { label: "tokens" } },
          })}{" "}
          per dollar.
        </p>
        <TopUpButton amount={TOKEN_PACK_USD} currency="USD" asset="TOK" description="Glitch Studio tokens">
          Buy {tokens} for {formatAmount(TOKEN_PACK_USD, "USD", { locale: "en-US" })}
        </TopUpButton>{" "}
        <TopUpButton
          currency="USD"
          asset="TOK"
          presets={[10, 25, 50]}
          min={5}
          max={500}
          description="Glitch Studio tokens"
        >
          Buy tokens for any amount…
        </TopUpButton>
      </div>
      <div className="card">
        <h2>This month</h2>
        <SpendSummary data-testid="spend-summary" />
        <SpendChart asset="USD" data-testid="spend-chart" />
      </div>
      <div className="card">
        <h2>Usage history</h2>
        <UsageHistory limit={10} data-testid="usage-history" />
      </div>
      <div className="card">
        <h2>Billing</h2>
        <p>Payment methods and automatic top-ups are managed in the billing portal.</p>
        <BillingPortalLink>Open billing portal</BillingPortalLink>
      </div>
    </section>
  );
}
