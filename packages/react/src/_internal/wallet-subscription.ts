import { CredytError, type CredytErrorCode, checkWallet, type Wallet, walletFromWire } from "@credyt/core";

/** What the live wallet stream is doing: `live` once a wallet (or "unchanged") arrived. */
export type WalletStreamStatus = "connecting" | "live" | "paused" | "unavailable";

/** The subscription's data: the latest wallet from the stream and the stream's status. */
export interface WalletStreamData {
  wallet: Wallet | undefined;
  status: WalletStreamStatus;
}

/** The parts of `EventSource` the subscription uses (the browser's, or a polyfill such as `eventsource`). */
export interface EventSourceLike {
  /** 0 connecting, 1 open, 2 closed (given up: an HTTP error or a wrong content type). */
  readonly readyState: number;
  /** Called when the connection drops (it reconnects itself) or fails for good (`readyState` 2). */
  onerror: ((this: never, event: Event) => unknown) | null;
  /** Listens to one event type (`wallet`, `unchanged`). */
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  /** Closes the connection for good. */
  close(): void;
}

/** A constructor of {@link EventSourceLike}; `globalThis.EventSource` by default. */
export type EventSourceConstructor = new (url: string) => EventSourceLike;

export interface SubscriptionSettings {
  /** The stream's URL, `{baseUrl}/wallet/stream`. */
  url: string;
  EventSource: EventSourceConstructor;
  fetch: typeof fetch;
  /** Writes a wallet into the shared SWR cache (`mutate(credytKeys.wallet(baseUrl), wallet, …)`). */
  write(wallet: Wallet): void;
  firstEventTimeoutMs: number;
  maxRetryMs: number;
  /** Says what went wrong and the fix, where a developer looks (console, outside production). */
  warn(message: string): void;
}

type Next = (error: CredytError | null | undefined, data?: WalletStreamData) => void;

const CLOSED = 2;

/**
 * Silence after which a stream that announced heartbeats is taken for dead: 2.5 announced intervals (one
 * late heartbeat is no reason to reconnect), within 1 s..10 min whatever the server announced.
 */
function silenceLimit(announcedMs: number): number | undefined {
  if (!Number.isFinite(announcedMs) || announcedMs <= 0) return undefined;
  return Math.min(Math.max(announcedMs * 2.5, 1_000), 600_000);
}

/** Statuses after which retrying cannot help: no such route (an older backend), or not signed in. */
function isFinal(status: number): boolean {
  return status === 401 || status === 403 || status === 404 || status === 405 || status === 422;
}

function codeOf(status: number): CredytErrorCode {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 405 || status === 422) return "not_found";
  if (status === 429) return "rate_limited";
  if (status === 0) return "network_error";
  return "upstream_error";
}

/**
 * The `subscribe` of `useSWRSubscription`: one EventSource per key (SWR shares it between hooks),
 * resumed with `last_event_id`, reconnected with backoff, closed while the page is hidden and opened
 * again (catching up) when it shows, and given up, with a console message, where streams cannot work.
 */
