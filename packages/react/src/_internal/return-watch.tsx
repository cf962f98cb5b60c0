import type { CredytError, Wallet } from "@credyt/core";
import { RETURN_PARAM } from "@credyt/core";
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import useSWR, { type SWRConfiguration, type Key as SWRKey } from "swr";
import { type PendingTopUp, type ReturnMarker, type ReturnStatus, STORAGE_KEY } from "./return-flow";

// The checkout-return flow, a lazy chunk: the provider loads it only when the page's URL carries the proxy's
// return marker (`RETURN_PARAM`), so a page that is not coming back from checkout never ships it.

/** Delays between re-fetches while waiting for the credit: about 30 s in all. */
const RETURN_BACKOFF = [1000, 2000, 3000, 5000, 8000, 13000];

function takeTopUp(): PendingTopUp | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    sessionStorage.removeItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as PendingTopUp) : undefined;
  } catch {
    return undefined;
  }
}

/** The proxy's return marker in the page's URL, removed from it (`undefined` when there is none). */
function takeMarker(): ReturnMarker | undefined {
  const url = new URL(location.href);
  const value = url.searchParams.get(RETURN_PARAM);
  if (value !== "top_up" && value !== "failed" && value !== "portal") return undefined;
  url.searchParams.delete(RETURN_PARAM);
  history.replaceState(history.state, "", url.href);
  return value;
}

function credited(wallet: Wallet, pending: PendingTopUp | undefined): boolean {
  if (pending?.available === undefined) return true;
  const account = wallet.accounts.find((a) =>
    pending.accountId ? a.id === pending.accountId : a.asset === pending.asset,
  );
  return account !== undefined && account.available > pending.available;
}

/**
 * Takes the proxy's return marker from the URL (the provider loads this chunk only when the URL has one), and re-fetches
 * the wallet (SWR's `mutate` of the wallet key) with bounded backoff until the credit lands. The
 * first check shares the balances' own request: this hook reads the same key while it watches.
 */
function useReturnFlow(
  key: SWRKey,
  fetcher: () => Promise<Wallet>,
  config: SWRConfiguration<Wallet, CredytError>,
): [ReturnStatus, PendingTopUp | undefined] {
  const [state, setState] = useState<[ReturnStatus, PendingTopUp | undefined, string | null]>([
    "idle",
    undefined,
    null,
  ]);
  // Read once: Strict Mode runs effects twice, and the first run already took the remembered balance.
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
    const value = takeMarker();
    if (value === undefined) return;
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

/** Props of {@link ReturnWatch}. */
export interface ReturnWatchProps {
  walletKey: SWRKey;
  fetcher: () => Promise<Wallet>;
  config: SWRConfiguration<Wallet, CredytError>;
  /** Called with each new state of the return (the provider puts it in its context). */
  onChange: (state: [ReturnStatus, PendingTopUp | undefined]) => void;
}

/** Runs {@link useReturnFlow} under the provider and hands its state up; renders nothing. */
export function ReturnWatch(props: ReturnWatchProps): ReactNode {
  const [status, pending] = useReturnFlow(props.walletKey, props.fetcher, props.config);
  const { onChange } = props;
  // Before paint, so the provider's context never lags the balance this watch just refreshed. Only rendered
  // in the browser (the provider loads it from an effect).
  useLayoutEffect(() => {
    onChange([status, pending]);
  }, [status, pending, onChange]);
  return null;
}
