import { createCredytApi } from "@credyt/proxy";

/**
 * The Credyt settings, from the server's environment only. With the emulator:
 * `CREDYT_API_KEY=key_test_emulator CREDYT_API_URL=http://127.0.0.1:4010`.
 */
export function credytAccess(): { apiKey: string; apiUrl: string } {
  const apiKey = process.env.CREDYT_API_KEY;
  const apiUrl = process.env.CREDYT_API_URL ?? "https://api.credyt.ai";
  if (!apiKey) {
    throw new Error(
      "Set CREDYT_API_KEY (and CREDYT_API_URL for the emulator, e.g. http://127.0.0.1:4010) in the Next.js server's environment.",
    );
  }
  return { apiKey, apiUrl };
}

/**
 * The signed-in customer's Credyt id. This example has no real auth: it stands in for your session
 * lookup, e.g. `(await auth())?.user.credytCustomerId ?? null`. Defaults to the emulator's demo customer.
 */
export async function currentCustomerId(): Promise<string | null> {
  return process.env.DEMO_CUSTOMER_ID ?? "cust_4yd8340ff7fvwe1emfpe87d4w6";
}

/** The typed Credyt client for server components (prefetching the wallet). */
export function credytApi() {
  return createCredytApi(credytAccess());
}
