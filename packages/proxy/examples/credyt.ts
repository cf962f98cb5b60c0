// lib/credyt.ts: the one Credyt instance of the app (route handlers, server components and jobs share it).
import { createCredyt } from "@credyt/proxy";
import { getUser } from "./session";

export const credyt = createCredyt({
  apiKey: process.env.CREDYT_API_KEY ?? "", // read on the first request: `next build` needs no secrets
  apiUrl: process.env.CREDYT_API_URL,
  origin: process.env.PUBLIC_ORIGIN, // "https://app.example.com"; required outside development
  identify: ({ request }) => {
    const user = getUser(request.headers.get("cookie")); // your auth: `await auth()`, a session…
    return user ? { externalId: user.id, email: user.email } : null;
  },
  topUps: { currencies: { USD: { min: 5, max: 500 } } },
});
