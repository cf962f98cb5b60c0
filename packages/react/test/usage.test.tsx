import { type CredytClient, createCredytClient } from "@credyt/core";
import { createEmulator, DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "@credyt/emulator";
import { createCredytProxy } from "@credyt/proxy";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect } from "react";
import { describe, expect, it, vi } from "vitest";
import {
  CredytProvider,
  ja,
  LowBalanceNotice,
  SpendSummary,
  UsageHistory,
  useQuote,
  useUsageSummary,
  useWallet,
} from "../src/index";

// The usage components over the whole chain in one process: client → proxy (Fetch handler) → emulator.
const PAGE = location.origin;

function chain(customer = DEMO_CUSTOMER_ID, exchangeRate?: () => number) {
  const emulator = createEmulator({ admin: true, publicUrl: "http://localhost:4010" });
  const upstream = vi.fn((input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(new Request(input, init)));
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: "http://emulator.test",
    publicOrigin: PAGE,
    getCustomerId: () => customer,
    fetch: upstream,
    topUps: {
      currencies: ["USD"],
      assets: ["USD", "TOK"],
      min: 1,
      max: 500,
      ...(exchangeRate ? { exchangeRate } : {}),
    },
  });
  const client: CredytClient = createCredytClient({
    baseUrl: `${PAGE}/api/credyt`,
    fetch: (input, init) => proxy(new Request(input, init)),
  });
  const usage = async (body: object) => {
    const response = await emulator.fetch(
      new Request("http://emulator.test/events", {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": emulator.apiKey, "Content-Type": "application/json" },
        body: JSON.stringify({ customer_id: customer, events: [body] }),
      }),
    );
    expect(response.status).toBe(201);
  };
  return { emulator, client, upstream, usage };
}

function Refresh({ tick }: { tick: number }) {
  const { mutate } = useWallet();
  useEffect(() => {
    if (tick > 0) void mutate();
  }, [tick, mutate]);
  return null;
}

const seenDays = { count: 0 };
function Days() {
  const { data } = useUsageSummary({ tz: "UTC" });
  seenDays.count = data?.days.length ?? 0;
  return null;
}

function Preview({ amount }: { amount: number }) {
  const { data } = useQuote({ asset: "TOK", currency: "USD", amount });
  return <output>{data ? `${data.units} ${data.rateSource}` : "…"}</output>;
}

describe("<UsageHistory>", () => {
  it("shows the demo history grouped by day, newest first, and loads more", async () => {
    const { client } = chain();
    render(
      <CredytProvider client={client} locale="en-US">
        <UsageHistory limit={5} />
      </CredytProvider>,
    );
    const root = screen.getByRole("region", { name: "Usage history" });
    expect(root.getAttribute("data-state")).toBe("loading");
    await waitFor(() => expect(root.getAttribute("data-state")).toBe("ready"));
    const items = () => root.querySelectorAll('[data-credyt="usage-item"]');
    expect(items()).toHaveLength(5);
    expect(root.querySelectorAll('[data-credyt="usage-day"]').length).toBeGreaterThan(0);
    const times = [...root.querySelectorAll('[data-credyt="usage-time"]')].map((t) =>
      Date.parse(t.getAttribute("datetime") ?? ""),
    );
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(items()).toHaveLength(10));
    const ids = new Set([...items()].map((item) => item.textContent));
    expect(ids.size).toBe(10);
  });

  it("shows a new charge at once when the balance changes (revalidates with the wallet)", async () => {
    const { client, usage } = chain(SECOND_CUSTOMER_ID);
    const ui = (tick: number) => (
      <CredytProvider client={client} locale="en-US">
        <Refresh tick={tick} />
        <UsageHistory />
      </CredytProvider>
    );
    const page = render(ui(0));
    const root = screen.getByRole("region", { name: "Usage history" });
    await waitFor(() => expect(root.getAttribute("data-state")).toBe("empty"));
    expect(within(root).getByText("No usage yet.")).toBeTruthy();
    await usage({
      id: crypto.randomUUID(),
      event_type: "video_promoted",
      occurred_at: new Date().toISOString(),
      subject: "video_fresh",
      description: "Video promoted",
    });
    page.rerender(ui(1));
    await waitFor(() => expect(root.getAttribute("data-state")).toBe("ready"));
    expect(within(root).getByText("video_fresh")).toBeTruthy();
    expect(within(root).getByText("$0.50")).toBeTruthy();
  });

  it("shows an error with a retry that works", async () => {
    const { client, emulator } = chain();
    await emulator.fetch(
      new Request("http://emulator.test/__emulator/faults", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ path: "/events", status: 500, count: 10 }),
      }),
    );
    render(
      <CredytProvider client={client} locale="en-US">
        <UsageHistory />
      </CredytProvider>,
    );
    const root = screen.getByRole("region", { name: "Usage history" });
    await waitFor(() => expect(root.getAttribute("data-state")).toBe("error"), { timeout: 15_000 });
    expect(screen.getByRole("alert").textContent).toContain("Could not load your usage.");
    await emulator.fetch(new Request("http://emulator.test/__emulator/faults", { method: "DELETE" }));
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(root.getAttribute("data-state")).toBe("ready"));
  });

  it("speaks Japanese with labels={ja}", async () => {
    const { client } = chain();
    render(
      <CredytProvider client={client} locale="ja-JP" labels={ja}>
        <UsageHistory limit={2} />
      </CredytProvider>,
    );
    expect(await screen.findByRole("button", { name: "さらに表示" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "利用履歴" })).toBeTruthy();
  });
});

