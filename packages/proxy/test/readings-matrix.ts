// Shared by the contract matrix and the probe's tests: the emulator's readings in pairwise combinations,
// a seed whose numbers make rounding and month boundaries matter, and an in-process proxy on it.
import { createEmulator, type Emulator, type EmulatorReadings, READING_CHOICES } from "@credyt/emulator";
import { createCredytProxy } from "../src/index";

export type Readings = Required<EmulatorReadings>;
type Key = keyof Readings;

/**
 * Rows of readings such that every pair of values of any two readings appears in at least one row
 * (greedy pairwise covering), the all-defaults row first. New readings are covered without edits.
 */
export function pairwiseReadings(): Readings[] {
  const keys = Object.keys(READING_CHOICES) as Key[];
  const values = (k: Key) => READING_CHOICES[k] as readonly unknown[];
  const pair = (i: number, a: number, j: number, b: number) => `${i}:${a}|${j}:${b}`;
  const uncovered = new Set<string>();
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++)
      for (let a = 0; a < values(keys[i] as Key).length; a++)
        for (let b = 0; b < values(keys[j] as Key).length; b++) uncovered.add(pair(i, a, j, b));
  const rows: number[][] = [];
  const cover = (row: number[]) => {
    for (let i = 0; i < row.length; i++)
      for (let j = i + 1; j < row.length; j++) uncovered.delete(pair(i, row[i] as number, j, row[j] as number));
  };
  const defaults = keys.map(() => 0);
  rows.push(defaults);
  cover(defaults);
  while (uncovered.size > 0) {
    const [first] = uncovered;
    const match = /^(\d+):(\d+)\|(\d+):(\d+)$/.exec(first as string) as RegExpExecArray;
    const row: (number | undefined)[] = keys.map(() => undefined);
    row[Number(match[1])] = Number(match[2]);
    row[Number(match[3])] = Number(match[4]);
    for (let k = 0; k < keys.length; k++) {
      if (row[k] !== undefined) continue;
      let best = 0;
      let bestGain = -1;
      for (let v = 0; v < values(keys[k] as Key).length; v++) {
        let gain = 0;
        for (let other = 0; other < keys.length; other++) {
          const o = row[other];
          if (o === undefined || other === k) continue;
          if (uncovered.has(other < k ? pair(other, o, k, v) : pair(k, v, other, o))) gain++;
        }
        if (gain > bestGain) [best, bestGain] = [v, gain];
      }
      row[k] = best;
    }
    rows.push(row as number[]);
    cover(row as number[]);
  }
  return rows.map((row) => Object.fromEntries(keys.map((k, i) => [k, values(k)[row[i] as number]])) as Readings);
}

/** Every single reading changed alone from the defaults: one row per value that is not a default. */
export function oneAtATime(): Readings[] {
  const defaults = pairwiseReadings()[0] as Readings;
  const rows: Readings[] = [];
  for (const key of Object.keys(READING_CHOICES) as Key[])
    for (const value of (READING_CHOICES[key] as readonly unknown[]).slice(1)) rows.push({ ...defaults, [key]: value });
  return rows;
}

export const ALICE = "cust_4a11ce00000000000000000000";
const BOB = "cust_4b0b0000000000000000000000";
export const UNKNOWN = "cust_4000000000000000000000000z";
/** TOK costs 0.03 USD per unit (Credyt's documented direction): 10 USD buys 333.33…, credited 333. */
export const TOK_RATE = 0.03;

/** A fresh emulator playing `readings`, with two customers (alice, bob) and a TOK asset. */
export function emulatorWith(readings: EmulatorReadings): Emulator {
  return createEmulator({
    admin: true,
    readings,
    seed: {
      assets: [{ code: "TOK", name: "Tokens", precision: 0, rates: [{ source: "USD", rate: TOK_RATE }] }],
      products: [
        {
          code: "studio",
          prices: [
            { event_type: "api_call", asset: "USD", unit_price: 0.35 },
            { event_type: "tokens_generated", asset: "TOK", unit_price: 1, volume_field: "tokens" },
          ],
        },
      ],
      customers: [
        {
          id: ALICE,
          external_id: "alice",
          name: "Alice",
          products: ["studio"],
          accounts: [
            { asset: "USD", available: 100 },
            { asset: "TOK", available: 100000 },
          ],
        },
        {
          id: BOB,
          external_id: "bob",
          name: "Bob",
          products: ["studio"],
          accounts: [{ asset: "USD", available: 100 }],
        },
      ],
    },
  });
}

