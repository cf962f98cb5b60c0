// autocannon against the emulator with a mixed workload, one JSON line out: per connection, a wallet
// read, a top-up and a usage event (a fresh event id each time), in turn.
import autocannon from "autocannon";
import { printLoad } from "./load-result.mjs";

const [url, connections, duration, customer] = process.argv.slice(2);
const headers = { "x-credyt-api-key": "key_test_emulator", "content-type": "application/json" };
let n = 0;
const eventId = () => `00000000-0000-4000-8000-${String(n++).padStart(12, "0")}`;
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(duration),
  requests: [
    { method: "GET", path: `/customers/${customer}/wallet`, headers },
    {
      method: "POST",
      path: "/top-ups",
      headers,
      body: JSON.stringify({
        customer_id: customer,
        amount: 5,
        currency: "USD",
        return_url: "https://app.example/account",
        failure_url: "https://app.example/failed",
      }),
    },
    {
      method: "POST",
      path: "/events",
      headers,
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({
          customer_id: customer,
          events: [
            {
              id: eventId(),
              event_type: "tokens_generated",
              occurred_at: "2026-01-01T00:00:00Z",
              data: { tokens: 3 },
            },
          ],
        }),
      }),
    },
  ],
});
printLoad(result);
