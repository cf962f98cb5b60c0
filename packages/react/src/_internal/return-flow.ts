import { RETURN_PARAM, type Wallet } from "@credyt/core";
import { useEffect, useRef, useState } from "react";

/**
 * Where the customer stands after coming back from checkout:
 * `idle` (nothing to show), `pending` (paid, waiting for the credit), `processing` (paid, still not
 * credited after the timeout), `success` (credited), `failed` (the payment did not go through).
 */
export type ReturnStatus = "idle" | "pending" | "processing" | "success" | "failed";

/** The balance remembered just before leaving for checkout. */
export interface PendingTopUp {
  accountId?: string | undefined;
  asset: string;
  available?: number | undefined;
}

const STORAGE_KEY = "credyt:top-up";
/** Delays between re-fetches while waiting for the credit: about 30 s in all. */
export const RETURN_BACKOFF = [1000, 2000, 3000, 5000, 8000, 13000];

/** Remembers the balance before a top-up redirect, so the return can tell when the credit landed. */
export function rememberTopUp(pending: PendingTopUp): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
  } catch {
    // Storage can be disabled (private mode); the return flow then refreshes without a baseline.
  }
}

function takeTopUp(): PendingTopUp | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    sessionStorage.removeItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as PendingTopUp) : undefined;
  } catch {
    return undefined;
  }
}

function credited(wallet: Wallet, pending: PendingTopUp | undefined): boolean {
  if (pending?.available === undefined) return true;
  const account = wallet.accounts.find((a) =>
    pending.accountId ? a.id === pending.accountId : a.asset === pending.asset,
  );
  return account !== undefined && account.available > pending.available;
}

/**
 * Reads the proxy's return marker once after hydration, removes it from the URL, and re-fetches
 * the wallet with bounded backoff until the credit lands.
 */
export function useReturnFlow(
  refresh: (force: boolean) => Promise<Wallet | undefined>,
): [ReturnStatus, PendingTopUp | undefined] {
  const [state, setState] = useState<[ReturnStatus, PendingTopUp | undefined]>(["idle", undefined]);
  // Read once: Strict Mode runs effects twice, and the first run already removed the marker.
  const found = useRef<[string | null, PendingTopUp | undefined]>(undefined);

  useEffect(() => {
    if (!found.current) {
      const url = new URL(location.href);
      const value = url.searchParams.get(RETURN_PARAM);
      found.current = [value, undefined];
      if (value !== "top_up" && value !== "failed" && value !== "portal") return;
      url.searchParams.delete(RETURN_PARAM);
      history.replaceState(history.state, "", url.href);
      found.current[1] = takeTopUp();
    }
    const [marker, pending] = found.current;
    if (marker === "portal") {
      // Back from the portal, where the customer may have bought credit: refresh once, quietly.
      void refresh(true);
      return;
    }
    if (marker !== "top_up" && marker !== "failed") return;
    if (marker === "failed") {
      setState(["failed", pending]);
      return;
    }
    setState(["pending", pending]);
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      // Through the provider's cache: the first call joins the balances' own first request, and a
      // failed one (undefined) counts as "not credited yet"; the backoff decides when to give up.
      const wallet = await refresh(attempt > 0);
      if (stopped) return;
      if (wallet && credited(wallet, pending)) setState(["success", pending]);
      else if (attempt >= RETURN_BACKOFF.length) setState(["processing", pending]);
      else timer = setTimeout(poll, RETURN_BACKOFF[attempt++]);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh]);

  return state;
}
