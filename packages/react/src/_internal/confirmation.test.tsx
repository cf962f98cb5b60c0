import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { axe } from "vitest-axe";
import { de } from "./messages";
import { CredytProvider } from "./provider";
import { createMockClient } from "./testing/mock-client";
import { MockCredytProvider } from "./testing/mock-provider";
import { WalletBalance } from "./wallet-balance";

const usd = (available: number, pendingIn?: number) => ({
  accounts: [{ id: "default:USD", name: "default", asset: "USD", available, ...(pendingIn ? { pendingIn } : {}) }],
});

describe("pending that means something (issue 13)", () => {
  it("hides pending money this browser did not pay for, unless the app opts in with showPending", async () => {
    const page = render(
      <MockCredytProvider scenario="pendingElsewhere" locale="en-US">
        <WalletBalance />
      </MockCredytProvider>,
    );
    await screen.findByText("$14.57");
    expect(screen.queryByText("$60.00 pending")).toBeNull();
    page.unmount();
    render(
      <MockCredytProvider scenario="pendingElsewhere" locale="en-US">
        <WalletBalance showPending />
      </MockCredytProvider>,
    );
    expect(await screen.findByText("$60.00 pending")).toBeTruthy();
  });

  it("shows pending money after a checkout completed in this browser", async () => {
    render(
      <MockCredytProvider scenario="pendingTopUp" locale="en-US">
        <WalletBalance />
      </MockCredytProvider>,
    );
    expect(await screen.findByText("$25.00 pending")).toBeTruthy();
  });
});

describe("a confirmation the customer sees (issue 13)", () => {
  it('says "Added $20.00" as a status, localised, until dismissed', async () => {
    const { container } = render(
      <MockCredytProvider scenario="topUpConfirmed" locale="en-US">
        <WalletBalance />
      </MockCredytProvider>,
    );
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("Added $20.00");
    expect(status.dataset.credyt).toBe("balance-confirmation");
    expect(await axe(container)).toHaveNoViolations();
    await userEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("status")).toBeNull();

    render(
      <MockCredytProvider scenario="topUpConfirmed" locale="de-DE" labels={de}>
        <WalletBalance />
      </MockCredytProvider>,
    );
    expect((await screen.findByRole("status")).textContent).toContain("20,00\u00a0$ hinzugefügt");
  });

  it("stays at least 5 s, also when the balance had already grown before the first check", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      history.replaceState(null, "", "/?credyt_return=top_up");
      sessionStorage.setItem(
        "credyt:top-up",
        JSON.stringify({ asset: "USD", accountId: "default:USD", available: 14.57, amount: 20, currency: "USD" }),
      );
      // The credit landed before the page came back: the first read already shows it.
      const client = createMockClient({ wallet: usd(34.57) });
      render(
        <CredytProvider client={client} locale="en-US">
          <WalletBalance />
        </CredytProvider>,
      );
      // The return flow is a lazy chunk: wait for it in real time (a loaded machine needs more than a few ticks).
      await vi.waitFor(() => expect(screen.getByRole("status").textContent).toContain("Added $20.00"));
      await act(() => vi.advanceTimersByTimeAsync(5_000));
      expect(screen.getByRole("status").textContent).toContain("Added $20.00");
      await act(() => vi.advanceTimersByTimeAsync(5_000));
      expect(screen.queryByRole("status")).toBeNull();
      expect(screen.getByText("$34.57")).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });
});
