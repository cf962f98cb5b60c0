import { CredytError } from "@credyt/core";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import { describe, expect, it, vi } from "vitest";
import { axe } from "vitest-axe";
import { de, en, es, fr, ja } from "./messages";
import { CredytProvider } from "./provider";
import { fixtures } from "./testing/fixtures";
import { createMockClient } from "./testing/mock-client";
import { MockCredytProvider } from "./testing/mock-provider";
import { WalletBalance } from "./wallet-balance";

const root = (container: HTMLElement) => container.querySelector('[data-credyt="balance"]') as HTMLElement;

describe("<WalletBalance>", () => {
  it("shows a loading skeleton, busy, until the wallet arrives", async () => {
    const { container } = render(
      <MockCredytProvider scenario="loading">
        <WalletBalance />
      </MockCredytProvider>,
    );
    expect(root(container).dataset.state).toBe("loading");
    expect(root(container).getAttribute("aria-busy")).toBe("true");
    expect(root(container).getAttribute("aria-live")).toBe("polite");
    expect(screen.getByText("Loading balance…").dataset.credyt).toBe("balance-skeleton");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("formats the first account with the provider's locale", async () => {
    const { container } = render(
      <MockCredytProvider scenario="ready" locale="en-US">
        <WalletBalance />
      </MockCredytProvider>,
    );
    expect(await screen.findByText("$14.57")).toBeTruthy();
    expect(root(container).dataset.state).toBe("ready");
    expect(root(container).hasAttribute("aria-busy")).toBe(false);
    expect(await axe(container)).toHaveNoViolations();
  });

  it("picks an account by asset and by id, and formats custom assets from `assets`", async () => {
    render(
      <MockCredytProvider scenario="ready" locale="de-DE" assets={{ TOK: { label: "Tokens", compact: true } }}>
        <WalletBalance account="TOK" data-testid="by-asset" />
        <WalletBalance account="default:USD" data-testid="by-id" />
      </MockCredytProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("by-asset").textContent).toBe("993,45\u00a0Mio.\u00a0Tokens"));
    expect(screen.getByTestId("by-id").textContent).toBe("14,57\u00a0$");
  });

  it("reads all balances of a page from one wallet request", async () => {
    const client = createMockClient({ scenario: "manyAccounts" });
    render(
      <CredytProvider client={client}>
        {Array.from({ length: 20 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a static list
          <WalletBalance key={i} account={i % 2 ? "EUR" : "USD"} />
        ))}
      </CredytProvider>,
    );
    await screen.findAllByText("$1,250.50");
    expect(client.calls.filter((c) => c.method === "getWallet")).toHaveLength(1);
  });

  it("shows every account as a list with `showAll`", async () => {
    const { container } = render(
      <MockCredytProvider scenario="manyAccounts" locale="en-US">
        <WalletBalance showAll />
      </MockCredytProvider>,
    );
    const list = await screen.findByRole("list", { name: "Balance" });
    expect(list.querySelectorAll('[data-credyt="balance-item"]')).toHaveLength(6);
    expect(list.textContent).toContain("€980.00");
    expect(list.textContent).toContain("¥15,000");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("shows the empty state when the wallet has no such account", async () => {
    const { container } = render(
      <MockCredytProvider scenario="empty">
        <WalletBalance account="USD" />
      </MockCredytProvider>,
    );
    expect(await screen.findByText("No balance yet")).toBeTruthy();
    expect(root(container).dataset.state).toBe("empty");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("shows an error with a retry that re-fetches", async () => {
    const client = createMockClient({ scenario: "error" });
    const { container } = render(
      <CredytProvider client={client}>
        <WalletBalance />
      </CredytProvider>,
    );
    expect(await screen.findByText("Could not load your balance.")).toBeTruthy();
    expect(root(container).dataset.state).toBe("error");
    expect(await axe(container)).toHaveNoViolations();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(client.calls.filter((c) => c.method === "getWallet")).toHaveLength(2));
  });

  it("keeps the last good value, marked stale, when a refresh fails", async () => {
    let fail = false;
    const client = createMockClient({ scenario: "ready" });
    const getWallet = client.getWallet;
    client.getWallet = () => (fail ? Promise.reject(new CredytError("unavailable", "down")) : getWallet());
    const { container } = render(
      <CredytProvider client={client} locale="en-US">
        <WalletBalance />
      </CredytProvider>,
    );
    await screen.findByText("$14.57");
    fail = true;
    await act(async () => {
      window.dispatchEvent(new Event("online"));
      await new Promise((r) => setTimeout(r, 2100));
      window.dispatchEvent(new Event("online"));
    });
    await waitFor(() => expect(root(container).dataset.state).toBe("stale"));
    expect(screen.getByText("$14.57")).toBeTruthy();
    expect(screen.getByText("Not up to date").dataset.credyt).toBe("balance-stale");
    expect(screen.getByRole("button", { name: "Retry" })).toBeTruthy();
    expect(await axe(container)).toHaveNoViolations();
  });

  it("asks to sign in on `unauthorized`, and hides the last value (it may be another customer's)", async () => {
    let signedIn = true;
    const client = createMockClient({ scenario: "ready" });
    const getWallet = client.getWallet;
    client.getWallet = () =>
      signedIn ? getWallet() : Promise.reject(new CredytError("unauthorized", "No signed-in customer."));
    const { container } = render(
      <CredytProvider client={client} locale="en-US">
        <WalletBalance />
      </CredytProvider>,
    );
    await screen.findByText("$14.57");
    signedIn = false;
    await act(async () => {
      await new Promise((r) => setTimeout(r, 2100));
      window.dispatchEvent(new Event("online"));
    });
    expect(await screen.findByText("Sign in to see your balance.")).toBeTruthy();
    expect(root(container).dataset.state).toBe("error");
    expect(screen.queryByText("$14.57")).toBeNull();
    expect(screen.queryByText("Could not load your balance.")).toBeNull();
    expect(await axe(container)).toHaveNoViolations();
  });

  it("says 'sign in' in every bundled language", async () => {
    const client = createMockClient({ errors: { getWallet: new CredytError("unauthorized", "No session.") } });
    render(
      <CredytProvider client={client} labels={de}>
        <WalletBalance />
      </CredytProvider>,
    );
    expect(await screen.findByText("Melden Sie sich an, um Ihr Guthaben zu sehen.")).toBeTruthy();
    for (const set of [en, de, fr, es, ja]) expect(set.signedOut).not.toBe(set.loadError);
  });

  it("flags an overdraft distinctly", async () => {
    const { container } = render(
      <MockCredytProvider scenario="overdraft" locale="en-US">
        <WalletBalance lowBalance={5} />
      </MockCredytProvider>,
    );
    const amount = await screen.findByText("-$12.40");
    expect(amount.dataset.state).toBe("overdraft");
    expect(screen.getByText("Overdrawn").dataset.state).toBe("overdraft");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("flags a low balance under `lowBalance` only", async () => {
    const { container } = render(
      <MockCredytProvider scenario="lowBalance" locale="en-US">
        <WalletBalance lowBalance={5} data-testid="low" />
        <WalletBalance lowBalance={3} data-testid="fine" />
      </MockCredytProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("low").textContent).toContain("Low balance"));
    expect(screen.getByTestId("fine").textContent).toBe("$3.20");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("shows pending incoming funds and the return notice", async () => {
    const { container } = render(
      <MockCredytProvider scenario="pendingTopUp" locale="en-US">
        <WalletBalance />
      </MockCredytProvider>,
    );
    expect(await screen.findByText("$25.00 pending")).toBeTruthy();
    const notice = screen.getByText("Payment received, updating…");
    expect(notice.dataset.state).toBe("pending");
    expect(await axe(container)).toHaveNoViolations();
  });

  it("shows a failed payment notice", async () => {
    render(
      <MockCredytProvider scenario={fixtures.paymentFailed}>
        <WalletBalance />
      </MockCredytProvider>,
    );
    const notice = await screen.findByText("The payment did not go through. You were not charged.");
    expect(notice.dataset.state).toBe("failed");
    expect(await axe(document.body)).toHaveNoViolations();
  });

  it("uses `format`, `labels`, `className`, `classNames`, appearance and forwards its ref", async () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <MockCredytProvider
        scenario="overdraft"
        labels={{ overdraft: "In the red" }}
        appearance={{ theme: "dark", variables: { accent: "#f00" } }}
      >
        <WalletBalance
          ref={ref}
          className="mine"
          classNames={{ amount: "amt", badge: "bdg" }}
          format={(a) => `${a.asset} ${a.available}`}
        />
      </MockCredytProvider>,
    );
    const amount = await screen.findByText("USD -12.4");
    expect(amount.className).toBe("amt");
    expect(screen.getByText("In the red").className).toBe("bdg");
    expect(ref.current?.className).toBe("mine");
    expect(ref.current?.dataset.credytTheme).toBe("dark");
    expect(ref.current?.dataset.theme).toBeUndefined();
    expect(ref.current?.style.getPropertyValue("--credyt-accent")).toBe("#f00");
  });

  it("renders server-prefetched `initialWallet` data at once", () => {
    render(
      <CredytProvider
        client={createMockClient({ scenario: "loading" })}
        locale="en-US"
        initialWallet={fixtures.ready.wallet}
      >
        <WalletBalance />
      </CredytProvider>,
    );
    expect(screen.getByText("$14.57")).toBeTruthy();
  });

  it("throws a fix-it error outside the provider", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => render(<WalletBalance />)).toThrow("`WalletBalance` must be used within `CredytProvider`.");
    spy.mockRestore();
  });
});
