import Big from "big.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExpiryQueue } from "../src/_internal/expiry-queue";
import { createEmulator, type Emulator, SECOND_CUSTOMER_ID } from "../src/index";

const START = Date.parse("2026-01-01T00:00:00.000Z");
const HOUR = 3600_000;
const RETURN_URL = "https://app.example/account";
const FAILURE_URL = "https://app.example/failed";

/** An in-process emulator on a fixed clock, with admin routes and a one-hour top-up TTL. */
function emulator(): { e: Emulator; call: (method: string, path: string, body?: unknown) => Promise<Response> } {
  const e = createEmulator({ admin: true, now: () => new Date(START), topUpTtlMs: HOUR });
  const call = (method: string, path: string, body?: unknown) =>
    e.fetch(
      new Request(`http://emulator.test${path}`, {
        method,
        headers: {
          "x-credyt-api-key": e.apiKey,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    );
  return { e, call };
}

describe("ExpiryQueue", () => {
  it("pops exactly what is due, earliest first, ties in insertion order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }),
        fc.integer({ min: -1, max: 60 }),
        (times, now) => {
          const q = new ExpiryQueue<number>();
          for (const [i, at] of times.entries()) q.push(at, i);
          const due = q.popDue(now);
          const expected = times
            .map((at, i) => ({ at, i }))
            .filter((x) => x.at <= now)
            .sort((a, b) => a.at - b.at || a.i - b.i)
            .map((x) => x.i);
          expect(due).toEqual(expected);
          expect(q.size).toBe(times.length - expected.length);
          expect(q.popDue(Number.POSITIVE_INFINITY).length).toBe(times.length - expected.length);
        },
      ),
    );
  });
});

type Op =
  | { kind: "grant"; amount: number; ttl: number | null }
  | { kind: "spend"; amount: number }
  | { kind: "top-up"; amount: number }
  | { kind: "complete"; pick: number; ttl: number | null }
  | { kind: "clock"; ms: number };

const cents = fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100);
const ttl = fc.option(fc.integer({ min: -HOUR, max: 48 * HOUR }), { nil: null });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("grant" as const), amount: cents, ttl }),
  fc.record({ kind: fc.constant("spend" as const), amount: cents }),
  fc.record({ kind: fc.constant("top-up" as const), amount: cents }),
  fc.record({ kind: fc.constant("complete" as const), pick: fc.nat(), ttl }),
  // Mostly forward, sometimes back: expiry is one-way, a clock moved back never revives anything.
  fc.record({ kind: fc.constant("clock" as const), ms: fc.integer({ min: -6 * HOUR, max: 30 * HOUR }) }),
);

/**
 * The model is the emulator's old behaviour: before each request, scan every grant and top-up and
 * expire what is due. The queue must give exactly the same balances, statuses and timestamps.
 */
