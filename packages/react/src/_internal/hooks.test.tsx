import { CredytError, credytKeys } from "@credyt/core";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { stay } from "../../test/stay";
import { mutateCredyt } from "./mutate-credyt";
import { CredytProvider } from "./provider";
import { createMockClient, type MockCredytClient } from "./testing/mock-client";
import { selectAccount, useAccount } from "./use-account";
import { useBillingPortal } from "./use-billing-portal";
import { useTopUp } from "./use-top-up";
import { useWallet } from "./use-wallet";

const wrap =
  (client: MockCredytClient, onRedirect: (url: string, event: { preventDefault(): void }) => void = stay) =>
  ({ children }: { children?: ReactNode }) => (
    <CredytProvider client={client} onRedirect={onRedirect}>
      {children}
    </CredytProvider>
  );

describe("useWallet / useAccount", () => {
  it("loads the wallet with SWR's field names", async () => {
    const client = createMockClient({ scenario: "ready" });
    const { result } = renderHook(() => useWallet(), { wrapper: wrap(client) });
    expect(result.current.isLoading).toBe(true);
    await waitFor(() => expect(result.current.data?.accounts).toHaveLength(2));
    expect(result.current.isLoading).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it("mutate() re-fetches and mutate(data, { revalidate: false }) writes", async () => {
    const client = createMockClient({ scenario: "ready" });
    const { result } = renderHook(() => useAccount("USD"), { wrapper: wrap(client) });
    await waitFor(() => expect(result.current.data?.available).toBe(14.566678));
    client.setWallet({ accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 99 }] });
    await act(() => result.current.mutate());
    expect(result.current.data?.available).toBe(99);
    // SWR's semantics: `mutate(data)` writes, and re-fetches unless told not to.
    await act(() => result.current.mutate({ accounts: [] }, { revalidate: false }));
    expect(result.current.data).toBeUndefined();
  });

  it("types the error as a CredytError", async () => {
    const client = createMockClient({ scenario: "error" });
    const { result } = renderHook(() => useAccount(), { wrapper: wrap(client) });
    await waitFor(() => expect(result.current.error?.code).toBe("network_error"));
    expect(result.current.isLoading).toBe(false);
  });

  it("selectAccount prefers an id, then the default account of an asset", () => {
    const wallet = {
      accounts: [
        { id: "promo:USD", name: "promo", asset: "USD", available: 1 },
        { id: "default:USD", name: "default", asset: "USD", available: 2 },
      ],
    };
    expect(selectAccount(wallet, "promo:USD")?.available).toBe(1);
    expect(selectAccount(wallet, "usd")?.available).toBe(2);
    expect(selectAccount(wallet)?.available).toBe(1);
    expect(selectAccount(wallet, "EUR")).toBeUndefined();
    expect(selectAccount(undefined, "USD")).toBeUndefined();
  });

  it("throws a fix-it error outside the provider", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => renderHook(() => useWallet())).toThrow("`useWallet` must be used within `CredytProvider`.");
  });
});

