import { type CredytClient, createCredytClient } from "@credyt/core";
import { createEmulator, DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "@credyt/emulator";
import { startEmulator } from "@credyt/emulator/node";
import { createCredytProxy } from "@credyt/proxy";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect } from "react";
import { describe, expect, it, vi } from "vitest";
import {
  CredytProvider,
  ja,
  LowBalanceNotice,
  SpendChart,
  SpendSummary,
  TopUpButton,
  UsageHistory,
  useQuote,
  useUsageSummary,
  useWallet,
} from "../src/index";
import { stay } from "./stay";

// The usage components over the whole chain in one process: client → proxy (Fetch handler) → emulator.
const PAGE = location.origin;

const rejected: string[] = [];
function chain(customer = DEMO_CUSTOMER_ID, unitsPerCurrency?: () => number) {
  const emulator = createEmulator({ admin: true, publicUrl: "http://localhost:4010" });
  const upstream = vi.fn((input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(new Request(input, init)));
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: "http://emulator.test",
    publicOrigin: PAGE,
    getCustomerId: () => customer,
    fetch: upstream,
    onEvent: (event) => {
      if (event.type === "request.rejected") rejected.push(event.reason);
    },
    topUps: {
      currencies: ["USD"],
      assets: ["USD", "TOK"],
      min: 1,
      max: 500,
      ...(unitsPerCurrency ? { unitsPerCurrency } : {}),
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
    // Issue 23: focus moves to the first new row, never to the body.
    await waitFor(() => expect(document.activeElement).toBe(items()[5]));
  });

  it("keeps focus on 'Load more' while the page loads (aria-disabled, not disabled)", async () => {
    const { client } = chain();
    render(
      <CredytProvider client={client} locale="en-US">
        <UsageHistory limit={5} />
      </CredytProvider>,
    );
    const more = await screen.findByRole("button", { name: "Load more" });
    more.focus();
    await userEvent.keyboard("{Enter}");
    expect(document.activeElement).not.toBe(document.body);
    const root = screen.getByRole("region", { name: "Usage history" });
    await waitFor(() => expect(root.querySelectorAll('[data-credyt="usage-item"]')).toHaveLength(10));
    await waitFor(() => expect(document.activeElement).toBe(root.querySelectorAll('[data-credyt="usage-item"]')[5]));
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

  it("refreshes on its next mount when the balance changed while it was away (past SWR's deduping)", async () => {
    const { client, usage } = chain(SECOND_CUSTOMER_ID);
    const history = (
      <CredytProvider client={client} locale="en-US">
        <Refresh tick={0} />
        <UsageHistory />
      </CredytProvider>
    );
    const page = render(history);
    await waitFor(() =>
      expect(screen.getByRole("region", { name: "Usage history" }).getAttribute("data-state")).toBe("empty"),
    );
    // Another page (the Studio) bills usage and refreshes the wallet while the history is not shown.
    await usage({
      id: crypto.randomUUID(),
      event_type: "video_promoted",
      occurred_at: new Date().toISOString(),
      subject: "video_elsewhere",
    });
    page.rerender(
      <CredytProvider client={client} locale="en-US">
        <Refresh tick={1} />
      </CredytProvider>,
    );
    await act(() => new Promise((r) => setTimeout(r, 50)));
    page.rerender(history);
    expect(await screen.findByText("video_elsewhere")).toBeTruthy();
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
        <LowBalanceNotice account="USD" lowBalance={100} topUp={{ currency: "USD", amount: 20 }} />
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
        <LowBalanceNotice account="USD" lowBalance={10} />
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
          <LowBalanceNotice lowBalance={Number.NaN} />
        </CredytProvider>,
      ),
    ).toThrow(/`LowBalanceNotice` needs a finite `lowBalance`/);
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
    const quotes = upstream.mock.calls.filter(([input]) => String(input).includes("/assets/"));
    expect(quotes).toHaveLength(2);
  });

  it("uses the app's exchange rate when the server has one", async () => {
    const { client } = chain(DEMO_CUSTOMER_ID, () => 500_000);
    render(
      <CredytProvider client={client}>
        <Preview amount={10} />
      </CredytProvider>,
    );
    expect(await screen.findByText("5000000 app")).toBeTruthy();
  });
});

