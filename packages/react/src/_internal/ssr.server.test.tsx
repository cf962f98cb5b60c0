import { Suspense, version } from "react";
import { renderToString, version as serverVersion } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BillingPortalLink } from "./billing-portal-link";
import { CredytProvider } from "./provider";
import { fixtures } from "./testing/fixtures";
import { createMockClient } from "./testing/mock-client";
import { MockCredytProvider } from "./testing/mock-provider";
import { TopUpButton } from "./top-up-button";
import { useWallet } from "./use-wallet";
import { WalletBalance } from "./wallet-balance";

function SuspenseBalance() {
  const { data } = useWallet({ suspense: true });
  return <output>{data.accounts[0]?.available}</output>;
}

describe("server rendering (node, no window)", () => {
  // Guards the React 18 server project's aliases: if they broke, that run would silently be 19.
  it("runs on the React major this project is for", () => {
    expect(version.split(".")[0]).toBe(process.env.CREDYT_REACT_MAJOR);
    expect(serverVersion.split(".")[0]).toBe(process.env.CREDYT_REACT_MAJOR);
  });

  it("has no DOM globals here", () => {
    expect(typeof window).toBe("undefined");
    expect(typeof document).toBe("undefined");
  });

  it("renders the balance skeleton without data", () => {
    const html = renderToString(
      <CredytProvider baseUrl="https://app.example/api/credyt">
        <WalletBalance />
      </CredytProvider>,
    );
    expect(html).toContain('data-credyt="balance"');
    expect(html).toContain('data-state="loading"');
    expect(html).toContain("Loading balance…");
  });

  it("renders `useWallet({ suspense: true })` on the server from `fallback` data, without suspending", () => {
    const html = renderToString(
      <CredytProvider baseUrl="/api/credyt" cache="isolated" initialWallet={fixtures.ready.wallet}>
        <Suspense fallback={<p>suspended</p>}>
          <SuspenseBalance />
        </Suspense>
      </CredytProvider>,
    );
    expect(html).toContain("<output>14.566678</output>");
    expect(html).not.toContain("suspended");
  });

  it("renders a server-prefetched balance with no loading state", () => {
    const html = renderToString(
      <CredytProvider baseUrl="/api/credyt" locale="en-US" initialWallet={fixtures.manyAccounts.wallet}>
        <WalletBalance account="USD" lowBalance={5} />
        <WalletBalance showAll />
      </CredytProvider>,
    );
    expect(html).toContain("$1,250.50");
    expect(html).toContain("€980.00");
    expect(html).not.toContain('data-state="loading"');
  });

  it("renders the top-up button (fixed amount and dialog trigger) and the portal link", () => {
    const html = renderToString(
      <MockCredytProvider locale="en-US">
        <TopUpButton amount={20} currency="USD" />
        <TopUpButton currency="USD" />
        <TopUpButton currency="USD" defaultOpen />
        <BillingPortalLink />
        <BillingPortalLink asChild target="_blank">
          <a href="/billing">Billing</a>
        </BillingPortalLink>
      </MockCredytProvider>,
    );
    expect(html).toContain("Top up $20.00");
    expect(html).toContain('aria-haspopup="dialog"');
    expect(html).toContain('data-credyt="billing-portal-link"');
    expect(html).toContain('href="/billing"');
  });

  it("renders every fixture", () => {
    for (const name of Object.keys(fixtures) as (keyof typeof fixtures)[]) {
      const html = renderToString(
        <MockCredytProvider scenario={name} client={createMockClient({ scenario: name })}>
          <WalletBalance showAll />
        </MockCredytProvider>,
      );
      expect(html, name).toContain('data-credyt="balance"');
    }
  });
});
