export { CHROMIUM_ARGS, chromiumPath, findChromium } from "./chromium.js";
export { freePort, listen } from "./server.js";
export {
  clientConditions,
  playwrightReporters,
  reporters,
  serverConditions,
  sourceConditions,
  sourceResolve,
} from "./vitest.js";
