import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AccountPanel } from "./account-panel";
import { LowBalanceNotice } from "./low-balance-notice";
import { SpendChart } from "./spend-chart";
import { SpendSummary } from "./spend-summary";
import { createMockClient } from "./testing/mock-client";
import { MockCredytProvider } from "./testing/mock-provider";

// Issue 23's one vocabulary: `account` names which account (an asset code or an account id, as
// `useAccount` takes it) on every component; `asset` is what is bought or charted, on SpendSummary too
// (no more `assets`, which is the provider's display settings); `currency` is derived when it can be.
const wallet = {
  accounts: [
    { id: "default:USD", name: "default", asset: "USD", available: 12 },
    { id: "default:TOK", name: "default", asset: "TOK", available: 40 },
  ],
};
const summaryText = async () => (await screen.findByText(/^Spent this month:/)).textContent ?? "";

describe("one vocabulary", () => {
  it("<SpendSummary asset>: one asset code (any case), or several in their order", async () => {
    const { unmount } = render(
      <MockCredytProvider wallet={wallet} locale="en-US">
        <SpendSummary tz="UTC" asset="tok" />
      </MockCredytProvider>,
    );
    expect(await summaryText()).toMatch(/^Spent this month: [\d,.]+\sTOK$/);
    unmount();
    render(
      <MockCredytProvider wallet={wallet} locale="en-US">
        <SpendSummary tz="UTC" asset={["TOK", "USD"]} />
      </MockCredytProvider>,
    );
    expect(await summaryText()).toMatch(/^Spent this month: [\d,.]+\sTOK · \$[\d.]+$/);
  });

  it("<LowBalanceNotice account> buys the watched account's asset, the currency derived", async () => {
    const client = createMockClient({ wallet });
    render(
      <MockCredytProvider client={client} locale="en-US">
        <LowBalanceNotice account="default:TOK" lowBalance={100} topUp={{ amount: 10 }} showPortal={false} />
      </MockCredytProvider>,
    );
    const button = await screen.findByRole("button", { name: /Top up/ });
    await waitFor(() => expect(button.textContent).toBe("Top up $10.00"));
    fireEvent.click(button);
    await waitFor(() => expect(client.calls.some((c) => c.method === "createTopUp")).toBe(true));
    const call = client.calls.find((c) => c.method === "createTopUp");
    expect(call?.input).toMatchObject({ amount: 10, currency: "USD", asset: "TOK" });
  });

  it("<AccountPanel account> by id: spend and top-up of that account's asset; classNames.root on the panel and the chart", async () => {
    const client = createMockClient({ wallet });
    render(
      <MockCredytProvider client={client} locale="en-US">
        <AccountPanel
          account="default:TOK"
          tz="UTC"
          topUp={{ amount: 5 }}
          slots={{ history: null, portal: null, notice: null, chart: null }}
          className="mine"
          classNames={{ root: "part" }}
          data-testid="panel"
        />
        <SpendChart tz="UTC" className="mine" classNames={{ root: "part" }} data-testid="chart" />
      </MockCredytProvider>,
    );
    await waitFor(async () => expect(await summaryText()).toMatch(/^Spent this month: [\d,.]+\sTOK$/));
    for (const id of ["panel", "chart"]) {
      const el = screen.getByTestId(id);
      expect(el.classList.contains("mine"), id).toBe(true);
      expect(el.classList.contains("part"), id).toBe(true);
    }
    fireEvent.click(await screen.findByRole("button", { name: "Top up $5.00" }));
    await waitFor(() => expect(client.calls.some((c) => c.method === "createTopUp")).toBe(true));
    expect(client.calls.find((c) => c.method === "createTopUp")?.input).toMatchObject({
      asset: "TOK",
      currency: "USD",
    });
  });
});