describe("<SpendSummary>", () => {
  it("states this month's spend per asset, exactly as the server added it up", async () => {
    const { client, usage } = chain(SECOND_CUSTOMER_ID);
    await usage({ id: crypto.randomUUID(), event_type: "video_promoted", occurred_at: new Date().toISOString() });
    await usage({ id: crypto.randomUUID(), event_type: "video_promoted", occurred_at: new Date().toISOString() });
    await usage({
      id: crypto.randomUUID(),
      event_type: "tokens_generated",
      occurred_at: new Date().toISOString(),
      data: { tokens: 1250000 },
    });
    render(
      <CredytProvider client={client} locale="en-US">
        <SpendSummary tz="UTC" />
      </CredytProvider>,
    );
    const summary = await screen.findByText(/^Spent this month:/);
    expect(summary.getAttribute("data-state")).toBe("ready");
    expect(summary.textContent).toMatch(/^Spent this month: .*1,250,000.* · \$1\.00$/);
  });

  it("says nothing was spent for a customer without usage", async () => {
    const { client } = chain(SECOND_CUSTOMER_ID);
    render(
      <CredytProvider client={client} locale="en-US">
        <SpendSummary />
      </CredytProvider>,
    );
    const summary = await screen.findByText("Nothing spent this month yet.");
    expect(summary.getAttribute("data-state")).toBe("empty");
  });

  it("exposes the per-day totals through useUsageSummary", async () => {
    const { client } = chain();
    render(
      <CredytProvider client={client}>
        <Days />
      </CredytProvider>,
    );
    await waitFor(() => expect(seenDays.count).toBe(new Date().getUTCDate()));
  });
});

describe("<LowBalanceNotice>", () => {
  it("shows below the threshold with a top-up and the portal, and stays dismissed for the session", async () => {
    sessionStorage.clear();
    const { client } = chain(SECOND_CUSTOMER_ID); // 50 USD
    const ui = (
      <CredytProvider client={client} locale="en-US">
        <LowBalanceNotice asset="USD" threshold={100} topUp={{ currency: "USD", amount: 20 }} />
      </CredytProvider>
    );
    const page = render(ui);
    const notice = await screen.findByRole("status");
    expect(notice.getAttribute("data-state")).toBe("low");
    expect(notice.textContent).toContain("Your balance is low: $50.00 left.");
    expect(within(notice).getByRole("button", { name: "Top up $20.00" })).toBeTruthy();
    expect(within(notice).getByRole("button", { name: "Manage billing" })).toBeTruthy();
    await userEvent.click(within(notice).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("status")).toBeNull();
    page.unmount();
    render(ui);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("shows nothing above the threshold", async () => {
    const { client } = chain(SECOND_CUSTOMER_ID);
    const { container } = render(
      <CredytProvider client={client}>
        <LowBalanceNotice asset="USD" threshold={10} />
      </CredytProvider>,
    );
    await act(() => new Promise((r) => setTimeout(r, 100)));
    expect(container.querySelector('[data-credyt="low-balance"]')).toBeNull();
  });

  it("names the fix for a bad threshold", () => {
    const { client } = chain();
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() =>
      render(
        <CredytProvider client={client}>
          <LowBalanceNotice threshold={Number.NaN} />
        </CredytProvider>,
      ),
    ).toThrow(/`LowBalanceNotice` needs a finite `threshold`/);
  });
});

describe("useQuote", () => {
  it("asks the server, Credyt's rate without an app rate, and keeps to one request at a time", async () => {
    const { client, upstream } = chain();
    const ui = (amount: number) => (
      <CredytProvider client={client}>
        <Preview amount={amount} />
      </CredytProvider>
    );
    const page = render(ui(10));
    expect(await screen.findByText("10000000 credyt")).toBeTruthy();
    page.rerender(ui(25));
    // The previous answer stays until the new one lands.
    expect(screen.getByText("10000000 credyt")).toBeTruthy();
    expect(await screen.findByText("25000000 credyt")).toBeTruthy();
    const quotes = upstream.mock.calls.filter(([input]) => String(input).includes("/quote"));
    expect(quotes).toHaveLength(2);
  });

  it("uses the app's exchange rate when the server has one", async () => {
    const { client } = chain(DEMO_CUSTOMER_ID, () => 0.000002);
    render(
      <CredytProvider client={client}>
        <Preview amount={10} />
      </CredytProvider>,
    );
    expect(await screen.findByText("5000000 app")).toBeTruthy();
  });
});
