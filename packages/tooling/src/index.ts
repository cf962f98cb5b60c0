export { CHROMIUM_ARGS, chromiumPath } from "./chromium";
export { reporters, sourceConditions } from "./vitest";
