import { CredytError } from "@credyt/core";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { BillingPortalLink } from "./billing-portal-link";
import { CredytProvider } from "./provider";
import { createMockClient } from "./testing/mock-client";
import { MockCredytProvider } from "./testing/mock-provider";
import { TopUpButton } from "./top-up-button";

// Issue 23: components expose SWR's onSuccess / onError (checkout started, portal opened), report
// failures in place without an unhandled rejection, and a TopUpButton needs no `currency` when it
// can be derived.
describe("component events", () => {
  it("<TopUpButton onSuccess> fires once the checkout is created (checkout started)", async () => {
    const onSuccess = vi.fn();
    const onError = vi.fn();
    render(
      <MockCredytProvider client={createMockClient()} onRedirect={vi.fn()}>
        <TopUpButton amount={20} currency="USD" onSuccess={onSuccess} onError={onError} />
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({ status: "initiated" });
    expect(onError).not.toHaveBeenCalled();
  });

  it("<TopUpButton onError> gets the CredytError; the message shows in place", async () => {
    const onError = vi.fn();
    const client = createMockClient({ errors: { createTopUp: new CredytError("network_error", "offline") } });
    render(
      <MockCredytProvider client={client}>
        <TopUpButton amount={20} currency="USD" onError={onError} />
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(CredytError);
    expect((onError.mock.calls[0]?.[0] as CredytError | undefined)?.code).toBe("network_error");
    expect(await screen.findByRole("alert")).toBeTruthy();
  });

  it("<BillingPortalLink onSuccess> fires when the portal opens, onError on failure", async () => {
    const onSuccess = vi.fn();
    render(
      <MockCredytProvider client={createMockClient()} onRedirect={vi.fn()}>
        <BillingPortalLink onSuccess={onSuccess} />
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(onSuccess.mock.calls[0]?.[0]).toHaveProperty("redirectUrl");

    const onError = vi.fn();
    const failing = createMockClient({
      errors: { createBillingPortalSession: new CredytError("unavailable", "down") },
    });
    render(
      <MockCredytProvider client={failing}>
        <BillingPortalLink onError={onError}>Billing 2</BillingPortalLink>
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Billing 2" }));
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(CredytError);
    expect((onError.mock.calls[0]?.[0] as CredytError | undefined)?.code).toBe("unavailable");
  });

  it("<TopUpButton> without a currency: the asset when it is one, else the wallet's first currency", async () => {
    const onRedirect = vi.fn();
    const client = createMockClient();
    render(
      <MockCredytProvider client={client} onRedirect={onRedirect} locale="en-US">
        <TopUpButton amount={20} asset="USD" />
        <TopUpButton amount={10} asset="TOK" />
      </MockCredytProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Top up $20.00" }));
    await waitFor(() => expect(onRedirect).toHaveBeenCalledTimes(1));
    const tokens = await screen.findByRole("button", { name: "Top up $10.00" });
    await userEvent.click(tokens);
    await waitFor(() => expect(onRedirect).toHaveBeenCalledTimes(2));
    const inputs = client.calls.filter((c) => c.method === "createTopUp").map((c) => c.input);
    expect(inputs).toEqual([
      { amount: 20, currency: "USD", asset: "USD" },
      { amount: 10, currency: "USD", asset: "TOK" },
    ]);
  });

  it("onRedirect observes: the provider navigates unless it calls event.preventDefault()", async () => {
    const opened: { location: { href: string }; close: () => void; opener: unknown }[] = [];
    vi.spyOn(window, "open").mockImplementation(() => {
      const win = { location: { href: "" }, close: vi.fn(), opener: {} };
      opened.push(win);
      return win as unknown as Window;
    });
    const seen: { url: string; kind: string; prevented: boolean }[] = [];
    let prevent = false;
    render(
      <CredytProvider
        client={createMockClient()}
        onRedirect={(url, event) => {
          if (prevent) event.preventDefault();
          seen.push({ url, kind: event.kind, prevented: event.defaultPrevented });
        }}
      >
        <BillingPortalLink target="_blank" />
      </CredytProvider>,
    );
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(opened[0]?.location.href).toBe("https://portal.credyt.ai/mock/session"));
    expect(seen).toEqual([{ url: "https://portal.credyt.ai/mock/session", kind: "billing_portal", prevented: false }]);
    expect(opened[0]?.close).not.toHaveBeenCalled();

    prevent = true;
    await userEvent.click(screen.getByRole("button"));
    await waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]?.prevented).toBe(true);
    expect(opened[1]?.location.href).toBe("");
    expect(opened[1]?.close).toHaveBeenCalled();
  });
});
