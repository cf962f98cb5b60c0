import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BillingPortalLink } from "./billing-portal-link";
import { LowBalanceNotice } from "./low-balance-notice";
import { SpendSummary } from "./spend-summary";
import { MockCredytProvider } from "./testing/mock-provider";
import { TopUpButton } from "./top-up-button";
import { UsageHistory } from "./usage-history";
import { WalletBalance } from "./wallet-balance";

// Issue 23: `classNames` on every component, `root` included, merged with `className`, not replaced.
describe("classNames.root", () => {
  it("is merged with className on every component", async () => {
    const both = { className: "mine", classNames: { root: "part" } };
    render(
      <MockCredytProvider wallet={{ accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 1 }] }}>
        <WalletBalance {...both} data-testid="balance" />
        <TopUpButton amount={5} currency="USD" {...both} data-testid="top-up" />
        <BillingPortalLink {...both} data-testid="portal" />
        <UsageHistory {...both} data-testid="usage" />
        <SpendSummary {...both} data-testid="summary" />
        <LowBalanceNotice account="USD" lowBalance={5} {...both} data-testid="notice" />
      </MockCredytProvider>,
    );
    await screen.findByTestId("notice");
    for (const id of ["balance", "top-up", "portal", "usage", "summary", "notice"]) {
      const el = screen.getByTestId(id);
      expect(el.classList.contains("mine"), id).toBe(true);
      expect(el.classList.contains("part"), id).toBe(true);
    }
  });
});