describe("useTopUp", () => {
  it("returns one promise for concurrent triggers, then a new key for a new intent", async () => {
    const client = createMockClient({ delayMs: 10 });
    const onRedirect = vi.fn(stay);
    const { result } = renderHook(() => useTopUp(), { wrapper: wrap(client, onRedirect) });
    let a: Promise<unknown> | undefined;
    let b: Promise<unknown> | undefined;
    act(() => {
      a = result.current.trigger({ amount: 10, currency: "USD" });
      b = result.current.trigger({ amount: 10, currency: "USD" });
    });
    expect(a).toBe(b);
    expect(result.current.isMutating).toBe(true);
    await act(() => a);
    expect(result.current.data?.id).toBe("tu_mock_1");
    expect(result.current.isMutating).toBe(false);
    await act(() => result.current.trigger({ amount: 10, currency: "USD" }));
    const keys = client.calls.filter((c) => c.method === "createTopUp").map((c) => c.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    expect(onRedirect).toHaveBeenCalledTimes(2);
  });

  it("as in SWR, trigger rejects on failure and onError fires; error is set either way", async () => {
    const client = createMockClient({ errors: { createTopUp: new CredytError("invalid_request", "too much") } });
    const onError = vi.fn();
    const onSuccess = vi.fn();
    const { result } = renderHook(() => useTopUp({ onError, onSuccess }), { wrapper: wrap(client) });
    let caught: unknown;
    await act(async () => {
      try {
        await result.current.trigger({ amount: 1e9, currency: "USD" });
      } catch (error) {
        caught = error;
      }
    });
    expect(caught).toBeInstanceOf(CredytError);
    expect((caught as CredytError).code).toBe("invalid_request");
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBe(caught);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(result.current.error?.code).toBe("invalid_request");
  });

  it("onSuccess gets the top-up (checkout started); a trigger's own options win over the hook's, as in SWR", async () => {
    const client = createMockClient();
    const onSuccess = vi.fn();
    const perCall = vi.fn();
    const { result } = renderHook(() => useTopUp({ onSuccess }), { wrapper: wrap(client, vi.fn()) });
    await act(async () => {
      await result.current.trigger({ amount: 10, currency: "USD" });
    });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({ status: "initiated" });
    await act(async () => {
      await result.current.trigger({ amount: 10, currency: "USD" }, { onSuccess: perCall });
    });
    expect(perCall).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it("with throwOnError: false, resolves undefined and sets `error` on failure; reset clears it", async () => {
    const client = createMockClient({ errors: { createTopUp: new CredytError("invalid_request", "too much") } });
    const { result } = renderHook(() => useTopUp({ throwOnError: false }), { wrapper: wrap(client) });
    let value: unknown = "unset";
    await act(async () => {
      value = await result.current.trigger({ amount: 1e9, currency: "USD" });
    });
    expect(value).toBeUndefined();
    expect(result.current.error?.code).toBe("invalid_request");
    act(() => result.current.reset());
    expect(result.current.error).toBeUndefined();
  });

  it("wraps an error thrown by onRedirect as a CredytError", async () => {
    const client = createMockClient();
    const onRedirect = () => {
      throw new Error("router exploded");
    };
    const { result } = renderHook(() => useTopUp({ throwOnError: false }), {
      wrapper: wrap(client, vi.fn(onRedirect)),
    });
    await act(() => result.current.trigger({ amount: 1, currency: "USD" }));
    expect(result.current.error?.code).toBe("internal");
    expect(result.current.error?.message).toBe("router exploded");
  });
});

describe("useBillingPortal", () => {
  it("replaces a session that is about to expire", async () => {
    const client = createMockClient();
    let n = 0;
    client.createBillingPortalSession = async () => ({
      redirectUrl: `https://portal.credyt.ai/s/${++n}`,
      expiresAt: new Date(Date.now() + 10_000).toISOString(),
    });
    const onRedirect = vi.fn(stay);
    const { result } = renderHook(() => useBillingPortal(), { wrapper: wrap(client, onRedirect) });
    await act(() => result.current.trigger());
    await act(() => result.current.trigger());
    expect(onRedirect.mock.calls.map((c) => c[0])).toEqual([
      "https://portal.credyt.ai/s/1",
      "https://portal.credyt.ai/s/2",
    ]);
  });

  it("drops the cached session when the customer may have changed", async () => {
    const client = createMockClient({
      wallet: { accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 1 }] },
    });
    let n = 0;
    client.createBillingPortalSession = async () => ({
      redirectUrl: `https://portal.credyt.ai/s/${++n}`,
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    const onRedirect = vi.fn(stay);
    const { result } = renderHook(() => ({ portal: useBillingPortal(), wallet: useWallet() }), {
      wrapper: wrap(client, onRedirect),
    });
    await waitFor(() => expect(result.current.wallet.data).toBeDefined());
    const open = async () => {
      await act(() => result.current.portal.trigger());
      return onRedirect.mock.calls.at(-1)?.[0];
    };
    expect(await open()).toBe("https://portal.credyt.ai/s/1");
    expect(await open()).toBe("https://portal.credyt.ai/s/1"); // same customer: reused

    // Another customer signs in (same provider, same client): their wallet loads.
    client.setWallet({ accounts: [{ id: "default:USD", name: "default", asset: "USD", available: 99 }] });
    await act(() => result.current.wallet.mutate());
    expect(await open()).toBe("https://portal.credyt.ai/s/2");

    // A sign-out answer.
    const getWallet = client.getWallet;
    client.getWallet = () => Promise.reject(new CredytError("unauthorized", "signed out"));
    await act(() => result.current.wallet.mutate());
    client.getWallet = getWallet;
    expect(await open()).toBe("https://portal.credyt.ai/s/3");

    // The app says so: mutateCredyt() (same wallet data), or reset().
    await act(() => mutateCredyt());
    expect(await open()).toBe("https://portal.credyt.ai/s/4");
    act(() => result.current.portal.reset());
    expect(result.current.portal.data).toBeUndefined();
    expect(await open()).toBe("https://portal.credyt.ai/s/5");
    expect(await open()).toBe("https://portal.credyt.ai/s/5");
  });

  it("drops the cached session on mutateCredyt() even with no balance on the page", async () => {
    const client = createMockClient();
    let n = 0;
    client.createBillingPortalSession = async () => ({
      redirectUrl: `https://portal.credyt.ai/s/${++n}`,
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    const onRedirect = vi.fn(stay);
    const { result } = renderHook(() => useBillingPortal(), { wrapper: wrap(client, onRedirect) });
    await act(() => result.current.trigger());
    await act(() => mutateCredyt(credytKeys.wallet(client.baseUrl)));
    await act(() => result.current.trigger());
    expect(onRedirect.mock.calls.map((c) => c[0])).toEqual([
      "https://portal.credyt.ai/s/1",
      "https://portal.credyt.ai/s/2",
    ]);
    expect(client.calls.filter((c) => c.method === "getWallet")).toHaveLength(0);
  });

  it("forgets a failed prefetch so the click tries again", async () => {
    const client = createMockClient();
    let fail = true;
    const create = client.createBillingPortalSession;
    client.createBillingPortalSession = (input) =>
      fail ? Promise.reject(new CredytError("unavailable", "down")) : create(input);
    const onRedirect = vi.fn(stay);
    const { result } = renderHook(() => useBillingPortal(), { wrapper: wrap(client, onRedirect) });
    act(() => result.current.prefetch());
    await new Promise((r) => setTimeout(r, 0));
    fail = false;
    await act(() => result.current.trigger());
    expect(onRedirect).toHaveBeenCalledWith("https://portal.credyt.ai/mock/session", {
      kind: "billing_portal",
      target: undefined,
    });
    expect(result.current.error).toBeUndefined();
  });
});
