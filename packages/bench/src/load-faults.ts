import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Section } from "./report";

/** Wallet available balances as exact decimal strings → integer micro-units (BigInt), no floats. */
function micros(text: string): bigint {
  const [whole = "0", fraction = ""] = text.replace(/^-/, "").split(".");
  const value = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
  return text.startsWith("-") ? -value : value;
}

/** The `available` of one account, read from the exact JSON text (never through a float). */
function availableText(walletText: string, accountId: string): string {
  const at = walletText.indexOf(`"id":"${accountId}"`);
  const match = /"available":(-?[0-9.]+)/.exec(walletText.slice(at));
  if (at < 0 || !match?.[1]) throw new Error(`no ${accountId} in ${walletText.slice(0, 200)}`);
  return match[1];
}

function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Runs `task(i)` for i in 0..n-1, `concurrency` at a time. */
async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/**
 * Load with upstream faults: the proxy (in this process) in front of the emulator (a real port),
 * reads and top-ups from many "browsers" while Credyt fails. Counts what the browsers got (5xx by code),
 * what reached Credyt per browser request, the heap after GC, and whether the money is still exact.
 */
export async function loadFaultsSection(): Promise<Section> {
  const { startEmulator } = await import("@credyt/emulator/node");
  const { DEMO_CUSTOMER_ID } = await import("@credyt/emulator");
  const { createCredytProxy } = await import("@credyt/proxy");
  const emulator = await startEmulator({ port: 0, admin: true });
  const admin = (path: string, body?: unknown) =>
    fetch(`${emulator.url}/__emulator/${path}`, {
      method: body === undefined ? "DELETE" : "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
    });
  let upstreamCalls = 0;
  const counted: typeof fetch = (input, init) => {
    upstreamCalls++;
    return fetch(input, init);
  };
  const options = {
    apiKey: emulator.apiKey,
    apiUrl: emulator.url,
    publicOrigin: "http://app.test",
    timeoutMs: 500,
    fetch: counted,
    getRateLimit: false as const, // one simulated page per customer would stay under it; this is load
    rateLimit: false as const,
    // The per-customer upstream budget (300 calls a minute) would answer 429 to the demo customer's reads by the
    // end of the top-up phase, and would hide what the breaker and the retry budget alone hold during the outage.
    upstreamBudget: false as const,
    getCustomerId: ({ request }: { request: Request }) => request.headers.get("x-bench-user") ?? DEMO_CUSTOMER_ID,
  };
  const proxy = createCredytProxy(options);
  // The same outage without the circuit breaker: what the retry budget alone holds.
  const unbroken = createCredytProxy({ ...options, circuitBreaker: false });
  const statuses = new Map<string, number>();
  const call = async (request: Request, through = proxy) => {
    const response = await through(request);
    const text = await response.text();
    if (response.status >= 500) {
      const code = (JSON.parse(text) as { error: { code: string } }).error.code;
      const key = `${response.status} ${code}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    return { status: response.status, text };
  };
  const wallet = (user?: string, through = proxy) =>
    call(new Request("http://app.test/api/credyt/wallet", { headers: user ? { "x-bench-user": user } : {} }), through);
  const topUp = (key: string, amount: number) =>
    call(
      new Request("http://app.test/api/credyt/top-ups", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify({ amount, currency: "USD" }),
      }),
    );
  const rows: string[][] = [];
  const phase = async (name: string, requests: number, run: () => Promise<void>) => {
    const before = upstreamCalls;
    const t0 = performance.now();
    await run();
    const calls = upstreamCalls - before;
    rows.push([
      name,
      String(requests),
      String(calls),
      (calls / requests).toFixed(3),
      `${(performance.now() - t0).toFixed(0)} ms`,
    ]);
    return calls / requests;
  };

  try {
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const startText = (await wallet()).text;
    const start = micros(availableText(startText, "default:USD"));

    await phase("healthy reads, 1 customer, 50 at a time", 2000, () =>
      pool(2000, 50, async () => void (await wallet())),
    );
    // Every wallet read fails (503) for 200 different customers: single flight cannot help, only the breaker and budget.
    await admin("faults", { path: "/customers/:id/wallet", status: 503 });
    const outageRatio = await phase("reads during a full outage, 200 customers", 2000, () =>
      pool(2000, 20, async (i) => void (await wallet(`cust_bench${i % 200}`))),
    );
    const budgetRatio = await phase("the same outage, circuit breaker off (retry budget only)", 500, () =>
      pool(500, 20, async (i) => void (await wallet(`cust_bench${i % 200}`, unbroken))),
    );
    await admin("faults");
    // Credyt is back: after the breaker's cooldown one probe closes it.
    await new Promise((resolve) => setTimeout(resolve, 5_200));
    await wallet();

    // Top-ups while a fifth of them fail upstream (503, reset after sending, or a late answer past the
    // timeout), each "browser" retrying once with the same key after the breaker's cooldown.
    await admin("faults", { method: "POST", path: "/top-ups", status: 503, probability: 0.07 });
    await admin("faults", { method: "POST", path: "/top-ups", reset_connection: true, probability: 0.07 });
    await admin("faults", { method: "POST", path: "/top-ups", latency_ms: 700, probability: 0.07 });
    const keys: string[] = [];
    await phase("top-ups with 20% upstream faults (+1 retry each)", 400, () =>
      pool(200, 10, async (i) => {
        const key = `bench-load-${i}-${Date.now()}`;
        keys.push(key);
        const amount = Number(`${5 + (i % 7)}.${String(i % 100).padStart(2, "0")}`);
        const first = await topUp(key, amount);
        // A plain failure is replayed to waiters for 3 s; a browser retrying later gets a fresh try.
        if (first.status >= 500) await new Promise((resolve) => setTimeout(resolve, 3_200));
        await topUp(key, amount);
      }),
    );
    await admin("faults");
    await new Promise((resolve) => setTimeout(resolve, 800)); // late creations land

    // Exact money: pay every top-up created, then the balance must equal start + the sum, to the micro-unit.
    const created = emulator.emulator
      .listTopUps()
      .filter((t) => t.customer_id === DEMO_CUSTOMER_ID && t.status === "initiated");
    let expected = start;
    for (const t of created) {
      const paid = await fetch(`${emulator.url}/__emulator/top-ups/${t.id}/complete`, { method: "POST" });
      if (paid.ok) expected += micros(String(t.amount));
    }
    const endText = (await wallet()).text;
    const end = micros(availableText(endText, "default:USD"));
    const duplicates = created.length - new Set(created.map((t) => JSON.stringify(t.metadata ?? t.id))).size;
    collectGarbage();
    const heapAfter = process.memoryUsage().heapUsed;

    const unexplained = statuses.get("500 internal") ?? 0;
    const fiveXx = [...statuses].map(([k, n]) => `${k}: ${n}`).join(", ") || "none";
    return {
      title: "Load and faults",
      intro: [
        "The proxy in this process in front of the emulator on a real port. The baseline is one upstream call per browser",
        "request (a plain forwarder); the old proxy retried every failing read twice (3.0).",
        `5xx answered to browsers: ${fiveXx}. 502/503/504 are the injected faults, passed on; 500 would be a bug.`,
        `Top-ups: ${keys.length} purchases → ${created.length} top-ups created (${duplicates} duplicated).`,
        `USD balance ${availableText(startText, "default:USD")} → ${availableText(endText, "default:USD")}. Heap after GC:`,
        `${(heapBefore / 2 ** 20).toFixed(1)} MiB before, ${(heapAfter / 2 ** 20).toFixed(1)} MiB after.`,
      ].join(" "),
      columns: ["phase", "browser requests", "upstream calls", "calls per request", "time"],
      rows,
      goals: [
        { name: "unexplained 5xx (500 internal)", value: String(unexplained), target: "0", met: unexplained === 0 },
        {
          name: "upstream calls per browser request during an outage",
          value: outageRatio.toFixed(3),
          target: "≤ 1.1",
          met: outageRatio <= 1.1,
        },
        {
          name: "the same, with the retry budget alone (breaker off)",
          value: budgetRatio.toFixed(3),
          target: "≤ 1.1",
          met: budgetRatio <= 1.1,
        },
        { name: "purchases created twice", value: String(duplicates), target: "0", met: duplicates === 0 },
        {
          name: "money exact after load (micro-units)",
          value: end === expected ? "exact" : `off by ${end - expected}`,
          target: "exact",
          met: end === expected,
        },
        {
          name: "heap growth after GC",
          value: `${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB`,
          target: "< 50 MiB",
          met: heapAfter - heapBefore < 50 * 2 ** 20,
        },
      ],
      data: { rows, statuses: Object.fromEntries(statuses), heapBefore, heapAfter, created: created.length },
    };
  } finally {
    await emulator.close();
  }
}
