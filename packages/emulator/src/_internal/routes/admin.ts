import type { Context } from "hono";
import { z } from "zod";
import type { Ctx } from "../context";
import { hangingCount, releaseHanging } from "../faults";
import { json, problem, readJsonBody } from "../http";
import { settle } from "../ops";
import { param, type RouteTable } from "../router";
import { timestamp } from "../schemas";
import { indexOf } from "../store-index";
import { issuesToErrors } from "../validation";
import { topUpToApi } from "../wire";

const clockBody = z.union([
  z.strictObject({ advance_ms: z.number().int().min(0) }),
  z.strictObject({ now: timestamp }),
]);

/** A fault rule as `POST /__emulator/faults` takes it; `types.test-d.ts` keeps it equal to `FaultRule`. */
export const faultBody = z.strictObject({
  method: z
    .string()
    .regex(/^[A-Za-z]+$/)
    .optional(),
  path: z.string().startsWith("/"),
  status: z.number().int().min(100).max(599).optional(),
  latency_ms: z.number().int().min(0).max(60_000).optional(),
  retry_after: z.number().int().min(0).optional(),
  malformed_json: z.boolean().optional(),
  reset_connection: z.boolean().optional(),
  hang: z.boolean().optional(),
  count: z.number().int().min(1).optional(),
  probability: z.number().min(0).max(1).optional(),
});

const failBody = z.strictObject({
  code: z.enum(["card_declined", "insufficient_funds", "expired_card", "processing_error"]).optional(),
});

/** Read an optional JSON body (admin routes accept an empty one). */
async function optionalBody(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if ((request.headers.get("content-length") ?? "") === "0" || !request.body) return { ok: true, value: {} };
  const text = await request.clone().text();
  if (text.trim() === "") return { ok: true, value: {} };
  return readJsonBody(request);
}

function invalid(issues: z.core.$ZodIssue[]): Response {
  return problem(422, undefined, { errors: issuesToErrors(issues) });
}

/** The `/__emulator/*` admin routes (only mounted with `admin: true`). */
export function adminRoutes(routes: RouteTable, ctx: Ctx, reset: () => void): void {
  routes.add("POST", "/__emulator/reset", () => {
    reset();
    return json({ ok: true });
  });

  routes.add("POST", "/__emulator/clock", async (c) => {
    const body = await readJsonBody(c.req.raw);
    if (!body.ok) return body.response;
    const parsed = clockBody.safeParse(body.value);
    if (!parsed.success) return invalid(parsed.error.issues);
    const target = "now" in parsed.data ? Date.parse(parsed.data.now) : ctx.now().getTime() + parsed.data.advance_ms;
    ctx.store.clockOffsetMs += target - ctx.now().getTime();
    ctx.changed();
    return json({ now: ctx.now().toISOString() });
  });

  const settleRoute = (status: "completed" | "failed") => async (c: Context) => {
    const body = await optionalBody(c.req.raw);
    if (!body.ok) return body.response;
    const parsed = failBody.safeParse(body.value);
    if (!parsed.success) return invalid(parsed.error.issues);
    const t = indexOf(ctx.store).topUps.get(param(c, "topUpId"));
    if (!t) return problem(404, `Top-up '${param(c, "topUpId")}' was not found.`);
    if (!settle(ctx, t, status, parsed.data.code)) {
      return problem(409, `Top-up '${t.id}' is already ${t.status}.`);
    }
    return json(topUpToApi(t, undefined));
  };
  routes.add("POST", "/__emulator/top-ups/:topUpId/complete", settleRoute("completed"));
  routes.add("POST", "/__emulator/top-ups/:topUpId/fail", settleRoute("failed"));

  routes.add("POST", "/__emulator/faults", async (c) => {
    const body = await readJsonBody(c.req.raw);
    if (!body.ok) return body.response;
    const parsed = faultBody.safeParse(body.value);
    if (!parsed.success) return invalid(parsed.error.issues);
    ctx.faults.push({ ...parsed.data });
    return json({ faults: ctx.faults }, 201);
  });
  routes.add("GET", "/__emulator/faults", () => json({ faults: ctx.faults, hanging: hangingCount(ctx) }));
  routes.add("DELETE", "/__emulator/faults", () => {
    ctx.faults.length = 0;
    releaseHanging(ctx);
    return json({ faults: [] });
  });
  routes.add("GET", "/__emulator/state", () => json(ctx.store));
}
