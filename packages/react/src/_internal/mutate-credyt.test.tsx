import { credytKeys } from "@credyt/core";
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mutateCredyt } from "./mutate-credyt";
import { CredytProvider } from "./provider";
import { createMockClient } from "./testing/mock-client";
import { WalletBalance } from "./wallet-balance";

const usd = (available: number) => ({ accounts: [{ id: "default:USD", name: "default", asset: "USD", available }] });

describe("mutateCredyt", () => {
  it("re-fetches matching keys in every mounted provider, from outside React", async () => {
    const a = createMockClient({ wallet: usd(1), baseUrl: "/api/a" });
    const b = createMockClient({ wallet: usd(2), baseUrl: "/api/b" });
    render(
      <>
        <CredytProvider client={a} locale="en-US">
          <WalletBalance data-testid="a" />
        </CredytProvider>
        <CredytProvider client={b} locale="en-US">
          <WalletBalance data-testid="b" />
        </CredytProvider>
      </>,
    );
    await screen.findByText("$1.00");
    await screen.findByText("$2.00");
    a.setWallet(usd(10));
    b.setWallet(usd(20));

    await act(() => mutateCredyt(credytKeys.wallet("/api/a")));
    expect(screen.getByTestId("a").textContent).toBe("$10.00");
    expect(screen.getByTestId("b").textContent).toBe("$2.00");

    await act(() => mutateCredyt(["@credyt", "/api/b"]));
    expect(screen.getByTestId("b").textContent).toBe("$20.00");

    a.setWallet(usd(100));
    await act(() => mutateCredyt(["@credyt", "/api"]));
    expect(screen.getByTestId("a").textContent).toBe("$10.00");
    await act(() => mutateCredyt());
    expect(screen.getByTestId("a").textContent).toBe("$100.00");
  });

  it("does nothing once the providers are unmounted", async () => {
    const client = createMockClient({ wallet: usd(1) });
    const page = render(
      <CredytProvider client={client}>
        <WalletBalance />
      </CredytProvider>,
    );
    await screen.findByText(/1/);
    page.unmount();
    const before = client.calls.length;
    await mutateCredyt();
    expect(client.calls.length).toBe(before);
  });
});
