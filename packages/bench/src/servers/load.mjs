// autocannon in its own process: prints one JSON line with the result.
import autocannon from "autocannon";
import { printLoad } from "./load-result.mjs";

const [url, connections, duration] = process.argv.slice(2);
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(duration),
  pipelining: 1,
});
printLoad(result);
