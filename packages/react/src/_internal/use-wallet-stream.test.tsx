// useWalletStream in jsdom against the real proxy and emulator, chained through `fetch`: an EventSource
// (the `eventsource` package, the browser's algorithm) → the proxy's Fetch handler → the emulator.
import { type CredytErrorCode, credytKeys, type Wallet } from "@credyt/core";
import { DEMO_CUSTOMER_ID } from "@credyt/emulator";
import { act, render, screen, waitFor } from "@testing-library/react";
import useSWR, { SWRConfig } from "swr";
import { afterEach, describe, expect, it, vi } from "vitest";
import { liveChain as chain } from "../../test/live-chain";
import { type UseWalletStreamOptions, useWalletStream } from "./use-wallet-stream";

const BASE = `${location.origin}/api/credyt`;

const usd = (wallet: Wallet | undefined) => wallet?.accounts.find((a) => a.asset === "USD")?.available;

/** Reads the shared cache only (no fetcher): what every wallet hook on the page would show. */
function CachedBalance({ label }: { label: string }) {
  const { data } = useSWR<Wallet>(credytKeys.wallet(BASE));
  return <p data-testid={label}>{String(usd(data) ?? "none")}</p>;
}

function Live(props: UseWalletStreamOptions & { label?: string }) {
  const { status, error, data } = useWalletStream({ baseUrl: BASE, ...props });
  return (
    <p data-testid={props.label ?? "live"}>
      {status} {error?.code ?? "-"} {String(usd(data) ?? "none")}
    </p>
  );
}

function fresh(children: React.ReactNode) {
  return <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>{children}</SWRConfig>;
}

let visibility: DocumentVisibilityState = "visible";
Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  act(() => {
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

afterEach(() => {
  visibility = "visible";
});

const text = (id: string) => screen.getByTestId(id).textContent;

describe("useWalletStream", () => {
  it("writes every wallet from the stream into the shared SWR cache, one stream for every hook", async () => {
    const { proxy, EventSource, adjust, fetch } = chain();
    render(
      fresh(
        <>
          <Live EventSource={EventSource} fetch={fetch} />
          <Live EventSource={EventSource} fetch={fetch} label="again" />
          <CachedBalance label="a" />
          <CachedBalance label="b" />
        </>,
      ),
    );
    await waitFor(() => expect(text("live")).toBe("live - 14.566678"));
    expect(text("a")).toBe("14.566678");
    expect(text("b")).toBe("14.566678");
    expect(proxy.streamStats().streams).toBe(1);

    await adjust("-0.000001");
    await act(() => proxy.notify(DEMO_CUSTOMER_ID));
    // No focus, no reload, no mutate(): the stream moved every reader.
    await waitFor(() => expect(text("a")).toBe("14.566677"));
    expect(text("b")).toBe("14.566677");
    expect(text("again")).toBe("live - 14.566677");
  });

  it("closes its stream when the last hook unmounts", async () => {
    const { proxy, EventSource, fetch } = chain();
    const page = render(fresh(<Live EventSource={EventSource} fetch={fetch} />));
    await waitFor(() => expect(text("live")).toMatch(/^live/));
    page.unmount();
    await waitFor(() => expect(proxy.streamStats().streams).toBe(0));
  });

  it("falls back quietly on a backend without streams (404), with a console hint that names the fix", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { EventSource, fetch, requests } = chain({ streams: false });
    render(fresh(<Live EventSource={EventSource} fetch={fetch} />));
    await waitFor(() => expect(text("live")).toBe("unavailable not_found none"));
    // Only our own hints (the proxy in this same process may warn about its own setup).
    const ours = warn.mock.calls.map((call) => String(call[0])).filter((m) => m.startsWith("[@credyt/react]"));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(/answered 404.*Update @credyt\/proxy/);
    const count = requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests.length).toBe(count); // no reconnect loop against a route that does not exist
  });

  it.each([
    [401, "unauthorized"],
    [403, "forbidden"],
  ] as [number, CredytErrorCode][])(
    "gives up without a hint on %i (%s): not a developer's mistake",
    async (status, code) => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const { EventSource, fetch, respondWith } = chain();
      respondWith(() => Response.json({ error: { code, message: "no" } }, { status }));
      render(fresh(<Live EventSource={EventSource} fetch={fetch} />));
      await waitFor(() => expect(text("live")).toBe(`unavailable ${code} none`));
      expect(warn).not.toHaveBeenCalled();
    },
  );

  it("reconnects with backoff after a failure, then goes live", async () => {
    const { EventSource, fetch, respondWith, requests } = chain();
    let failures = 0;
    respondWith((request) => {
      if (!request.url.endsWith("/wallet/stream") || failures >= 2) return undefined;
      failures += 1;
      return Response.json({ error: { code: "upstream_error", message: "down" } }, { status: 502 });
    });
    render(fresh(<Live EventSource={EventSource} fetch={fetch} maxRetryMs={200} />));
    await waitFor(() => expect(text("live")).toBe("live - 14.566678"), { timeout: 10_000 });
    expect(requests.filter((r) => r === "GET /api/credyt/wallet/stream").length).toBeGreaterThanOrEqual(3);
  });

  it("pauses while the page is hidden and catches up when it shows, resuming from the last event", async () => {
    const { proxy, EventSource, fetch, adjust, requests } = chain();
    render(fresh(<Live EventSource={EventSource} fetch={fetch} />));
    await waitFor(() => expect(text("live")).toBe("live - 14.566678"));
    setVisibility("hidden");
    await waitFor(() => expect(proxy.streamStats().streams).toBe(0));
    expect(text("live")).toBe("paused - 14.566678");
    await adjust("1");
    setVisibility("visible");
    await waitFor(() => expect(text("live")).toBe("live - 15.566678"));
    expect(requests.at(-1)).toMatch(/^GET \/api\/credyt\/wallet\/stream\?last_event_id=w[0-9a-f]{16}$/);
    // Hidden and shown again with nothing changed: the server says "unchanged", the hook is live again.
    setVisibility("hidden");
    await waitFor(() => expect(text("live")).toMatch(/^paused/));
    setVisibility("visible");
    await waitFor(() => expect(text("live")).toBe("live - 15.566678"));
  });

  it("gives up on a stream that opens but never delivers (a buffering proxy), and says so", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { EventSource, fetch, respondWith } = chain();
    respondWith((request) =>
      request.url.includes("/wallet/stream")
        ? new Response(new ReadableStream({ start() {} }), { headers: { "Content-Type": "text/event-stream" } })
        : undefined,
    );
    render(fresh(<Live EventSource={EventSource} fetch={fetch} firstEventTimeoutMs={200} />));
    await waitFor(() => expect(text("live")).toBe("unavailable network_error none"));
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/sent nothing within 200 ms.*buffer/);
  });

  it("does nothing when disabled or where there is no EventSource", async () => {
    const { proxy, fetch } = chain();
    render(
      fresh(
        <>
          <Live enabled={false} label="off" />
          <Live EventSource={undefined as never} fetch={fetch} label="none" />
        </>,
      ),
    );
    const original = globalThis.EventSource;
    expect(text("off")).toBe("paused - none");
    // jsdom has no EventSource: the hook reports "unavailable" and the app keeps refreshing as before.
    expect(original).toBeUndefined();
    await waitFor(() => expect(text("none")).toBe("unavailable - none"));
    expect(proxy.streamStats().streams).toBe(0);
  });
});
