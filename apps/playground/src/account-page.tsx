import { AccountPanel } from "@credyt/react";
import type { ReactNode } from "react";
import { LOW_BALANCE_USD } from "./settings";

/**
 * The account area as one component: `<AccountPanel>` lays out what Credyt's hosted billing portal shows
 * (balance and this month's spend, a top-up, the spend chart, the usage history, the portal link for
 * payment methods and automatic top-ups), each slot replaceable.
 */
export function AccountPage(): ReactNode {
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Account</h1>
      <AccountPanel
        account="USD"
        lowBalance={LOW_BALANCE_USD}
        topUp={{ currency: "USD", presets: [10, 25, 50], min: 5, max: 500, description: "Glitch Studio credit" }}
        data-testid="account-panel"
      />
    </section>
  );
}
