import { useEffect, useState } from "react";

export interface DemoCustomer {
  externalId: string;
  name: string;
}

/** What `GET /api/session` answers: who is signed in, plus the settings the server decides. */
export interface Session {
  customer: DemoCustomer | null;
  customers: DemoCustomer[];
  redirectHosts: string[];
  video: { seconds: number; pricePerSecond: number | null; currency: string };
  tokensPerDollar: number;
}

async function send(method: "POST" | "DELETE", body?: unknown): Promise<void> {
  const response = await fetch("/api/session", {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(data?.error?.message ?? `Sign-in failed (${response.status}).`);
  }
}

const SESSION_CHANGED = "playground:session";

/**
 * Signs in without reloading the page, as a single-page app does: the SWR cache outlives the switch,
 * and `CredytProvider` must never show the previous customer's data (its `customer` prop, and the
 * proxy's `Credyt-Customer-Ref` on every answer, see the e2e test `customer-switch.spec.ts`).
 */
export async function signIn(externalId: string): Promise<void> {
  await send("POST", { customer: externalId });
  window.dispatchEvent(new Event(SESSION_CHANGED));
}

/** Signs out without reloading the page (the sign-in page replaces the app, unmounting the provider). */
export async function signOut(): Promise<void> {
  await send("DELETE");
  window.dispatchEvent(new Event(SESSION_CHANGED));
}

/** Loads the session, and again after each sign-in or sign-out (the last session stays until then). */
export function useSession(): { session?: Session; error?: Error } {
  const [state, setState] = useState<{ session?: Session; error?: Error }>({});
  useEffect(() => {
    let live = true;
    const load = () =>
      fetch("/api/session", { headers: { accept: "application/json" } })
        .then(async (response) => {
          if (!response.ok) throw new Error(`The server answered ${response.status}.`);
          return (await response.json()) as Session;
        })
        .then(
          (session) => live && setState({ session }),
          (error: Error) => live && setState({ error }),
        );
    void load();
    window.addEventListener(SESSION_CHANGED, load);
    return () => {
      live = false;
      window.removeEventListener(SESSION_CHANGED, load);
    };
  }, []);
  return state;
}
