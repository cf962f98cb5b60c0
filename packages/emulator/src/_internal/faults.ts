import type { Ctx } from "./context";
import { problem } from "./http";
import type { FaultRule } from "./types";

/** Response header that tells the node server to destroy the socket instead of answering. */
export const RESET_HEADER = "x-credyt-emulator-reset-connection";

/** Does a fault's `path` (a route pattern like `/customers/:id/wallet` or `{id}`, or a prefix) match? */
function pathMatches(pattern: string, path: string): boolean {
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

/** Requests held by `hang` faults, per emulator: each entry lets its request go on. */
const hanging = new WeakMap<Ctx, Set<() => void>>();

/** How many requests `hang` faults are holding right now. */
export function hangingCount(ctx: Ctx): number {
  return hanging.get(ctx)?.size ?? 0;
}

/** Let every request held by a `hang` fault go on (faults cleared, or the emulator reset). */
export function releaseHanging(ctx: Ctx): void {
  const held = hanging.get(ctx);
  if (!held) return;
  hanging.delete(ctx);
  for (const release of held) release();
}

/**
 * Hold a request until its client disconnects (the request's `signal` aborts) or `releaseHanging` runs:
 * an upstream that accepts and never answers, for timeout tests, without a timer that outlives the test.
 */
function hang(ctx: Ctx, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    let held = hanging.get(ctx);
    if (!held) {
      held = new Set();
      hanging.set(ctx, held);
    }
    const release = () => {
      hanging.get(ctx)?.delete(release);
      signal.removeEventListener("abort", release);
      resolve();
    };
    held.add(release);
    signal.addEventListener("abort", release, { once: true });
  });
}

/**
 * The response a fault produces, or undefined when it only adds latency (or a released hang). A connection reset is a
 * response whose body stream errors (an in-process `fetch` consumer sees the read fail) and which carries
 * `RESET_HEADER`, so `startEmulator`'s server destroys the socket before sending a byte.
 */
export async function faultResponse(rule: FaultRule, ctx: Ctx, signal: AbortSignal): Promise<Response | undefined> {
  if (rule.hang) await hang(ctx, signal);
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
