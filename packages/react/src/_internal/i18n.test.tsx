import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BillingPortalLink } from "./billing-portal-link";
import { de, ja } from "./messages";
import { MockCredytProvider } from "./testing/mock-provider";
import { TopUpButton } from "./top-up-button";
import { WalletBalance } from "./wallet-balance";

describe("i18n", () => {
  it("renders German strings and amounts", async () => {
    render(
      <MockCredytProvider scenario="lowBalance" locale="de-DE" labels={de}>
        <WalletBalance lowBalance={5} />
        <TopUpButton amount={20} currency="EUR" />
        <BillingPortalLink />
      </MockCredytProvider>,
    );
    await waitFor(() =>
      expect(document.querySelector('[data-credyt="balance-amount"]')?.textContent).toBe("3,20\u00a0$"),
    );
    expect(screen.getByText("Niedriges Guthaben")).toBeTruthy();
    expect(screen.getByRole("button", { name: "20,00\u00a0€ aufladen" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Abrechnung verwalten" })).toBeTruthy();
  });

  it("renders Japanese with one string overridden on top", async () => {
    render(
      <MockCredytProvider scenario="empty" locale="ja-JP" labels={{ ...ja, topUp: "購入" }}>
        <WalletBalance />
        <TopUpButton currency="JPY" />
      </MockCredytProvider>,
    );
    expect(await screen.findByText("残高はまだありません")).toBeTruthy();
    expect(screen.getByRole("button", { name: "購入" })).toBeTruthy();
  });
});
