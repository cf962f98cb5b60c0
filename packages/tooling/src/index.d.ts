export { CHROMIUM_ARGS, chromiumPath, findChromium } from "./chromium.js";
export { startRedis, type TestRedis } from "./redis.js";
export { freePort, freePortSync, listen } from "./server.js";
export {
  clientConditions,
  playwrightReporters,
  reporters,
  serverConditions,
  sourceConditions,
  sourceResolve,
} from "./vitest.js";
