// The prefetched portal session (a sign-in link) survives balances that move when the provider knows who
// is signed in (`customer`); without it, a different wallet is the only hint of a switch and drops it.

import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { stay } from "../../test/stay";
import { BillingPortalLink } from "./billing-portal-link";
import { CredytProvider } from "./provider";
import { createMockClient } from "./testing/mock-client";
import { useWallet } from "./use-wallet";
import { WalletBalance } from "./wallet-balance";

/** Refreshes the balance the way a live stream or an app's `mutate()` does (not `mutateCredyt`, which forgets). */
function Refresh() {
  const { mutate } = useWallet();
  return (
    <button type="button" onClick={() => void mutate()}>
      refresh
    </button>
  );
}

async function hoverChargeClick(customer: string | undefined): Promise<number> {
  const client = createMockClient();
  const onRedirect = vi.fn(stay);
  render(
    <CredytProvider client={client} onRedirect={onRedirect} cache="isolated" customer={customer}>
      <WalletBalance account="USD" />
      <BillingPortalLink />
      <Refresh />
    </CredytProvider>,
  );
  await waitFor(() =>
    expect(document.querySelector('[data-credyt="balance"]')?.getAttribute("data-state")).toBe("ready"),
  );
  const sessions = () => client.calls.filter((c) => c.method === "createBillingPortalSession").length;
  const button = screen.getByRole("button", { name: "Manage billing" });
  await userEvent.hover(button);
  await waitFor(() => expect(sessions()).toBe(1));
  // Usage was billed: the balance moves.
  const wallet = await client.getWallet();
  client.setWallet({
    accounts: wallet.accounts.map((a, i) => (i === 0 ? { ...a, available: a.available - 1 } : a)),
  });
  await userEvent.click(screen.getByRole("button", { name: "refresh" }));
  await waitFor(() => expect(client.calls.filter((c) => c.method === "getWallet").length).toBeGreaterThanOrEqual(3));
  await userEvent.click(button);
  await waitFor(() => expect(onRedirect).toHaveBeenCalledTimes(1));
  return sessions();
}

describe("the portal session and who is signed in", () => {
  it("with `customer`, a moving balance keeps the prefetched session: the click makes no round trip", async () => {
    expect(await hoverChargeClick("ada")).toBe(1);
  });

  it("without `customer`, a different wallet drops it (it may be someone else's): the click makes a new one", async () => {
    expect(await hoverChargeClick(undefined)).toBe(2);
  });
});