/** One planned usage event and the fee it must carry. */
export interface PlannedEvent {
  id: string;
  occurred_at: string;
  event_type: "api_call" | "tokens_generated";
  tokens?: number;
  fee: { asset: "USD" | "TOK"; amount: number };
  inMonth: boolean;
}

/**
 * Twelve events of alice (seven this UTC month, five in earlier months), in a creation order that is
 * neither time order nor its reverse; whole seconds, so every timestamp reading shows the same instants.
 */
export function plannedEvents(now = Date.now()): PlannedEvent[] {
  const date = new Date(now);
  const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const span = Math.max(now - monthStart - 2_000, 8_000);
  const events: PlannedEvent[] = [];
  const at = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  for (let i = 0; i < 12; i++) {
    const inMonth = i < 7;
    const ms = inMonth ? monthStart + 1_000 + Math.floor((span * (i + 1)) / 8) : monthStart - (i - 6) * 86_400_000 * 9;
    const tokens = (i + 1) * 111;
    const usd = i % 2 === 0;
    events.push({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      occurred_at: at(ms),
      event_type: usd ? "api_call" : "tokens_generated",
      ...(usd ? {} : { tokens }),
      fee: usd ? { asset: "USD", amount: 0.35 } : { asset: "TOK", amount: tokens },
      inMonth,
    });
  }
  // Creation order: a fixed shuffle.
  return [5, 11, 0, 7, 3, 9, 1, 10, 6, 2, 8, 4].map((i) => events[i] as PlannedEvent);
}

/** Posts the planned events for alice, and one for bob (which alice must never see). */
export async function postEvents(emulator: Emulator, events: PlannedEvent[]): Promise<void> {
  const post = async (customer: string, list: object[]) => {
    const response = await emulator.fetch(
      new Request("http://emulator.test/events", {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": emulator.apiKey, "Content-Type": "application/json" },
        body: JSON.stringify({ customer_id: customer, events: list }),
      }),
    );
    if (response.status !== 201) throw new Error(`POST /events answered ${response.status}: ${await response.text()}`);
  };
  await post(
    ALICE,
    events.map((e) => ({
      id: e.id,
      event_type: e.event_type,
      occurred_at: e.occurred_at,
      ...(e.tokens ? { data: { tokens: e.tokens } } : {}),
    })),
  );
  await post(BOB, [
    { id: "00000000-0000-4000-8000-b0b000000001", event_type: "api_call", occurred_at: new Date().toISOString() },
  ]);
}

export const ORIGIN = "https://shop.example";

/** `fetch` to the emulator in process, giving up when the caller aborts (as a real fetch would). */
export function inProcess(emulator: Emulator, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const signal = init?.signal;
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    emulator.fetch(new Request(input, init)).then(resolve, reject);
  });
}

/** A proxy for alice on the emulator, in process. */
export function proxyOn(emulator: Emulator, extra: Partial<Parameters<typeof createCredytProxy>[0]> = {}) {
  return createCredytProxy({
    apiKey: emulator.apiKey,
    apiUrl: "http://emulator.test",
    publicOrigin: ORIGIN,
    fetch: (input, init) => inProcess(emulator, input, init),
    getCustomerId: () => ALICE,
    topUps: { currencies: ["USD"], assets: ["USD", "TOK"], min: 1, max: 500 },
    ...extra,
  });
}

/** Adds a fault through the emulator's admin route. */
export async function fault(emulator: Emulator, rule: Record<string, unknown>): Promise<void> {
  const response = await emulator.fetch(
    new Request("http://emulator.test/__emulator/faults", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(rule),
    }),
  );
  if (!response.ok) throw new Error(`fault refused: ${response.status}`);
}
