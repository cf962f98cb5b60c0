import { CredytError, credytKeys, isCredytKey, type Wallet } from "@credyt/core";
import { act, render, screen, waitFor } from "@testing-library/react";
import { Suspense } from "react";
import useSWR, { mutate, SWRConfig } from "swr";
import { describe, expect, it, vi } from "vitest";
import { stay } from "../../test/stay";
import { mutateCredyt } from "./mutate-credyt";
import { CredytProvider } from "./provider";
import { createMockClient } from "./testing/mock-client";
import { useAccount } from "./use-account";
import { useBillingPortal } from "./use-billing-portal";
import { useWallet } from "./use-wallet";
import { WalletBalance } from "./wallet-balance";

const usd = (available: number): Wallet => ({
  accounts: [{ id: "default:USD", name: "default", asset: "USD", available }],
});
const gets = (client: ReturnType<typeof createMockClient>) =>
  client.calls.filter((c) => c.method === "getWallet").length;

// Components at module level; each test points the probes below at its own collectors.
let onSuccess: (wallet: Wallet) => void = () => {};
let shown: string[] = [];
let open: (() => Promise<unknown>) | undefined;
let fallbacks: string[] = [];

function Probe() {
  const { data } = useAccount("USD", { onSuccess, revalidateOnFocus: false });
  return <output>{data?.available}</output>;
}

// The app's own SWR hook on the same key in the app's cache: it must not see our data.
function AppReader() {
  const { data } = useSWR<Wallet>(credytKeys.wallet("/api/credyt"), null);
  return <output>{data ? "leaked" : "apart"}</output>;
}

function Page() {
  const { data } = useWallet();
  const portal = useBillingPortal();
  open = () => portal.trigger();
  shown.push(data ? String(data.accounts[0]?.available) : "none");
  return null;
}

function Balance() {
  const { data } = useWallet({ suspense: true });
  return <output>{data.accounts[0]?.available}</output>;
}

function Waiting() {
  fallbacks.push("waiting");
  return <p>waiting</p>;
}

