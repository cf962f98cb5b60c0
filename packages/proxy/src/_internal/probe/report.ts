import type { Observed } from "./observe";

/** One row of the probe's table: an unknown of Credyt's API, what is documented, seen, and done about it. */
export interface ProbeRow {
  /** The emulator reading it corresponds to (`eventsOrder`, …). */
  key: string;
  unknown: string;
  documented: string;
  /** The matching reading, or a note when what Credyt answered fits none. */
  observed: string;
  /** What `@credyt/proxy` does, whatever was observed. */
  proxy: string;
}

const ROWS: Omit<ProbeRow, "observed">[] = [
  {
    key: "eventsOrder",
    unknown: "GET /events order",
    documented: "none",
    proxy: "reads every page (offset/limit) and orders by occurred_at itself",
  },
  {
    key: "eventTimeFilters",
    unknown: "GET /events time filters",
    documented: "none",
    proxy: "sends none; filters by occurred_at itself",
  },
  {
    key: "eventsTotalCount",
    unknown: "total_count on GET /events",
    documented: "on GET /accounts only",
    proxy: "reads until a short page when absent",
  },
  {
    key: "listFees",
    unknown: "fees on listed events",
    documented: "on GET /events/{id}",
    proxy: "reads GET /events/{id} (4 at a time, cached) when absent",
  },
  {
    key: "feeFields",
    unknown: "fields of a fee",
    documented: "amount, product_version",
    proxy: "asset from asset, account_id or currency; none: /usage errs, summary complete:false",
  },
  {
    key: "topUpList",
    unknown: "GET /top-ups?customer_id=, GET /top-ups/{id}",
    documented: "none",
    proxy: "finds a lost top-up only in a list it recognises; never a second POST",
  },
  {
    key: "quoteAnswer",
    unknown: "POST /assets/{code}/quote answer",
    documented: "none",
    proxy: "quotes from GET /assets/{code} rates; the route only when shaped {units}",
  },
  {
    key: "overrideDirection",
    unknown: "top-up destination.exchange_rate",
    documented: "no direction",
    proxy: "sends none unless topUps.unitsPerCurrency / currencyPerUnit names it",
  },
  {
    key: "externalIdLookup",
    unknown: "GET /customers?external_id=",
    documented: "none (Bruno reads .id)",
    proxy: "the Vite plugin reads a page or an object",
  },
  {
    key: "errorContentType",
    unknown: "error content type",
    documented: "application/json (OpenAPI)",
    proxy: "reads either",
  },
  {
    key: "timestampDigits",
    unknown: "timestamp fractional digits",
    documented: "0, 6 and 7 in examples",
    proxy: "parses 0 to 9",
  },
];

/** The table rows for what was observed. */
export function probeRows(observed: Observed): ProbeRow[] {
  return ROWS.map((row) => {
    const seen = observed[row.key];
    const text =
      seen?.reading !== undefined ? String(seen.reading) : `not recognised${seen?.note ? ` (${seen.note})` : ""}`;
    return { ...row, observed: text };
  });
}

/** The emulator `readings` matching what was observed (unrecognised rows left out). */
export function probeReadings(observed: Observed): Record<string, string | number> {
  const readings: Record<string, string | number> = {};
  for (const row of ROWS) {
    const reading = observed[row.key]?.reading;
    if (reading !== undefined) readings[row.key] = reading;
  }
  return readings;
}

/** A plain-text table with a header, one line per row. */
export function formatTable(rows: ProbeRow[]): string {
  const head = { unknown: "unknown", documented: "documented", observed: "observed", proxy: "what the proxy does" };
  const all = [head, ...rows];
  const width = (k: keyof typeof head) => Math.max(...all.map((r) => r[k].length));
  const line = (r: typeof head) =>
    `${r.unknown.padEnd(width("unknown"))}  ${r.documented.padEnd(width("documented"))}  ${r.observed.padEnd(width("observed"))}  ${r.proxy}`;
  return [line(head), ...rows.map(line)].join("\n");
}
