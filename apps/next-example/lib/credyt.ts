import { createCredyt } from "@credyt/proxy";

/**
 * The signed-in user in this app's own ids. This example has no real auth: it stands in for your session
 * lookup, e.g. `(await auth())?.user`. The emulator's demo customer has the external id "demo".
 */
export async function currentUser(): Promise<{ id: string; email?: string } | null> {
  return { id: process.env.DEMO_USER_ID ?? "demo" };
}

/**
 * The app's one Credyt instance: the route handlers mount it, server components read through `credyt.api`.
 * Its options are checked on the first request, so `next build` needs neither `CREDYT_API_KEY` nor
 * `PUBLIC_ORIGIN`. With the emulator: `CREDYT_API_KEY=key_test_emulator CREDYT_API_URL=http://127.0.0.1:4010`.
 */
export const credyt = createCredyt({
  apiKey: process.env.CREDYT_API_KEY ?? "",
  apiUrl: process.env.CREDYT_API_URL,
  // Required outside development: "this site" is configuration, never the request's Host header.
  origin: process.env.PUBLIC_ORIGIN,
  identify: async () => {
    const user = await currentUser();
    return user ? { externalId: user.id } : null;
  },
  topUps: { currencies: { USD: { min: 5, max: 500 } } },
});
