export { CHROMIUM_ARGS, chromiumPath } from "./chromium.js";
export { playwrightReporters, reporters, sourceConditions } from "./vitest.js";
