import { startRedis } from "@repo/tooling/redis";
import { createClient } from "redis";
import { type BenchServer, type Load, median, ROUNDS, runJson, SECONDS, startServer } from "./_process";

/** The command batches (round trips) and commands the server's Redis client has sent so far. */
function batchesOf(server: BenchServer): Promise<{ batches: number; commands: number }> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string; batches: number; commands: number }) => {
      if (m.type !== "redisBatches") return;
      server.child.off("message", onMessage);
      resolve(m);
    };
    server.child.on("message", onMessage);
    server.child.send({ type: "redisBatches" });
  });
}

/** Redis commands served so far, by command (`INFO commandstats`), the INFO calls themselves excluded. */
async function commandCounts(client: ReturnType<typeof createClient>): Promise<Map<string, number>> {
  const info = await client.info("commandstats");
  const counts = new Map<string, number>();
  for (const line of info.split(/\r?\n/)) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (match?.[1] && match[2] && match[1] !== "info") counts.set(match[1], Number(match[2]));
  }
  return counts;
}

/**
 * The Node adapter with the Redis store (read limit and upstream budget on, out of reach), a customer per
 * request at c=50, interleaved with the floor: its throughput against the floor, the Redis commands each
 * request cost, counted by Redis itself (`INFO commandstats`), and the round trips its client made.
 */
export async function redisRow(upstreamUrl: string, floor: BenchServer, url: (t: BenchServer) => string) {
  const redis = await startRedis();
  const client = createClient({ url: redis.url });
  client.on("error", () => {});
  await client.connect();
  const ours = await startServer(
    "@credyt/proxy, Node adapter, Redis store (read limit + budget on)",
    "ours-redis.mjs",
    {
      UPSTREAM_URL: upstreamUrl,
      REDIS_URL: redis.url,
    },
  );
  try {
    await runJson<Load>("load.mjs", [url(ours), "10", "1", "distinct"]);
    const oursLoads: Load[] = [];
    const floorLoads: Load[] = [];
    const perCommand = new Map<string, number>();
    let requests = 0;
    for (let round = 0; round < ROUNDS; round++) {
      floorLoads.push(await runJson<Load>("load.mjs", [url(floor), "50", String(SECONDS), "distinct"]));
      const before = await commandCounts(client);
      const load = await runJson<Load>("load.mjs", [url(ours), "50", String(SECONDS), "distinct"]);
      const after = await commandCounts(client);
      for (const [name, calls] of after)
        perCommand.set(name, (perCommand.get(name) ?? 0) + calls - (before.get(name) ?? 0));
      requests += load.total;
      oursLoads.push(load);
    }
    // Round trips per request: at one connection only one request is in flight, so each batch the client
    // wrote belongs to it (at 50, batches carry several requests' commands and say nothing per request).
    const sentBefore = await batchesOf(ours);
    const single = await runJson<Load>("load.mjs", [url(ours), "1", "2", "distinct"]);
    const sentAfter = await batchesOf(ours);
    const roundTrips = (sentAfter.batches - sentBefore.batches) / Math.max(single.total, 1);
    const commands = [...perCommand.values()].reduce((a, b) => a + b, 0);
    const scripts = (perCommand.get("evalsha") ?? 0) + (perCommand.get("eval") ?? 0);
    const bad = [...oursLoads, ...floorLoads, single].reduce((s, l) => s + l.non2xx + l.errors, 0);
    const rps = median(oursLoads.map((l) => l.rps));
    const ratio = rps / median(floorLoads.map((l) => l.rps));
    const commandsPerRequest = commands / Math.max(requests, 1);
    const scriptsPerRequest = scripts / Math.max(requests, 1);
    const row = [
      ours.name,
      `${Math.round(rps).toLocaleString("en-US")} (${bad ? "invalid" : `${ratio.toFixed(2)}×`})`,
      "",
      "",
      `${median(oursLoads.map((l) => l.p50))} / ${median(oursLoads.map((l) => l.p99))}`,
      "",
      "",
      String(oursLoads.reduce((s, l) => s + l.non2xx, 0)),
      String(oursLoads.reduce((s, l) => s + l.errors, 0)),
      bad ? "**invalid**" : "valid",
    ];
    const shown = [...perCommand]
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${name} ${(n / Math.max(requests, 1)).toFixed(2)}`)
      .join(", ");
    const note =
      `Redis row: the Node adapter with \`createRedisStore\`, read limit and upstream budget on (out of reach), ${ROUNDS} rounds interleaved with the floor; Redis counted ${commandsPerRequest.toFixed(2)} commands per request (${shown}), ` +
      `${scriptsPerRequest.toFixed(2)} scripts per request (the read limit, \`credyt:rate:get:…\`, and the upstream budget's charge, \`credyt:upstream:…\`, sent together: node-redis writes the commands of one event-loop turn at once) in ${roundTrips.toFixed(2)} round trips per request (command batches the server's client wrote, counted by wrapping its sendCommand, over a 2 s load at one connection, where each batch belongs to the one request in flight).`;
    return {
      row,
      ratio,
      commandsPerRequest,
      scriptsPerRequest,
      roundTrips,
      perCommand: Object.fromEntries(perCommand),
      note,
    };
  } finally {
    ours.stop();
    await client.quit().catch(() => {});
    await redis.stop();
  }
}