export function subscribeWallet(settings: SubscriptionSettings) {
  return (_key: unknown, { next }: { next: Next }): (() => void) => {
    const doc = typeof document === "undefined" ? undefined : document;
    let source: EventSourceLike | undefined;
    let wallet: Wallet | undefined;
    let lastId: string | undefined;
    let attempts = 0;
    let stopped = false;
    let given = false;
    let heard = false;
    let firstTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    /** Set once the server announced heartbeats (older servers send only comments, which EventSource hides). */
    let silenceMs: number | undefined;
    let silenceTimer: ReturnType<typeof setTimeout> | undefined;
    let probe: AbortController | undefined;
    const emit = (status: WalletStreamStatus) => next(null, { wallet, status });

    const close = () => {
      clearTimeout(firstTimer);
      clearTimeout(retryTimer);
      clearTimeout(silenceTimer);
      probe?.abort();
      source?.close();
      source = undefined;
    };

    const giveUp = (error: CredytError, advice: string | undefined) => {
      close();
      given = true;
      if (advice) settings.warn(advice);
      // In this order: SWR clears the error when data arrives, and keeps the data when an error does.
      emit("unavailable");
      next(error);
    };

    const retry = () => {
      close();
      attempts += 1;
      const delay = Math.min(settings.maxRetryMs, 1_000 * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);
      retryTimer = setTimeout(connect, delay);
      emit("connecting");
    };

    /**
     * Liveness: anything from the server restarts the silence timer; a stream that stays silent past it
     * (a connection lost without an error, a stalled proxy) is reconnected, and shown as `connecting`.
     */
    const alive = () => {
      clearTimeout(silenceTimer);
      if (silenceMs === undefined || !source) return;
      const watched = source;
      silenceTimer = setTimeout(() => {
        if (source === watched && !stopped) retry();
      }, silenceMs);
    };

    const onHeartbeat = (event: MessageEvent) => {
      silenceMs = silenceLimit(Number(event.data)) ?? silenceMs;
      alive();
    };

    const onWallet = (event: MessageEvent) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(event.data));
      } catch {
        parsed = undefined;
      }
      if (checkWallet(parsed).length > 0) return; // not a wallet: keep what we have
      heard = true;
      clearTimeout(firstTimer);
      attempts = 0;
      lastId = event.lastEventId || lastId;
      wallet = walletFromWire(parsed as Parameters<typeof walletFromWire>[0]);
      settings.write(wallet);
      alive();
      emit("live");
    };

    const onUnchanged = (event: MessageEvent) => {
      heard = true;
      clearTimeout(firstTimer);
      attempts = 0;
      lastId = event.lastEventId || lastId;
      alive();
      emit("live");
    };

    /** Why the stream closed: the browser does not say, so ask once with fetch and read the status. */
    const diagnose = async () => {
      close();
      probe = new AbortController();
      let status = 0;
      try {
        const response = await settings.fetch(settings.url, {
          headers: { Accept: "text/event-stream" },
          credentials: "same-origin",
          signal: probe.signal,
        });
        status = response.status;
        await response.body?.cancel();
      } catch {
        if (probe.signal.aborted) return;
      }
      if (stopped) return;
      if (isFinal(status)) {
        const error = new CredytError(codeOf(status), "Live balance updates are not available.");
        const advice =
          status === 401 || status === 403
            ? undefined
            : `GET ${settings.url} answered ${status}: this backend has no live balance stream. Update @credyt/proxy (streams are on by default) or implement GET /wallet/stream (docs/protocol.md). Balances still refresh on focus, on reconnect and after actions.`;
        giveUp(error, advice);
        return;
      }
      retry();
    };

    const buffered = () => {
      giveUp(
        new CredytError("network_error", "Live balance updates are not reaching this page."),
        `GET ${settings.url} opened but sent nothing within ${settings.firstEventTimeoutMs} ms: something between the browser and the server buffers responses. Turn buffering off for this path (nginx: the proxy already sends X-Accel-Buffering: no; for other proxies and CDNs, see their streaming settings). Balances still refresh on focus, on reconnect and after actions.`,
      );
    };

    function connect(): void {
      if (stopped || given || source) return;
      if (doc?.visibilityState === "hidden") {
        emit("paused");
        return;
      }
      heard = false;
      const url = lastId ? `${settings.url}?last_event_id=${encodeURIComponent(lastId)}` : settings.url;
      const opened = new settings.EventSource(url);
      source = opened;
      opened.addEventListener("wallet", onWallet);
      opened.addEventListener("unchanged", onUnchanged);
      opened.addEventListener("heartbeat", onHeartbeat);
      opened.onerror = () => {
        if (source !== opened) return;
        // CONNECTING: the connection dropped and EventSource reconnects itself (with Last-Event-ID).
        if (opened.readyState === CLOSED) void diagnose();
        else emit("connecting");
      };
      firstTimer = setTimeout(() => {
        if (!heard && source === opened) buffered();
      }, settings.firstEventTimeoutMs);
      alive();
    }

    const onVisibility = () => {
      if (doc?.visibilityState === "hidden") {
        close();
        if (!given) emit("paused");
      } else connect();
    };

    if (typeof settings.EventSource !== "function") {
      // Server rendering, or a browser without EventSource: the app keeps refreshing as before.
      emit("unavailable");
      return () => {};
    }
    doc?.addEventListener("visibilitychange", onVisibility);
    connect();
    return () => {
      stopped = true;
      doc?.removeEventListener("visibilitychange", onVisibility);
      close();
    };
  };
}
