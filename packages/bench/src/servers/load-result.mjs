// What the load generators (load.mjs, emulator-load.mjs) print: one JSON line from autocannon's result.
// Transport errors and non-2xx answers are kept apart: a row with any non-2xx did not measure the same work.
export function printLoad(result) {
  process.stdout.write(
    `${JSON.stringify({
      rps: result.requests.average,
      total: result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
    })}\n`,
  );
}
