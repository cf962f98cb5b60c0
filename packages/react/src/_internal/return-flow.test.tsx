import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode } from "react";
import { describe, expect, it, vi } from "vitest";
import { axe } from "vitest-axe";
import { stay } from "../../test/stay";
import { CredytProvider } from "./provider";
import { createMockClient } from "./testing/mock-client";
import { TopUpButton } from "./top-up-button";
import { useCheckoutReturn } from "./use-checkout-return";
import { WalletBalance } from "./wallet-balance";

const usd = (available: number) => ({ accounts: [{ id: "default:USD", name: "default", asset: "USD", available }] });

function Status() {
  return <output>{useCheckoutReturn().status}</output>;
}

describe("coming back from checkout", () => {
  it("remembers the balance before redirecting", async () => {
    const client = createMockClient({ wallet: usd(14.57) });
    render(
      <CredytProvider client={client} onRedirect={stay} locale="en-US">
        <WalletBalance />
        <TopUpButton amount={25} currency="USD" />
      </CredytProvider>,
    );
    await screen.findByText("$14.57");
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(sessionStorage.getItem("credyt:top-up")).not.toBeNull());
    expect(JSON.parse(sessionStorage.getItem("credyt:top-up") ?? "")).toEqual({
      asset: "USD",
      accountId: "default:USD",
      available: 14.57,
      pendingIn: 0,
      amount: 25,
      currency: "USD",
    });
  });

  it("fetches the balance before redirecting when no balance on the page has loaded it", async () => {
    const client = createMockClient({ wallet: usd(14.57) });
    const onRedirect = vi.fn(stay);
    render(
      <CredytProvider client={client} onRedirect={onRedirect}>
        <TopUpButton amount={25} currency="USD" />
      </CredytProvider>,
    );
    expect(client.calls).toHaveLength(0);
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(onRedirect).toHaveBeenCalled());
    expect(client.calls.map((c) => c.method).sort()).toEqual(["createTopUp", "getWallet"]);
    expect(JSON.parse(sessionStorage.getItem("credyt:top-up") ?? "")).toEqual({
      asset: "USD",
      accountId: "default:USD",
      available: 14.57,
      pendingIn: 0,
      amount: 25,
      currency: "USD",
    });
  });

  it("remembers zero for an asset the wallet has no account for yet (the credit opens it)", async () => {
    const client = createMockClient({ wallet: { accounts: [] } });
    const onRedirect = vi.fn(stay);
    render(
      <CredytProvider client={client} onRedirect={onRedirect}>
        <TopUpButton amount={25} currency="USD" />
      </CredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(onRedirect).toHaveBeenCalled());
    expect(JSON.parse(sessionStorage.getItem("credyt:top-up") ?? "")).toEqual({
      asset: "USD",
      available: 0,
      pendingIn: 0,
      amount: 25,
      currency: "USD",
    });
  });

  it("shows 'payment received, updating…', re-fetches until the credit lands, and removes the marker", async () => {
    history.replaceState(null, "", "/billing?tab=1&credyt_return=top_up");
    sessionStorage.setItem(
      "credyt:top-up",
      JSON.stringify({ asset: "USD", accountId: "default:USD", available: 14.57 }),
    );
    const client = createMockClient({ wallet: usd(14.57) });
    const { container } = render(
      <StrictMode>
        <CredytProvider client={client} locale="en-US">
          <WalletBalance />
          <Status />
        </CredytProvider>
      </StrictMode>,
    );
    expect(await screen.findByText("Payment received, updating…")).toBeTruthy();
    // The first check shares the balance's own request (Strict Mode's double effects included).
    expect(client.calls.filter((c) => c.method === "getWallet")).toHaveLength(1);
    expect(location.search).toBe("?tab=1");
    expect(sessionStorage.getItem("credyt:top-up")).toBeNull();
    expect(await axe(container)).toHaveNoViolations();
    client.setWallet(usd(39.57));
    await waitFor(() => expect(screen.getByText("$39.57")).toBeTruthy(), { timeout: 4000 });
    expect(screen.queryByText("Payment received, updating…")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("success");
  });

  it("says the payment is still processing after the backoff runs out", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      history.replaceState(null, "", "/?credyt_return=top_up");
      sessionStorage.setItem("credyt:top-up", JSON.stringify({ asset: "USD", available: 14.57 }));
      const client = createMockClient({ wallet: usd(14.57) });
      render(
        <CredytProvider client={client}>
          <WalletBalance />
        </CredytProvider>,
      );
      // In steps, each in its own act: the poll starts from an effect once the first answer came.
      for (let i = 0; i < 12; i++) await act(() => vi.advanceTimersByTimeAsync(5_000));
      expect(screen.getByText("Payment received. Your balance will update shortly.").dataset.state).toBe("processing");
      // Bounded: the first fetch plus one per backoff step, then it stops.
      const polls = client.calls.filter((c) => c.method === "getWallet").length;
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(client.calls.filter((c) => c.method === "getWallet").length).toBe(polls);
      expect(polls).toBeLessThanOrEqual(8);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows a failed payment once", async () => {
    history.replaceState(null, "", "/?credyt_return=failed");
    sessionStorage.setItem("credyt:top-up", JSON.stringify({ asset: "USD", available: 14.57 }));
    const client = createMockClient({ wallet: usd(14.57) });
    const app = (
      <CredytProvider client={client}>
        <WalletBalance />
      </CredytProvider>
    );
    const first = render(app);
    expect(await screen.findByText("The payment did not go through. You were not charged.")).toBeTruthy();
    expect(location.search).toBe("");
    first.unmount();
    render(app);
    await screen.findByText("$14.57");
    expect(screen.queryByText("The payment did not go through. You were not charged.")).toBeNull();
  });

  it("refreshes once, quietly, after the billing portal", async () => {
    history.replaceState(null, "", "/?credyt_return=portal");
    const client = createMockClient({ wallet: usd(1) });
    render(
      <CredytProvider client={client}>
        <Status />
      </CredytProvider>,
    );
    await waitFor(() => expect(client.calls.filter((c) => c.method === "getWallet")).toHaveLength(1));
    // The balance's own first read can come before the return flow's chunk, which takes the marker out.
    await waitFor(() => expect(location.search).toBe(""));
    expect(screen.getByRole("status").textContent).toBe("idle");
  });
});
