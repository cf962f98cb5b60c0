import { createCredyt } from "@credyt/proxy";
import { getUser } from "./session";

const apiKey = process.env.CREDYT_API_KEY ?? "";
const apiUrl = process.env.CREDYT_API_URL ?? "https://api.credyt.ai";

// Live balances are on by default: the browser opens GET /api/credyt/wallet/stream (useWalletStream).
export const credyt = createCredyt({
  apiKey,
  apiUrl,
  origin: process.env.PUBLIC_ORIGIN,
  identify: ({ request }) => {
    const user = getUser(request.headers.get("cookie"));
    return user ? { externalId: user.id } : null;
  },
  streams: { pollIntervalMs: 2000 },
});

// Your server bills usage, then tells the proxy: every open tab of that customer shows the new balance now.
export async function billUsage(userId: string, eventType: string): Promise<void> {
  const customerId = await credyt.api.customers.getOrCreate(userId);
  const response = await fetch(`${apiUrl}/events`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CREDYT-API-KEY": apiKey },
    body: JSON.stringify({
      customer_id: customerId,
      events: [{ id: crypto.randomUUID(), event_type: eventType, occurred_at: new Date().toISOString(), data: {} }],
    }),
  });
  if (!response.ok) throw new Error(`Credyt answered ${response.status} to POST /events`);
  await credyt.notify({ externalId: userId });
}
