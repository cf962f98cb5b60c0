import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { balanceLevel } from "./balance-level";
import { LowBalanceNotice } from "./low-balance-notice";
import { MockCredytProvider } from "./testing/mock-provider";
import { WalletBalance } from "./wallet-balance";

// Issue 23: the low-balance level is set once (per asset, on the provider), computed by one exported
// function, and a component may override it.
const usd = (available: number) => ({ id: "default:USD", name: "default", asset: "USD", available });

describe("balanceLevel", () => {
  it("overdraft below zero, low below the level, normal otherwise; per-asset levels in any case", () => {
    expect(balanceLevel(usd(-1), 5)).toBe("overdraft");
    expect(balanceLevel(usd(3), 5)).toBe("low");
    expect(balanceLevel(usd(5), 5)).toBe("normal");
    expect(balanceLevel(usd(3))).toBe("normal");
    expect(balanceLevel(usd(3), { usd: 5 })).toBe("low");
    expect(balanceLevel(usd(3), { TOK: 5 })).toBe("normal");
  });

  it("the provider's level reaches WalletBalance and LowBalanceNotice; a component's own wins", async () => {
    const wallet = { accounts: [usd(3)] };
    render(
      <MockCredytProvider wallet={wallet} lowBalance={{ USD: 5 }} locale="en-US">
        <WalletBalance account="USD" data-testid="by-provider" />
        <WalletBalance account="USD" lowBalance={2} data-testid="own" />
        <LowBalanceNotice account="USD" dismissible={false} showPortal={false} />
      </MockCredytProvider>,
    );
    const byProvider = await screen.findByTestId("by-provider");
    expect(await screen.findByText("Low balance")).toBeTruthy();
    expect(byProvider.querySelector('[data-credyt="balance-amount"]')?.getAttribute("data-state")).toBe("low");
    expect(screen.getByTestId("own").querySelector('[data-credyt="balance-amount"]')?.getAttribute("data-state")).toBe(
      "normal",
    );
    expect(document.querySelector('[data-credyt="low-balance"]')?.getAttribute("data-state")).toBe("low");
  });
});