describe("<SpendChart>", () => {
  it("lays out the whole month, reads today's figure out, and the days are one tab stop with arrow keys", async () => {
    const { client } = chain();
    render(
      <CredytProvider client={client} locale="en-US">
        <button type="button">before</button>
        <SpendChart asset="USD" tz="UTC" />
        <button type="button">after</button>
      </CredytProvider>,
    );
    const chart = await screen.findByRole("group", { name: "Spend per day this month" });
    const root = chart.closest('[data-credyt="spend-chart"]') as HTMLElement;
    expect(root.getAttribute("data-state")).toBe("ready");
    const now = new Date();
    const soFar = now.getUTCDate();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
    // Every day of the month has a column (stable bar width); only the days so far are pictures with a name.
    expect(chart.querySelectorAll('[data-credyt="spend-chart-day"]')).toHaveLength(month);
    expect(chart.querySelectorAll('[data-credyt="spend-chart-day"][data-state="future"]')).toHaveLength(month - soFar);
    const days = within(chart).getAllByRole("img");
    expect(days).toHaveLength(soFar);
    const table = screen.getByRole("table", { name: "Spend per day this month" });
    expect(within(table).getAllByRole("row")).toHaveLength(soFar + 1);
    const readout = () => root.querySelector('[data-credyt="spend-chart-readout"]')?.textContent;
    const today = days[soFar - 1] as HTMLElement;
    expect(today.getAttribute("data-state")).toBe("today");
    // The readout shows today's figure without any hover.
    expect(readout()).toBe(`${today.getAttribute("aria-label")?.replace(": ", " · today")}`);

    // One tab stop: from "before", Tab lands on today, the next Tab leaves the chart.
    const user = userEvent.setup();
    screen.getByRole("button", { name: "before" }).focus();
    await user.tab();
    expect(document.activeElement).toBe(today);
    expect(days.filter((d) => d.tabIndex === 0)).toEqual([today]);
    if (soFar > 1) {
      await user.keyboard("{ArrowLeft}");
      const yesterday = days[soFar - 2] as HTMLElement;
      expect(document.activeElement).toBe(yesterday);
      expect(readout()).toBe(yesterday.getAttribute("aria-label")?.replace(": ", ""));
      expect(days.filter((d) => d.tabIndex === 0)).toEqual([yesterday]);
      await user.keyboard("{Home}");
      expect(document.activeElement).toBe(days[0]);
      await user.keyboard("{ArrowLeft}");
      expect(document.activeElement).toBe(days[0]);
      await user.keyboard("{End}");
      expect(document.activeElement).toBe(today);
    }
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "after" }));
    // Hover reads a day out too.
    await user.hover(days[0] as Element);
    expect(readout()).toContain(((days[0] as Element).getAttribute("aria-label") ?? "").split(": ")[1]);
  });

  it("says nothing was spent for a customer without usage", async () => {
    const { client } = chain(SECOND_CUSTOMER_ID);
    render(
      <CredytProvider client={client} locale="en-US">
        <SpendChart />
      </CredytProvider>,
    );
    expect(await screen.findByText("Nothing spent this month yet.")).toBeTruthy();
  });
});

describe("the top-up dialog's preview", () => {
  it("shows what a custom asset top-up credits, debounced, and the checkout credits exactly that", async () => {
    // A real emulator on a loopback port: its checkout address is on the proxy's `apiUrl` origin (which the
    // proxy allows) and on loopback (which the browser client allows from this loopback page).
    const running = await startEmulator({ port: 0, admin: true });
    try {
      const upstream = vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
      const proxy = createCredytProxy({
        apiKey: running.apiKey,
        apiUrl: running.url,
        publicOrigin: PAGE,
        getCustomerId: () => DEMO_CUSTOMER_ID,
        fetch: upstream,
        topUps: { currencies: ["USD"], assets: ["USD", "TOK"], min: 1, max: 500 },
      });
      const client = createCredytClient({
        baseUrl: `${PAGE}/api/credyt`,
        fetch: (input, init) => proxy(new Request(input, init)),
      });
      const onRedirect = vi.fn(stay);
      render(
        <CredytProvider client={client} locale="en-US" onRedirect={onRedirect}>
          <TopUpButton currency="USD" asset="TOK" presets={[]} />
        </CredytProvider>,
      );
      await userEvent.click(screen.getByRole("button", { name: "Top up" }));
      const input = await screen.findByLabelText("Custom amount (USD)");
      await userEvent.type(input, "12.5");
      const preview = await screen.findByText(/^You get /);
      expect(preview.textContent).toMatch(/12,500,000/);
      // Typing "1", "12", "12.", "12.5" asked once, after the pause.
      const quotes = upstream.mock.calls.filter(([url]) => String(url).includes("/assets/"));
      expect(quotes).toHaveLength(1);
      await userEvent.click(screen.getByRole("button", { name: "Continue to payment" }));
      await waitFor(() => expect(onRedirect, rejected.join("; ")).toHaveBeenCalledTimes(1));
      const topUp = running.emulator.listTopUps()[0] as { id: string };
      const paid = await fetch(`${running.url}/__emulator/top-ups/${topUp.id}/complete`, { method: "POST" });
      expect(paid.status).toBe(200);
      const tok = (await client.getWallet()).accounts.find((a) => a.asset === "TOK")?.available;
      expect(tok).toBe(993450234 + 12_500_000);
    } finally {
      await running.close();
    }
  });
});
