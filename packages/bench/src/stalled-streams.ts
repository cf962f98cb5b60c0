// "Stalled streams" (issue 25): clients that open a live stream and stop reading while their wallet changes
// every poll (a 60 KB wallet every 20 ms, so the kernel's socket buffers fill within seconds). The Node adapter honours `drain`, so what they do not read waits in
// the stream, bounded by `streams.maxQueuedBytes`; past it the stream is dropped and its connection closed.
// Measured: the heap held per stalled stream once the streams are gone, and whether every one was dropped.
import { createServer } from "node:http";
import { connect, type Socket } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createCredytProxy } from "@credyt/proxy/node";
import type { Section } from "./report";

const STALLED = Number(process.env.BENCH_STALLED_STREAMS ?? 50);
const SECONDS = Number(process.env.BENCH_STALLED_SECONDS ?? 10);
const MAX_QUEUED = 65_536;
const STALL_MS = 3_000;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function heap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A wallet of about 60 KB that changes on every read. */
function bigWallets() {
  let reads = 0;
  return (async () => {
    reads += 1;
    const accounts = Array.from(
      { length: 600 },
      (_, i) =>
        `{"id":"a${i}:USD","name":"a${i}","asset":"USD","available":${reads}.${i},"pending_in":0,"pending_out":0}`,
    );
    return new Response(`{"accounts":[${accounts.join(",")}]}`, { headers: { "Content-Type": "application/json" } });
  }) as unknown as typeof globalThis.fetch;
}

function stalledClient(port: number, who: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`GET /api/credyt/wallet/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bench-User: ${who}\r\n\r\n`);
    });
    socket.once("data", () => {
      socket.pause();
      resolve(socket);
    });
    socket.on("error", () => undefined);
  });
}

export async function stalledStreamsSection(): Promise<Section> {
  const proxy = createCredytProxy({
    apiKey: "key_test_bench_stalled_01",
    apiUrl: "https://credyt.bench",
    fetch: bigWallets(),
    publicOrigin: "http://127.0.0.1",
    getCustomerId: ({ req }) => (req.headers["x-bench-user"] as string | undefined) ?? null,
    getRateLimit: false,
    upstreamBudget: false,
    // A poll budget far above the 2,500 polls/s asked for: every stream is pushed every 20 ms, as described
    // (at the default 50/s each of the 50 streams would get one 60 KB event a second, and Node's socket
    // buffers would take minutes to fill).
    // stallMs 3 s instead of 2 × heartbeatMs (30 s): on a loaded machine the polls slow down, the kernel's
    // socket buffers (megabytes on loopback) fill late, and the time rule is what must drop the stream then.
    streams: {
      pollIntervalMs: 20,
      maxPollIntervalMs: 20,
      maxQueuedBytes: MAX_QUEUED,
      stallMs: STALL_MS,
      maxPollsPerSecond: 100_000,
    },
  });
  const server = createServer(proxy);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  // Warm-up: one stalled stream through to its drop, so that code compiled on first use is not counted as
  // left behind by the 50 measured ones.
  const warm = await stalledClient(port, "cust_stalledwarm000000000");
  while (proxy.streamStats().streams > 0) await sleep(100);
  warm.destroy();
  await sleep(200);
  const before = heap();
  const rss0 = process.memoryUsage().rss;
  // One customer per client: every stream is pushed every wallet change of its own customer.
  const sockets = await Promise.all(
    Array.from({ length: STALLED }, (_, i) => stalledClient(port, `cust_stalled${String(i).padStart(16, "0")}`)),
  );
  let peakStreams = proxy.streamStats().streams;
  // The heap the stalled streams hold (after gc), sampled while they fill up and until they are dropped.
  let peakHeld = 0;
  const deadline = Date.now() + SECONDS * 1000;
  // Then up to 20 s more for the last ones to fill their socket buffers and be dropped.
  while (Date.now() < deadline || (proxy.streamStats().streams > 0 && Date.now() < deadline + 20_000)) {
    await sleep(300);
    const streams = proxy.streamStats().streams;
    peakStreams = Math.max(peakStreams, streams);
    if (streams > 0) peakHeld = Math.max(peakHeld, heap() - before);
  }
  const left = proxy.streamStats().streams;
  const connections = await new Promise<number>((resolve) => server.getConnections((_, n) => resolve(n)));
  // The stalled clients live in this process too: what their paused sockets buffered (up to Node's socket
  // buffers each) is theirs, not the proxy's, so they are closed before the heap is measured.
  for (const socket of sockets.splice(0)) socket.destroy();
  await sleep(200);
  const after = heap();
  const rss1 = process.memoryUsage().rss;
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  const perStream = Math.max(0, after - before) / STALLED;
  // Per stream open at that moment: the queue (at most maxQueuedBytes), the wallet the hub keeps per
  // customer (60 KB here) and what Node's socket buffer took before it stopped accepting.
  const peakPerStream = Math.max(0, peakHeld) / Math.max(1, peakStreams);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return {
    title: "Stalled streams: clients that stop reading",
    intro:
      `${STALLED} clients open a live stream, read its first bytes and stop reading (paused sockets), while every wallet ` +
      `changes each 20 ms (60 KB events), for ${SECONDS} s, through a node:http server. The adapter waits for 'drain'; ` +
      `a stream holding more than ${kb(MAX_QUEUED)} unread, or whose bytes stay unread for ${STALL_MS / 1000} s (\`stallMs\`, shortened from its default of 30 s so the time rule acts within the run), is dropped and its connection closed. The poll budget is raised past the 2,500 polls/s asked for (at the default 50/s each stream would get one event a second). Heap measured after gc; ` +
      "the clients run in the same process, so the heap left is measured once their sockets are closed too (before, it counted what the paused clients had buffered); one stalled stream is run to its drop first (warm-up), so code compiled on first use is not counted either. What is left after that is code V8 compiled or optimised during the run, no stream state (heap snapshots compared by constructor).",
    columns: ["measure", "value"],
    rows: [
      ["streams open at the peak", String(peakStreams)],
      ["streams left at the end", String(left)],
      ["connections left at the end", String(connections)],
      ["heap per open stalled stream at the peak (gc'd samples)", kb(peakPerStream)],
      ["heap left per stalled stream after all were dropped (gc)", kb(perStream)],
      ["RSS growth over the run", `${((rss1 - rss0) / 2 ** 20).toFixed(1)} MB`],
    ],
    goals: [
      {
        name: "every stalled stream dropped, its connection closed",
        value: `${left} streams, ${connections} connections left`,
        target: "0, 0",
        met: left === 0 && connections === 0,
      },
      {
        name: "heap per open stalled stream at the peak (bounded, not growing)",
        value: kb(peakPerStream),
        target: `≤ ${kb(8 * MAX_QUEUED)}`,
        met: peakPerStream <= 8 * MAX_QUEUED,
      },
    ],
    data: { stalled: STALLED, seconds: SECONDS, peakStreams, left, connections, perStream, peakPerStream, rss0, rss1 },
  };
}
