import type { EmulatorReadings } from "./types";

/** Every reading set: what the emulator plays when `readings` names nothing. */
export type ResolvedReadings = Required<EmulatorReadings>;

/** The emulator's historic behaviour for each of Credyt's undocumented choices. */
export const DEFAULT_READINGS: Readonly<ResolvedReadings> = Object.freeze({
  eventsOrder: "newest-first",
  eventTimeFilters: "honoured",
  eventsTotalCount: "present",
  listFees: "present",
  feeFields: "full",
  topUpList: "served",
  quoteAnswer: "units",
  overrideDirection: "units-per-currency",
  externalIdLookup: "page",
  errorContentType: "problem+json",
  timestampDigits: 7,
});

/** The values each reading may take, the default first. */
export const READING_CHOICES: { readonly [K in keyof ResolvedReadings]: readonly ResolvedReadings[K][] } = {
  eventsOrder: ["newest-first", "oldest-first", "creation"],
  eventTimeFilters: ["honoured", "ignored", "other-names"],
  eventsTotalCount: ["present", "absent"],
  listFees: ["present", "absent"],
  feeFields: ["full", "amount-and-version", "asset-renamed"],
  topUpList: ["served", "404", "405", "ignores-customer", "newest-first", "no-metadata"],
  quoteAnswer: ["units", "other-names", "absent"],
  overrideDirection: ["units-per-currency", "currency-per-unit"],
  externalIdLookup: ["page", "object"],
  errorContentType: ["problem+json", "json"],
  timestampDigits: [7, 0, 6],
};

/** The readings with defaults filled in; a TypeError naming the allowed values for anything unknown. */
export function resolveReadings(
  readings: EmulatorReadings | undefined,
  legacyOverride: "units_per_fiat" | "fiat_per_unit" | undefined,
): ResolvedReadings {
  const resolved: Record<string, unknown> = { ...DEFAULT_READINGS };
  if (legacyOverride === "fiat_per_unit") resolved.overrideDirection = "currency-per-unit";
  for (const [key, value] of Object.entries(readings ?? {})) {
    if (value === undefined) continue;
    const choices = (READING_CHOICES as Record<string, readonly unknown[]>)[key];
    if (!choices) {
      throw new TypeError(
        `createEmulator: unknown reading "${key}"; known readings: ${Object.keys(READING_CHOICES).join(", ")}.`,
      );
    }
    if (!choices.includes(value)) {
      throw new TypeError(
        `createEmulator: readings.${key} must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}; got ${JSON.stringify(value)}.`,
      );
    }
    resolved[key] = value;
  }
  return resolved as ResolvedReadings;
}

/** `key=value` (as `--reading` takes it) added to `into`; throws with the allowed keys or values. */
export function parseReadingArgument(text: string, into: EmulatorReadings): void {
  const eq = text.indexOf("=");
  const key = text.slice(0, eq) as keyof ResolvedReadings;
  const raw = text.slice(eq + 1);
  const choices = READING_CHOICES[key] as readonly unknown[] | undefined;
  if (eq < 0 || !choices) {
    throw new Error(
      `--reading takes key=value with a key among ${Object.keys(READING_CHOICES).join(", ")}; got '${text}'.`,
    );
  }
  const value = choices.find((c) => String(c) === raw);
  if (value === undefined) {
    throw new Error(`--reading ${key} must be one of ${choices.join(", ")}; got '${raw}'.`);
  }
  (into as Record<string, unknown>)[key] = value;
}

const ISO = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z"/g;

/** JSON text with every UTC timestamp string printed with `digits` fractional digits (truncated or padded). */
export function withTimestampDigits(text: string, digits: number): string {
  return text.replace(ISO, (_all, whole: string, fraction: string | undefined) => {
    if (digits === 0) return `"${whole}Z"`;
    return `"${whole}.${(fraction ?? "").padEnd(digits, "0").slice(0, digits)}Z"`;
  });
}
