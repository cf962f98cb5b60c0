import { installDom } from "./_dom";
import type { Section } from "./report";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Requests a page makes: 20 <WalletBalance> against the real proxy and emulator (in-process, through
 * fetch), counting what reaches the proxy on load, on a window focus, for a top-up click, and for a
 * portal click that followed a hover.
 */
export async function requestsSection(): Promise<Section> {
  installDom();
  const React = await import("react");
  const { act, fireEvent, render, screen } = await import("@testing-library/react");
  const { CredytProvider, WalletBalance, TopUpButton, BillingPortalLink } = await import("@credyt/react");
  const { createEmulator, DEMO_CUSTOMER_ID } = await import("@credyt/emulator");
  const { createCredytProxy } = await import("@credyt/proxy");

  // The client (since issue 14) checks every redirect itself: only https on an allowed host is followed
  // from this (non-loopback) page, so the in-process emulator poses as https and the provider allows it.
  const EMULATOR = "https://emulator.test";
  const emulator = createEmulator({ publicUrl: EMULATOR });
  const proxy = createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: EMULATOR,
    getCustomerId: () => DEMO_CUSTOMER_ID,
    // This site (the jsdom page): required outside development since the proxy's 0.2 shape.
    origin: "http://app.test",
    returnUrl: "http://app.test/account",
    fetch: (input, init) => emulator.fetch(new Request(input, init)),
  });
  const seen: string[] = [];
  const fetchThroughProxy: typeof fetch = async (input, init) => {
    const request = new Request(new URL(String(input), "http://app.test"), init);
    seen.push(`${request.method} ${new URL(request.url).pathname}`);
    return proxy(request);
  };
  const count = (pattern: string) => seen.filter((s) => s === pattern).length;
  const redirects: string[] = [];

  const balances = Array.from({ length: 20 }, (_, i) => React.createElement(WalletBalance, { key: i, account: "USD" }));
  render(
    React.createElement(
      CredytProvider,
      // `customer` as the README recommends: the provider knows who is signed in.
      {
        fetch: fetchThroughProxy,
        locale: "en-US",
        customer: "demo",
        allowedRedirectHosts: ["emulator.test"],
        onRedirect: (url: string, event: { preventDefault(): void }) => {
          event.preventDefault();
          redirects.push(url);
        },
      },
      ...balances,
      React.createElement(TopUpButton, { amount: 25, currency: "USD" }),
      React.createElement(BillingPortalLink, null, "Billing"),
    ),
  );
  await act(async () => {
    await sleep(300);
  });
  const onLoad = count("GET /api/credyt/wallet");

  await act(async () => {
    await sleep(5100); // past SWR's focus throttle (5 s), as a real tab switch would be
    window.dispatchEvent(new window.FocusEvent("focus"));
    await sleep(300);
  });
  const onFocus = count("GET /api/credyt/wallet") - onLoad;

  const topUpButton = screen.getByRole("button", { name: /top up|add/i });
  await act(async () => {
    fireEvent.click(topUpButton);
    fireEvent.click(topUpButton);
    await sleep(300);
  });
  const topUpPosts = count("POST /api/credyt/top-ups");

  const portal = screen.getByText("Billing");
  await act(async () => {
    fireEvent.mouseEnter(portal);
    fireEvent.pointerEnter(portal);
    fireEvent.focus(portal);
    await sleep(300);
  });
  const afterHover = count("POST /api/credyt/billing-portal/sessions");
  await act(async () => {
    fireEvent.click(portal);
    await sleep(300);
  });
  const afterClick = count("POST /api/credyt/billing-portal/sessions") - afterHover;

  const rows = [
    ["wallet GETs on load (20 balances)", String(onLoad), "1"],
    ["wallet GETs on one window focus", String(onFocus), "1"],
    ["top-up POSTs for a double click", String(topUpPosts), "1"],
    ["portal POSTs on hover (prefetch)", String(afterHover), "≤ 1"],
    ["portal round trips on the click after a hover", String(afterClick), "0"],
  ];
  return {
    title: "Requests: 20 balances, a top-up button and a portal link on one page",
    intro:
      "jsdom, React 19, @credyt/react → @credyt/proxy → @credyt/emulator chained in-process through fetch; every request reaching the proxy is counted. " +
      "The naive baseline (one request per balance) would be 20 on load and 20 per focus.",
    columns: ["what", "measured", "goal"],
    rows,
    goals: [
      { name: "load", value: String(onLoad), target: "1 (naive: 20)", met: onLoad === 1 },
      { name: "focus", value: String(onFocus), target: "1 (naive: 20)", met: onFocus === 1 },
      { name: "top-up double click", value: String(topUpPosts), target: "1 POST", met: topUpPosts === 1 },
      { name: "portal click after hover", value: String(afterClick), target: "0", met: afterClick === 0 },
    ],
    data: { onLoad, onFocus, topUpPosts, afterHover, afterClick, redirects: redirects.length },
  };
}
