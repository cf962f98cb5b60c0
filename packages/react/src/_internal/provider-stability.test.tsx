import type { Account } from "@credyt/core";
import { act, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { stay } from "../../test/stay";
import { BillingPortalLink } from "./billing-portal-link";
import { de } from "./messages";
import { CredytProvider } from "./provider";
import { TopUpButton } from "./top-up-button";
import { WalletBalance } from "./wallet-balance";

let requests = 0;
let formats = 0;
const api = async (_input?: unknown, _init?: unknown) => {
  requests++;
  return new Response(JSON.stringify(wallet), { headers: { "content-type": "application/json" } });
};
// Stable, so the count measures `<WalletBalance>`'s renders, not a new prop.
const format = (account: Account) => {
  formats++;
  return `${account.available}`;
};
let tick: (() => void) | undefined;
function Parent() {
  const [n, setN] = useState(0);
  tick = () => setN((x) => x + 1);
  return (
    <div data-frame={n}>
      <CredytProvider
        baseUrl="/api/credyt"
        fetch={(input, init) => api(input, init)}
        headers={{ "x-csrf": "token" }}
        assets={{ TOK: { label: "tokens" } }}
        appearance={{ theme: "dark", variables: { accent: "#6d28d9" } }}
        initialWallet={wallet}
        allowedRedirectHosts={["pay.example.com"]}
        labels={{ ...de }}
        onRedirect={stay}
        locale="de-DE"
      >
        <WalletBalance account="USD" format={format} />
        <TopUpButton amount={20} currency="USD" />
        <BillingPortalLink />
      </CredytProvider>
    </div>
  );
}
const wallet = { accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 14.566678 }] };

describe("provider stability", () => {
  it("a parent re-rendering 100 times with inline props costs no request, no cache and no re-render", async () => {
    requests = 0;
    formats = 0;

    render(<Parent />);
    await waitFor(() => expect(requests).toBe(1)); // the mount revalidation
    await act(() => new Promise((r) => setTimeout(r, 30)));
    const settled = formats;
    const button = screen.getByRole("button", { name: /20,00/ });

    for (let i = 0; i < 100; i++) act(() => tick!());

    await act(() => new Promise((r) => setTimeout(r, 30)));
    expect(requests).toBe(1);
    expect(formats - settled).toBe(0);
    expect(screen.getByText("14.566678").closest("[data-credyt=balance]")?.getAttribute("data-state")).toBe("ready");
    expect(screen.getByRole("button", { name: /20,00/ })).toBe(button);
  });
});
