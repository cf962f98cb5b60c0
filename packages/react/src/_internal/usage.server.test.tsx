import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LowBalanceNotice } from "./low-balance-notice";
import { CredytProvider } from "./provider";
import { SpendChart } from "./spend-chart";
import { SpendSummary } from "./spend-summary";
import { fixtures } from "./testing/fixtures";
import { UsageHistory } from "./usage-history";

describe("the usage components render on the server (node, no window)", () => {
  it("render their loading states and touch no browser API", () => {
    const html = renderToString(
      <CredytProvider baseUrl="https://app.example/api/credyt" locale="en-US">
        <UsageHistory />
        <SpendSummary />
        <SpendChart />
        <LowBalanceNotice lowBalance={5} topUp={{ currency: "USD" }} />
      </CredytProvider>,
    );
    expect(html).toContain('data-credyt="usage-history" data-state="loading"');
    expect(html).toContain("Loading usage…");
    expect(html).toContain('data-credyt="spend-summary" data-state="loading"');
    expect(html).toContain('data-credyt="spend-chart" data-state="loading"');
    expect(html).not.toContain("low-balance");
  });

  it("renders the low-balance notice from a server-prefetched wallet (never dismissed on the server)", () => {
    const html = renderToString(
      <CredytProvider baseUrl="/api/credyt" locale="en-US" initialWallet={fixtures.lowBalance.wallet}>
        <LowBalanceNotice account="USD" lowBalance={5} topUp={{ currency: "USD", amount: 20 }} />
      </CredytProvider>,
    );
    expect(html).toContain('data-credyt="low-balance"');
    expect(html).toMatch(/data-state="(low|overdraft)"/);
    expect(html).toContain("Top up $20.00");
  });
});