describe("SWR interop", () => {
  it('`mutate(credytKeys.wallet(baseUrl))` from "swr" revalidates every Credyt balance', async () => {
    const client = createMockClient({ wallet: usd(1), baseUrl: "/api/credyt" });
    render(
      <CredytProvider client={client} locale="en-US">
        <WalletBalance data-testid="a" />
        <WalletBalance data-testid="b" />
      </CredytProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("a").textContent).toBe("$1.00"));
    client.setWallet(usd(7));
    await act(() => mutate(credytKeys.wallet("/api/credyt")));
    expect(screen.getByTestId("a").textContent).toBe("$7.00");
    expect(screen.getByTestId("b").textContent).toBe("$7.00");

    // SWR's filter form reaches every Credyt key, whatever the base URL.
    client.setWallet(usd(9));
    await act(() => mutate((key) => isCredytKey(key)));
    expect(screen.getByTestId("a").textContent).toBe("$9.00");
    // And the zero-import shortcut still works.
    client.setWallet(usd(11));
    await act(() => mutateCredyt());
    expect(screen.getByTestId("b").textContent).toBe("$11.00");
  });

  it("applies the app's <SWRConfig> (onError, refreshInterval) to our hooks", async () => {
    const client = createMockClient({ wallet: usd(1) });
    const onError = vi.fn();
    const failing = createMockClient({ errors: { getWallet: new CredytError("unauthorized", "signed out") } });
    render(
      <SWRConfig value={{ onError, refreshInterval: 40, dedupingInterval: 0 }}>
        <CredytProvider client={client} locale="en-US">
          <WalletBalance />
        </CredytProvider>
        <CredytProvider client={failing} cache="isolated">
          <WalletBalance />
        </CredytProvider>
      </SWRConfig>,
    );
    await waitFor(() => expect(gets(client)).toBeGreaterThanOrEqual(3)); // refreshInterval polls
    await waitFor(() => expect(onError).toHaveBeenCalled());
    const [error] = onError.mock.calls[0] ?? [];
    expect(error).toBeInstanceOf(CredytError);
    expect((error as CredytError).code).toBe("unauthorized");
    // No retry of an answer another try cannot change (our onErrorRetry), even with the app's config.
    expect(gets(failing)).toBe(1);
  });

  it("retries a failure that another try can change, with SWR's backoff, at most three times", async () => {
    const client = createMockClient({ errors: { getWallet: new CredytError("network_error", "offline") } });
    render(
      <SWRConfig value={{ errorRetryInterval: 5, dedupingInterval: 0 }}>
        <CredytProvider client={client}>
          <WalletBalance />
        </CredytProvider>
      </SWRConfig>,
    );
    await waitFor(() => expect(gets(client)).toBe(4), { timeout: 4000 }); // the first try and three retries
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(gets(client)).toBe(4);
  });

  it("takes SWR options as the hooks' last argument, over <SWRConfig>", async () => {
    const client = createMockClient({ wallet: usd(1) });
    const spy = vi.fn();
    onSuccess = spy;
    render(
      <SWRConfig value={{ onSuccess: () => {} }}>
        <CredytProvider client={client}>
          <Probe />
        </CredytProvider>
      </SWRConfig>,
    );
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("1"));
    expect(spy.mock.calls[0]?.[0]).toEqual(usd(1));
  });

  it('`cache="isolated"` keeps Credyt apart from the app\'s cache; mutateCredyt still reaches it', async () => {
    const client = createMockClient({ wallet: usd(1), baseUrl: "/api/credyt" });
    render(
      <>
        <AppReader />
        <CredytProvider client={client} cache="isolated" locale="en-US">
          <WalletBalance data-testid="a" />
        </CredytProvider>
      </>,
    );
    await waitFor(() => expect(screen.getByTestId("a").textContent).toBe("$1.00"));
    expect(screen.getByRole("status").textContent).toBe("apart");
    client.setWallet(usd(2));
    await act(() => mutate(credytKeys.wallet("/api/credyt")));
    expect(screen.getByTestId("a").textContent).toBe("$1.00"); // the global mutate does not reach it
    await act(() => mutateCredyt(credytKeys.wallet("/api/credyt")));
    expect(screen.getByTestId("a").textContent).toBe("$2.00");
  });

  for (const cache of ["shared", "isolated"] as const) {
    it(`a customer switch clears the cache and the portal session (cache="${cache}")`, async () => {
      const client = createMockClient({ wallet: usd(1) });
      let n = 0;
      client.createBillingPortalSession = async () => ({
        redirectUrl: `https://portal.credyt.ai/s/${++n}`,
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      });
      const onRedirect = vi.fn(stay);
      shown = [];
      const app = (customer: string | null) => (
        <CredytProvider client={client} cache={cache} customer={customer} onRedirect={onRedirect}>
          <Page />
        </CredytProvider>
      );
      const page = render(app("alice"));
      await waitFor(() => expect(shown.at(-1)).toBe("1"));
      await act(() => open!());
      await act(() => open!());
      expect(n).toBe(1); // reused for the same customer

      // Bob signs in: same wallet shape and the same client, but nothing of Alice's may show.
      client.setWallet(usd(2));
      shown.length = 0;
      page.rerender(app("bob"));
      await waitFor(() => expect(shown.at(-1)).toBe("2"));
      expect(shown).not.toContain("1");
      await act(() => open!());
      expect(n).toBe(2);
      expect(onRedirect.mock.calls.at(-1)?.[0]).toBe("https://portal.credyt.ai/s/2");
    });
  }

  it("a provider mounted again for another customer (after a sign-in page) shows nothing of the last one", async () => {
    const client = createMockClient({ wallet: usd(1) });
    const app = (customer: string) => (
      <CredytProvider client={client} customer={customer}>
        <Page />
      </CredytProvider>
    );
    shown = [];
    const first = render(app("alice"));
    await waitFor(() => expect(shown.at(-1)).toBe("1"));
    first.unmount();
    client.setWallet(usd(2));
    shown = [];
    render(app("bob")); // the shared SWR cache still holds Alice's wallet
    await waitFor(() => expect(shown.at(-1)).toBe("2"));
    expect(shown).not.toContain("1");
  });

  it("suspends with `{ suspense: true }`, and renders server `initialWallet` data without suspending", async () => {
    const client = createMockClient({ wallet: usd(3), delayMs: 20 });
    fallbacks = [];
    // React 19 retries a suspended render only inside an awaited act.
    await act(async () => {
      render(
        <CredytProvider client={client} cache="isolated">
          <Suspense fallback={<Waiting />}>
            <Balance />
          </Suspense>
        </CredytProvider>,
      );
    });
    expect(fallbacks).toContain("waiting");
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("3"));

    const later = createMockClient({ scenario: "loading" });
    await act(async () => {
      render(
        <CredytProvider client={later} cache="isolated" initialWallet={usd(8)}>
          <Suspense fallback={<p>suspended</p>}>
            <Balance />
          </Suspense>
        </CredytProvider>,
      );
    });
    expect(screen.queryByText("suspended")).toBeNull();
    expect(screen.getAllByRole("status").at(-1)?.textContent).toBe("8");
  });
});
