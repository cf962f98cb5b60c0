// `<WalletBalance live>` and `useWallet({ live })`: the provider's balances follow the proxy's live stream
// (client → proxy → emulator in one process; the `eventsource` package stands in for the browser's EventSource).
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { act, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { liveChain as chain } from "../../test/live-chain";
import { CredytProvider } from "./provider";
import { useWallet } from "./use-wallet";
import { WalletBalance } from "./wallet-balance";

const BASE = `${location.origin}/api/credyt`;

let restore: (() => void) | undefined;
function useGlobalEventSource(Source: unknown) {
  const had = Object.hasOwn(globalThis, "EventSource");
  const before = (globalThis as { EventSource?: unknown }).EventSource;
  (globalThis as { EventSource?: unknown }).EventSource = Source;
  restore = () => {
    if (had) (globalThis as { EventSource?: unknown }).EventSource = before;
    else delete (globalThis as { EventSource?: unknown }).EventSource;
  };
}
beforeEach(() => {
  restore = undefined;
});
afterEach(() => restore?.());

function Reader() {
  const { data } = useWallet({ live: true });
  return <p data-testid="reader">{data?.accounts[0]?.available}</p>;
}

const amount = () => document.querySelector('[data-credyt="balance-amount"]')?.textContent;

describe("<WalletBalance live>", () => {
  it("moves when the server bills usage and calls notify: no focus, no reload, no mutate()", async () => {
    const { proxy, fetch, EventSource, adjust: charge } = chain();
    useGlobalEventSource(EventSource);
    render(
      <CredytProvider baseUrl={BASE} fetch={fetch} cache="isolated">
        <WalletBalance live account="USD" />
      </CredytProvider>,
    );
    await waitFor(() => expect(amount()).toBe("$14.57"));
    await waitFor(() => expect(proxy.streamStats().streams).toBe(1));
    await waitFor(() =>
      expect(document.querySelector('[data-credyt="balance"]')?.getAttribute("data-live")).toBe("live"),
    );
    await charge("-2.5");
    await act(() => proxy.notify(DEMO_CUSTOMER_ID));
    await waitFor(() => expect(amount()).toBe("$12.07"));
    // Each move is not read out by the root (a live balance can move every few seconds): a status
    // region says the latest balance, at most twice a minute.
    expect(document.querySelector('[data-credyt="balance"]')?.getAttribute("aria-live")).toBe("off");
    expect(screen.getByRole("status").textContent).toBe("$12.07");
    // The change is cued on the root for a moment (styles fade the amount; none under reduced motion).
    expect(document.querySelector('[data-credyt="balance"]')?.getAttribute("data-change")).toBe("down");
    await waitFor(
      () => expect(document.querySelector('[data-credyt="balance"]')?.hasAttribute("data-change")).toBe(false),
      {
        timeout: 3000,
      },
    );
  });

  it("opens no stream unless asked (provider default false), and one for every live reader together", async () => {
    const { proxy, fetch, EventSource, streams } = chain();
    useGlobalEventSource(EventSource);
    const page = render(
      <CredytProvider baseUrl={BASE} fetch={fetch} cache="isolated">
        <WalletBalance account="USD" />
      </CredytProvider>,
    );
    await waitFor(() => expect(amount()).toBe("$14.57"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(streams).toHaveLength(0);
    expect(document.querySelector('[data-credyt="balance"]')?.hasAttribute("data-live")).toBe(false);
    page.unmount();

    render(
      <CredytProvider baseUrl={BASE} fetch={fetch} cache="isolated" live>
        <WalletBalance account="USD" />
        <WalletBalance account="TOK" />
        <Reader />
      </CredytProvider>,
    );
    await waitFor(() => expect(proxy.streamStats().streams).toBe(1));
    expect(streams).toHaveLength(1);
  });

  it("re-opens the stream when the signed-in customer changes, so the last customer's wallet is never written", async () => {
    const { proxy, fetch, EventSource, streams } = chain();
    useGlobalEventSource(EventSource);
    const tree = (customer: string) => (
      <CredytProvider baseUrl={BASE} fetch={fetch} cache="isolated" customer={customer} live>
        <WalletBalance account="USD" />
      </CredytProvider>
    );
    const page = render(tree("ada"));
    await waitFor(() => expect(proxy.streamStats().streams).toBe(1));
    page.rerender(tree("grace"));
    await waitFor(() => expect(streams).toHaveLength(2));
    await waitFor(() => expect(proxy.streamStats().streams).toBe(1));
  });

  it("without EventSource, live reads unavailable and balances refresh as before, with no error", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { fetch } = chain();
    render(
      <CredytProvider baseUrl={BASE} fetch={fetch} cache="isolated" live>
        <WalletBalance account="USD" />
      </CredytProvider>,
    );
    await waitFor(() => expect(amount()).toBe("$14.57"));
    await waitFor(() =>
      expect(document.querySelector('[data-credyt="balance"]')?.getAttribute("data-live")).toBe("unavailable"),
    );
    expect(screen.queryByText(/error/i)).toBeNull();
    warn.mockRestore();
  });
});
