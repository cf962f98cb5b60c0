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

/**
 * Signs in and reloads the page: a fresh page means a fresh SWR cache, so nothing of the previous
 * customer's wallet can show for the next one.
 */
export async function signIn(externalId: string): Promise<void> {
  await send("POST", { customer: externalId });
  location.assign("/");
}

export async function signOut(): Promise<void> {
  await send("DELETE");
  location.assign("/");
}

/** Loads the session once. */
export function useSession(): { session?: Session; error?: Error } {
  const [state, setState] = useState<{ session?: Session; error?: Error }>({});
  useEffect(() => {
    let live = true;
    fetch("/api/session", { headers: { accept: "application/json" } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`The server answered ${response.status}.`);
        return (await response.json()) as Session;
      })
      .then(
        (session) => live && setState({ session }),
        (error: Error) => live && setState({ error }),
      );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
