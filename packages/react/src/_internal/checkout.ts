import {
  type CredytClient,
  CredytError,
  createBillingPortalSession,
  createTopUp,
  type PortalSession,
  type TopUp,
  type TopUpInput,
  type TopUpRequestOptions,
  type Wallet,
} from "@credyt/core";
import { type Cache, type ScopedMutator, unstable_serialize } from "swr";
import type { CredytContextValue, CredytRedirect, ProviderClient, RedirectKind } from "./context";
import { checkRedirect } from "./redirect";
import { RedirectEvent } from "./redirect-event";
import { rememberTopUp } from "./return-flow";
import type { Scope } from "./scope";
import { toCredytError } from "./to-credyt-error";
import { selectAccount } from "./use-account";
import { equal } from "./use-stable";

export { errorMessage } from "./error-message";

// The code that leaves the page (a lazy chunk, see calls.ts): the purchase, the top-up and portal calls with
// their wire checks, and the redirect policy. The hooks that use it load it after they mount, never on the first render.

/** Starts a checkout (`createTopUp`); its `redirectUrl` has passed the redirect policy. */
export function startTopUp(
  client: CredytClient | ProviderClient,
  input: TopUpInput,
  options: TopUpRequestOptions,
): Promise<TopUp> {
  return "transport" in client ? createTopUp(client.transport, input, options) : client.createTopUp(input, options);
}

/** A billing portal link (`createBillingPortalSession`); its `redirectUrl` has passed the redirect policy. */
function openPortalSession(client: CredytClient | ProviderClient): Promise<PortalSession> {
  return "transport" in client ? createBillingPortalSession(client.transport) : client.createBillingPortalSession();
}

interface Entry {
  promise: Promise<PortalSession>;
  session?: PortalSession;
  /** `scope.generation` when it was created: a different customer may be signed in since. */
  generation: number;
}

/**
 * One cached session per provider (its scope). A session is the signed-in customer's: it is
 * reused only while the scope's generation has not moved (same wallet, no sign-out answer, no
 * `customer` change, no `mutateCredyt`, no `reset`), and while it is not close to expiry. It is
 * kept here rather than in SWR's cache because it is a POST's answer, never revalidated.
 */
const sessions = new WeakMap<Scope, Entry>();
/** A session closer to expiry than this is replaced rather than reused. */
const EXPIRY_MARGIN_MS = 30_000;

/** The provider's portal session: an unexpired one of the same customer, or a new one (`useBillingPortal`). */
export function getSession(store: Scope, client: CredytClient | ProviderClient): Promise<PortalSession> {
  const entry = sessions.get(store);
  if (
    entry &&
    entry.generation === store.generation &&
    (!entry.session || Date.parse(entry.session.expiresAt) - Date.now() > EXPIRY_MARGIN_MS)
  ) {
    return entry.promise;
  }
  const fresh: Entry = { promise: openPortalSession(client), generation: store.generation };
  sessions.set(store, fresh);
  fresh.promise.then(
    (session) => {
      fresh.session = session;
    },
    () => {
      if (sessions.get(store) === fresh) sessions.delete(store);
    },
  );
  return fresh.promise;
}

/**
 * Validates a server redirect (throws a `CredytError` if refused), tells `onRedirect`, and leaves the page
 * unless it called `preventDefault()`. True when this page is navigating away.
 */
export function navigate(
  redirect: CredytRedirect,
  url: string,
  kind: RedirectKind,
  target?: string,
  win?: Window | null,
): boolean {
  const safe = checkRedirect(url, redirect.allowedHosts);
  const event = new RedirectEvent(kind, target);
  redirect.onRedirect(safe, event);
  if (event.defaultPrevented) {
    win?.close();
    return false;
  }
  if (win) win.location.href = safe;
  else location.assign(safe);
  return !win;
}

/** How long checkout waits for the balance it remembers; past it the return flow has no baseline. */
const BASELINE_WAIT_MS = 3000;

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function newKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

/** What a purchase needs of `useTopUp`: the provider's context, the SWR cache, and the purchase intent. */
export interface Purchase extends Pick<CredytContextValue, "redirect" | "walletKey" | "fetchWallet" | "timeout"> {
  client: CredytClient | ProviderClient;
  cache: Cache;
  mutate: ScopedMutator;
  /** The purchase intent: its input and its `Idempotency-Key` (kept across retries of the same input). */
  intent: { current: { input: TopUpInput; key: string } | undefined };
}

/**
 * One purchase: one `Idempotency-Key` per intent (replaced after an `idempotency_conflict`), the balance
 * remembered for the return (fetched first if not loaded), the top-up, a validated redirect, then checkout.
 */
export async function buyTopUp(
  { client, redirect, walletKey, fetchWallet, timeout, cache, mutate, intent }: Purchase,
  input: TopUpInput,
): Promise<{ topUp: TopUp; left: boolean }> {
  // The same purchase (equal input, compared by value) keeps its key.
  if (!intent.current || !equal(intent.current.input, input)) intent.current = { input: { ...input }, key: newKey() };
  // The balance before paying is the return flow's baseline. Not loaded yet (no balance on this
  // page, or still loading): fetch it alongside the top-up and put it in the cache.
  const cached = () => cache.get(unstable_serialize(walletKey))?.data as Wallet | undefined;
  const known = cached();
  const before = known
    ? Promise.resolve(known)
    : fetchWallet().then(
        (wallet) => mutate(walletKey, wallet, { revalidate: false }),
        () => undefined,
      );
  try {
    // Never stuck on "Redirecting…": a client that never answers (a custom `client` without a
    // timeout, say) ends in a `timeout` error a second after the client's own timeout would fire.
    const created = startTopUp(client, input, { idempotencyKey: intent.current?.key ?? newKey() });
    const topUp = await within(created, timeout + 1000);
    if (!topUp) throw new CredytError("timeout", `No answer to the top-up within ${timeout} ms.`, { status: 0 });
    const asset = input.asset ?? input.currency;
    const wallet = (await within(before, BASELINE_WAIT_MS)) ?? cached();
    const account = selectAccount(wallet, asset);
    // A known wallet without this asset's account: the credit will open it, from zero.
    const available = account?.available ?? (wallet ? 0 : undefined);
    rememberTopUp({
      asset,
      accountId: account?.id,
      available,
      pendingIn: account?.pendingIn ?? (wallet ? 0 : undefined),
      amount: input.amount,
      currency: input.currency,
    });
    const left = navigate(redirect, topUp.redirectUrl, "top_up");
    intent.current = undefined;
    return { topUp, left };
  } catch (thrown) {
    const error = toCredytError(thrown);
    // 409: the key was already used with another body; the next attempt needs its own key.
    if (error.code === "idempotency_conflict") intent.current = undefined;
    throw error;
  }
}