describe("expiry through the queue matches a full scan before every request", () => {
  it("balances, pending_in and top-up statuses are exact after any sequence of grants, debits, top-ups and clock moves", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { e, call } = emulator();
        let now = START;
        let available = new Big(50);
        let pending = new Big(0);
        let seq = 0;
        const grants: { at: number; remaining: Big; seq: number }[] = [];
        const topUps: { id: string; units: Big; expires: number; status: string }[] = [];
        const sweep = () => {
          for (const g of grants) {
            if (g.at <= now && g.remaining.gt(0)) {
              available = available.minus(g.remaining);
              g.remaining = new Big(0);
            }
          }
          for (const t of topUps) {
            if (t.status === "initiated" && t.expires <= now) {
              t.status = "expired";
              pending = pending.minus(t.units);
            }
          }
        };
        const addGrant = (amount: Big, at: number) => {
          available = available.plus(amount);
          grants.push({ at, remaining: amount, seq: seq++ });
        };
        for (const [i, o] of ops.entries()) {
          if (o.kind === "grant") {
            const expires = o.ttl === null ? undefined : new Date(now + o.ttl).toISOString();
            const res = await call("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, {
              transaction_id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
              asset: "USD",
              amount: o.amount,
              reason: "gift",
              ...(expires ? { expires_at: expires } : {}),
            });
            expect(res.status).toBe(201);
            addGrant(new Big(o.amount), expires ? Date.parse(expires) : Number.POSITIVE_INFINITY);
          } else if (o.kind === "spend") {
            const res = await call("POST", `/customers/${SECOND_CUSTOMER_ID}/wallet/adjustments`, {
              transaction_id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
              asset: "USD",
              amount: -o.amount,
              reason: "external_refund",
            });
            expect(res.status).toBe(201);
            available = available.minus(o.amount);
            let left = new Big(o.amount);
            for (const g of [...grants].sort((a, b) => a.at - b.at || a.seq - b.seq)) {
              const take = g.remaining.lt(left) ? g.remaining : left;
              g.remaining = g.remaining.minus(take);
              left = left.minus(take);
            }
          } else if (o.kind === "top-up") {
            const res = await call("POST", "/top-ups", {
              customer_id: SECOND_CUSTOMER_ID,
              amount: o.amount,
              currency: "USD",
              return_url: RETURN_URL,
              failure_url: FAILURE_URL,
            });
            expect(res.status).toBe(201);
            const body = (await res.json()) as { id: string; expires_at: string };
            expect(Date.parse(body.expires_at)).toBe(now + HOUR);
            topUps.push({ id: body.id, units: new Big(o.amount), expires: now + HOUR, status: "initiated" });
            pending = pending.plus(o.amount);
          } else if (o.kind === "complete") {
            const t = topUps[o.pick % Math.max(topUps.length, 1)];
            if (!t) continue;
            if (t.status === "initiated") {
              // credit_expires_at is sent on completion's top-up only through the create body, so
              // completing here uses the default one-year paid grant.
              const res = await call("POST", `/__emulator/top-ups/${t.id}/complete`);
              expect(res.status).toBe(200);
              t.status = "completed";
              pending = pending.minus(t.units);
              addGrant(t.units, now + 365 * 24 * HOUR);
            } else {
              expect((await call("POST", `/__emulator/top-ups/${t.id}/complete`)).status).toBe(409);
            }
          } else {
            now = Math.max(START - 24 * HOUR, now + o.ms);
            const res = await call("POST", "/__emulator/clock", { now: new Date(now).toISOString() });
            expect(res.status).toBe(200);
          }
          sweep();
          const wallet = (await (await call("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:USD`)).json()) as {
            available: number;
            pending_in: number;
          };
          expect(wallet.available).toBe(available.toNumber());
          expect(wallet.pending_in).toBe(pending.toNumber());
          for (const t of topUps) {
            const wire = e.getTopUp(t.id);
            expect(wire?.status).toBe(t.status);
            if (t.status === "expired") expect(Date.parse(wire?.expired_at ?? "")).toBe(t.expires);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("expiry at the exact millisecond, through the admin clock", () => {
  it("an unpaid top-up expires at its expires_at, not a millisecond before, and releases pending_in", async () => {
    const { e, call } = emulator();
    const res = await call("POST", "/top-ups", {
      customer_id: SECOND_CUSTOMER_ID,
      amount: 12.34,
      currency: "USD",
      return_url: RETURN_URL,
      failure_url: FAILURE_URL,
    });
    const t = (await res.json()) as { id: string; created_at: string; expires_at: string };
    expect(Date.parse(t.expires_at) - Date.parse(t.created_at)).toBe(HOUR);
    const wallet = async () =>
      (await (await call("GET", `/customers/${SECOND_CUSTOMER_ID}/wallet/default:USD`)).json()) as {
        available: number;
        pending_in: number;
      };
    expect(await wallet()).toMatchObject({ available: 50, pending_in: 12.34 });
    await call("POST", "/__emulator/clock", { advance_ms: HOUR - 1 });
    expect(await wallet()).toMatchObject({ available: 50, pending_in: 12.34 });
    expect(e.getTopUp(t.id)?.status).toBe("initiated");
    await call("POST", "/__emulator/clock", { advance_ms: 1 });
    expect(await wallet()).toMatchObject({ available: 50, pending_in: 0 });
    expect(e.getTopUp(t.id)).toMatchObject({ status: "expired", expired_at: t.expires_at });
    // Moving the clock back does not revive it, and it can no longer be completed.
    await call("POST", "/__emulator/clock", { now: "2026-01-01T00:00:00Z" });
    expect(e.getTopUp(t.id)?.status).toBe("expired");
    expect((await call("POST", `/__emulator/top-ups/${t.id}/complete`)).status).toBe(409);
    expect(await wallet()).toMatchObject({ available: 50, pending_in: 0 });
  });

  it("a portal link is valid until its expires_at and refused from that second on", async () => {
    const { call } = emulator();
    const res = await call("POST", "/billing-portal/sessions", {
      customer_id: SECOND_CUSTOMER_ID,
      return_url: RETURN_URL,
      failure_url: FAILURE_URL,
    });
    const session = (await res.json()) as { redirect_url: string; expires_at: string };
    const path = new URL(session.redirect_url).pathname + new URL(session.redirect_url).search;
    const open = async () => (await call("GET", path)).headers.get("location") ?? "";
    expect(await open()).toMatch(/^\/portal\?token=/);
    await call("POST", "/__emulator/clock", { now: new Date(Date.parse(session.expires_at) - 1000).toISOString() });
    expect(await open()).toMatch(/^\/portal\?token=/);
    await call("POST", "/__emulator/clock", { now: session.expires_at });
    expect(await open()).toBe(FAILURE_URL);
  });

  it("after reset() and after resuming a snapshot, pending expiries still fire", async () => {
    const { e, call } = emulator();
    const create = async () =>
      (await (
        await call("POST", "/top-ups", {
          customer_id: SECOND_CUSTOMER_ID,
          amount: 5,
          currency: "USD",
          return_url: RETURN_URL,
          failure_url: FAILURE_URL,
        })
      ).json()) as { id: string };
    await create();
    e.reset();
    expect(e.listTopUps()).toEqual([]);
    const t = await create();
    const resumed = createEmulator({ admin: true, now: () => new Date(START), topUpTtlMs: HOUR, state: e.snapshot() });
    await resumed.fetch(
      new Request("http://emulator.test/__emulator/clock", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ advance_ms: HOUR }),
      }),
    );
    await resumed.fetch(
      new Request(`http://emulator.test/customers/${SECOND_CUSTOMER_ID}/wallet`, {
        headers: { "x-credyt-api-key": resumed.apiKey },
      }),
    );
    expect(resumed.getTopUp(t.id)?.status).toBe("expired");
    expect(resumed.getAccount(SECOND_CUSTOMER_ID, "default:USD")).toMatchObject({ available: 50, pending_in: 0 });
    // The original is untouched until its own clock moves.
    expect(e.getTopUp(t.id)?.status).toBe("initiated");
  });

  it("topUpTtlMs must be a positive whole number of milliseconds", () => {
    expect(() => createEmulator({ topUpTtlMs: 0 })).toThrow(/topUpTtlMs must be a positive whole number/);
    expect(() => createEmulator({ topUpTtlMs: Number.NaN })).toThrow(/got NaN/);
    expect(() => createEmulator({ topUpTtlMs: 1.5 })).toThrow(/topUpTtlMs/);
  });
});
