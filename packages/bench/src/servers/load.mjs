// autocannon in its own process: prints one JSON line with the result. Workload "one": every request for
// the same customer (the proxy may coalesce them); "distinct": a new customer per request (the `x-bench-user`
// header), so nothing can be shared and every request costs an upstream call.
import autocannon from "autocannon";
import { printLoad } from "./load-result.mjs";

const [url, connections, duration, workload = "one"] = process.argv.slice(2);
let n = 0;
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(duration),
  pipelining: 1,
  ...(workload === "distinct"
    ? {
        requests: [
          {
            method: "GET",
            setupRequest: (req) => ({ ...req, headers: { ...req.headers, "x-bench-user": `c${n++}` } }),
          },
        ],
      }
    : { headers: { "x-bench-user": "cust_bench" } }),
});
printLoad(result);
