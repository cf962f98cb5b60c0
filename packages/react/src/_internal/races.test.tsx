import type { Wallet } from "@credyt/core";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { CredytProvider } from "./provider";
import { createMockClient } from "./testing/mock-client";
import { useWallet } from "./use-wallet";

// The two races of the hand-written store (issue 12), which SWR's request and mutation
// timestamps prevent. Both failed on the old store: its `mutate()` returned the request already in
// flight, and a `mutate(data)` was overwritten when that older request landed.
const usd = (available: number): Wallet => ({
  accounts: [{ id: "default:USD", name: "default", asset: "USD", available }],
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A client whose first `getWallet` waits for the test; later ones answer `next()` at once. */
function slowFirstClient(next: () => Wallet) {
  const client = createMockClient({ wallet: usd(1) });
  const first = deferred<Wallet>();
  let calls = 0;
  client.getWallet = () => (++calls === 1 ? first.promise : Promise.resolve(next()));
  return { client, first, calls: () => calls };
}

/** Reads `data` during render, as a component would (SWR re-renders only for fields read). */
function useWalletData() {
  const { data, mutate } = useWallet();
  return { data, mutate };
}

const wrap =
  (client: ReturnType<typeof createMockClient>) =>
  ({ children }: { children?: ReactNode }) => (
    <CredytProvider client={client} cache="isolated">
      {children}
    </CredytProvider>
  );

describe("no stale balances", () => {
  it("mutate() during an in-flight request resolves with data fetched after the call", async () => {
    const { client, first, calls } = slowFirstClient(() => usd(2));
    const { result } = renderHook(() => useWalletData(), { wrapper: wrap(client) });
    await waitFor(() => expect(calls()).toBe(1)); // the mount request is in flight

    let fresh: Wallet | undefined;
    await act(async () => {
      fresh = await result.current.mutate();
    });
    expect(calls()).toBe(2); // a new request, not the one in flight
    expect(fresh?.accounts[0]?.available).toBe(2);

    // The older request lands afterwards: it must not replace the newer answer.
    await act(async () => {
      first.resolve(usd(1));
      await first.promise;
    });
    expect(result.current.data?.accounts[0]?.available).toBe(2);
  });

  it("mutate(data) during a fetch is not overwritten by the older fetch", async () => {
    const { client, first, calls } = slowFirstClient(() => usd(3));
    const { result } = renderHook(() => useWalletData(), { wrapper: wrap(client) });
    await waitFor(() => expect(calls()).toBe(1));

    await act(() => result.current.mutate(usd(5), { revalidate: false }));
    expect(result.current.data?.accounts[0]?.available).toBe(5);
    await act(async () => {
      first.resolve(usd(1));
      await first.promise;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(result.current.data?.accounts[0]?.available).toBe(5);
  });
});
