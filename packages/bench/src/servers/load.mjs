// autocannon in its own process: prints one JSON line with the result.
import autocannon from "autocannon";

const [url, connections, duration] = process.argv.slice(2);
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(duration),
  pipelining: 1,
});
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  })}\n`,
);
