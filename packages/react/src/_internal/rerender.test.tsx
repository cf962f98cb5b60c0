import { act, render, screen, waitFor } from "@testing-library/react";
import { Profiler, useEffect } from "react";
import { describe, expect, it } from "vitest";
import { CredytProvider } from "./provider";
import { createMockClient } from "./testing/mock-client";
import { useWallet } from "./use-wallet";
import { WalletBalance } from "./wallet-balance";

// Module-level probes: each test points these at its own collectors.
let refresh: (() => Promise<unknown>) | undefined;
let seen: boolean[] = [];

/** Exposes the wallet's `mutate` without reading `isValidating`. */
function Refresher() {
  const { mutate } = useWallet();
  useEffect(() => {
    refresh = () => mutate();
  }, [mutate]);
  return null;
}

/** Reads `isValidating` on every render, as a spinner would. */
function Spinner() {
  const wallet = useWallet();
  seen.push(wallet.isValidating);
  refresh = () => wallet.mutate();
  return null;
}

// A revalidation that returns the same wallet must not re-render a balance already on screen:
// a page with twenty balances would otherwise re-render all of them on every window focus.
describe("re-renders", () => {
  it("<WalletBalance> does not re-render when a revalidation returns identical data", async () => {
    const client = createMockClient({ scenario: "ready" });
    let commits = 0;
    render(
      <CredytProvider client={client} locale="en-US">
        <Profiler id="balance" onRender={() => commits++}>
          <WalletBalance account="USD" />
        </Profiler>
        <Refresher />
      </CredytProvider>,
    );
    await waitFor(() => expect(screen.getByText("$14.57")).toBeTruthy());
    const settled = commits;
    const requestsBefore = client.calls.length;
    for (let i = 0; i < 3; i++) await act(() => refresh!());
    expect(client.calls.length - requestsBefore).toBe(3); // three real revalidations happened
    expect(commits - settled).toBe(0);
  });

  it("still re-renders readers of isValidating, and balances when the data changes", async () => {
    const client = createMockClient({ scenario: "ready", delayMs: 30 });
    render(
      <CredytProvider client={client} locale="en-US">
        <WalletBalance account="USD" />
        <Spinner />
      </CredytProvider>,
    );
    await waitFor(() => expect(screen.getByText("$14.57")).toBeTruthy());
    seen = [];
    client.setWallet({ accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 20 }] });
    act(() => {
      void refresh!();
    });
    await waitFor(() => expect(seen).toContain(true));
    await waitFor(() => expect(screen.getByText("$20.00")).toBeTruthy());
    expect(seen.at(-1)).toBe(false);
  });
});
