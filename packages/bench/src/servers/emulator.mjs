// The emulator, built (dist), over real HTTP as `startEmulator` serves it. Over IPC it can be reset and
// filled with N top-ups (half completed, so half leave a credit grant and half stay pending), so one
// process measures the empty and the full state in turn with the same JIT warmth.
import { DEMO_CUSTOMER_ID, SECOND_CUSTOMER_ID } from "@credyt/emulator";
import { startEmulator } from "@credyt/emulator/node";

const running = await startEmulator({ port: 0, admin: true });
const { emulator } = running;
const call = (method, path, body) =>
  emulator.fetch(
    new Request(`${running.url}${path}`, {
      method,
      headers: { "x-credyt-api-key": emulator.apiKey, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }),
  );

async function fill(n) {
  emulator.reset();
  for (let i = 0; i < n; i++) {
    const res = await call("POST", "/top-ups", {
      customer_id: i % 2 ? SECOND_CUSTOMER_ID : DEMO_CUSTOMER_ID,
      amount: 1 + (i % 7),
      currency: "USD",
      return_url: "https://app.example/account",
      failure_url: "https://app.example/failed",
    });
    if (res.status !== 201) throw new Error(`fill: POST /top-ups answered ${res.status}`);
    const { id } = await res.json();
    if (i % 4 < 2) {
      const done = await call("POST", `/__emulator/top-ups/${id}/complete`);
      if (done.status !== 200) throw new Error(`fill: complete answered ${done.status}`);
    }
  }
  return emulator.listTopUps().length;
}

process.send?.({ type: "ready", port: Number(new URL(running.url).port) });
process.on("message", async (message) => {
  if (message?.type === "fill") {
    const topUps = await fill(message.n);
    // Collect the previous state's garbage now, not during the next measurement.
    globalThis.gc?.();
    globalThis.gc?.();
    const wallet = emulator.getAccount(DEMO_CUSTOMER_ID, "default:USD");
    process.send?.({ type: "filled", topUps, wallet });
  }
  if (message?.type === "stats") {
    if (message.gc && globalThis.gc) globalThis.gc();
    process.send?.({ type: "stats", cpu: process.cpuUsage(), heapUsed: process.memoryUsage().heapUsed });
  }
});
