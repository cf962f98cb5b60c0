export { CHROMIUM_ARGS, chromiumPath } from "./chromium.js";
export { reporters, sourceConditions } from "./vitest.js";
