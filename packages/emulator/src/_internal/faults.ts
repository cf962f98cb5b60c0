import type { Ctx, FaultRule } from "./context";
import { problem } from "./http";

/** Response header that tells the node server to destroy the socket instead of answering. */
export const RESET_HEADER = "x-credyt-emulator-reset-connection";

/** Does a fault's `path` (a route pattern like `/customers/:id/wallet` or `{id}`, or a prefix) match? */
export function pathMatches(pattern: string, path: string): boolean {
  if (/[:{*]/.test(pattern)) {
    const source = pattern
      .split("/")
      .map((seg) => (seg === "*" ? ".*" : /^(:|\{)/.test(seg) ? "[^/]+" : seg.replace(/[.+?^$()|[\]\\]/g, "\\$&")))
      .join("/");
    return new RegExp(`^${source}/?$`).test(path);
  }
  const prefix = pattern.replace(/\/+$/, "");
  return prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
}

/** The first fault rule that fires for this request (consuming one of its `count`), if any. */
export function takeFault(ctx: Ctx, method: string, path: string): FaultRule | undefined {
  for (const rule of ctx.faults) {
    if (rule.method && rule.method.toUpperCase() !== method) continue;
    if (!pathMatches(rule.path, path)) continue;
    if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
    if (rule.count !== undefined) {
      rule.count -= 1;
      if (rule.count <= 0) ctx.faults.splice(ctx.faults.indexOf(rule), 1);
    }
    return rule;
  }
  return undefined;
}

/**
 * The response a fault produces, or undefined when it only adds latency. A connection reset is a
 * response whose body stream errors (an in-process `fetch` consumer sees the read fail) and which carries
 * `RESET_HEADER`, so `startEmulator`'s server destroys the socket before sending a byte.
 */
export async function faultResponse(rule: FaultRule): Promise<Response | undefined> {
  if (rule.latency_ms) await new Promise((resolve) => setTimeout(resolve, rule.latency_ms));
  if (rule.reset_connection) {
    const body = new ReadableStream({
      start(controller) {
        controller.error(new TypeError("Connection reset by the Credyt emulator (fault)."));
      },
    });
    return new Response(body, { status: 200, headers: { [RESET_HEADER]: "1" } });
  }
  if (rule.malformed_json) {
    return new Response('{"id":"cust_4', {
      status: rule.status ?? 200,
      headers: { "content-type": "application/json; charset=utf-8" },
    });
  }
  if (rule.status) {
    const headers: Record<string, string> = {};
    if (rule.retry_after !== undefined) headers["retry-after"] = String(rule.retry_after);
    return problem(rule.status, "Injected by the Credyt emulator (fault).", { headers });
  }
  return undefined;
}
