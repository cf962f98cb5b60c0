import { type CredytError, RETURN_PARAM, type Wallet } from "@credyt/core";
import { useEffect, useRef, useState } from "react";
import useSWR, { type SWRConfiguration, type Key as SWRKey } from "swr";

/**
 * Where the customer stands after coming back from checkout:
 * `idle` (nothing to show), `pending` (paid, waiting for the credit), `processing` (paid, still not
 * credited after the timeout), `success` (credited), `failed` (the payment did not go through).
 */
export type ReturnStatus = "idle" | "pending" | "processing" | "success" | "failed";

/** The balance remembered just before leaving for checkout. */
export interface PendingTopUp {
  /** The account the top-up credits, when the wallet had it. */
  accountId?: string | undefined;
  /** The asset the top-up credits. */
  asset: string;
  /** Its balance just before leaving for checkout (the baseline the credit is detected against). */
  available?: number | undefined;
  /** The account's `pendingIn` before this checkout (abandoned checkouts count there until they expire). */
  pendingIn?: number | undefined;
  /** What the customer paid, for the confirmation ("Added $20.00"). */
  amount?: number | undefined;
  /** The currency paid in. */
  currency?: string | undefined;
}

const STORAGE_KEY = "credyt:top-up";
/** Delays between re-fetches while waiting for the credit: about 30 s in all. */
const RETURN_BACKOFF = [1000, 2000, 3000, 5000, 8000, 13000];

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
 * the wallet (SWR's `mutate` of the wallet key) with bounded backoff until the credit lands. The
 * first check shares the balances' own request: this hook reads the same key while it watches.
 */
export function useReturnFlow(
  key: SWRKey,
  fetcher: () => Promise<Wallet>,
  config: SWRConfiguration<Wallet, CredytError>,
): [ReturnStatus, PendingTopUp | undefined] {
  const [state, setState] = useState<[ReturnStatus, PendingTopUp | undefined, string | null]>([
    "idle",
    undefined,
    null,
  ]);
  // Read once: Strict Mode runs effects twice, and the first run already removed the marker.
  const found = useRef(false);
  const [status, pending, marker] = state;
  const watching = marker === "portal" || status === "pending";
  const { data, error, mutate } = useSWR<Wallet, CredytError>(watching ? key : null, fetcher, config);
  // The latest answer, for the effect below (written after render, never during it).
  const first = useRef(data);
  useEffect(() => {
    first.current = data;
  });
  // The first answer (the request every balance shares) has come, data or error.
  const answered = data !== undefined || error !== undefined;

  useEffect(() => {
    if (found.current) return;
    found.current = true;
    const url = new URL(location.href);
    const value = url.searchParams.get(RETURN_PARAM);
    if (value !== "top_up" && value !== "failed" && value !== "portal") return;
    url.searchParams.delete(RETURN_PARAM);
    history.replaceState(history.state, "", url.href);
    const taken = takeTopUp();
    // Back from the portal, where the customer may have bought credit: the watch above refreshes once.
    setState([value === "top_up" ? "pending" : value === "failed" ? "failed" : "idle", taken, value]);
  }, []);

  useEffect(() => {
    if (status !== "pending" || !answered) return;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // A chain of timers and SWR `mutate()` calls (each a new request, resolving with the cache's
    // data, the last good one after a failure); the backoff decides when to give up.
    const check = (wallet: Wallet | undefined) => {
      if (stopped) return;
      if (wallet && credited(wallet, pending)) setState(["success", pending, marker]);
      else if (attempt >= RETURN_BACKOFF.length) setState(["processing", pending, marker]);
      else timer = setTimeout(() => void mutate().then(check), RETURN_BACKOFF[attempt++]);
    };
    check(first.current);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [status, answered, pending, marker, mutate]);

  return [status, pending];
}

/**
 * What of `account.pendingIn` is really on its way without `showPending`: only the top-up this browser
 * just paid, while it is not yet credited. Once credited (`success`), or with no paid checkout, nothing:
 * an abandoned or refused checkout's amount stays in Credyt's `pending_in` until it expires, and must
 * never read as money coming. Other checkouts were pending before this one: then at most what was paid
 * (in the asset paid for; in another asset the amount is unknown, so none is shown).
 */
export function pendingShown(
  pendingIn: number | undefined,
  status: ReturnStatus,
  paid: PendingTopUp | undefined,
): number | undefined {
  if (pendingIn === undefined || pendingIn <= 0) return undefined;
  if (status !== "pending" && status !== "processing") return undefined;
  if (!paid?.pendingIn) return pendingIn;
  if (paid.amount === undefined || paid.currency?.toUpperCase() !== paid.asset.toUpperCase()) return undefined;
  return Math.min(pendingIn, paid.amount);
}
