import type { ResolvedConfig } from "./config";
import type { DevLog } from "./dev-log";
import type { endpoints } from "./endpoints";
import type { CredytProxyEvent } from "./types";

/** Everything a route handler needs about the request being served. */
export interface Exchange<Ctx> {
  request: Request;
  ctx: Ctx;
  url: URL;
  /** The page's own origin: `publicOrigin`, the forwarded one (`trustProxy`) or the request's. */
  origin: string;
  customerId: string;
  requestId: string;
  config: ResolvedConfig<Ctx>;
  api: ReturnType<typeof endpoints>;
  emit(event: CredytProxyEvent): Promise<void>;
  /** Explains configuration refusals to the developer, once per cause, outside production. */
  log: DevLog;
}
