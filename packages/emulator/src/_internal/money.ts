import Big from "big.js";

/**
 * The emulator's decimal type: a big.js constructor of its own, so its settings never leak into (or come
 * from) another copy of big.js in the same process, such as the proxy's.
 *
 * - Sums, differences and products are always exact in big.js; only division rounds, to `DP` decimal
 *   places. Every amount and rate is within 1e-12..1e12 (see the limits below), so a quotient is at least
 *   1e-24, and 84 places keep at least 60 significant digits of it: balances such as 993450234 and rates
 *   such as 0.000001 never round.
 * - Rounding is half-even (banker's), as before the move from decimal.js.
 * - Strict mode refuses JS numbers anywhere (`new Decimal(0.1)`, `x.plus(1)`, `x < y`): a number reaches a
 *   decimal only through {@link dec}, which reads its shortest decimal string, never its binary value.
 */
export const Decimal = Big();
Decimal.DP = 84;
Decimal.RM = Decimal.roundHalfEven;
Decimal.strict = true;
export type Decimal = Big.Big;

/** Zero, for comparisons (strict mode takes no JS numbers). */
export const ZERO: Decimal = new Decimal("0");

/**
 * Parse a JSON number (or a numeric string from a state file) into an exact decimal. A number goes through
 * `String(value)`, the shortest decimal that round-trips, i.e. exactly the digits the JSON carried.
 */
export function dec(value: number | string | Decimal): Decimal {
  return new Decimal(typeof value === "number" ? String(value) : value);
}

/**
 * Turn a decimal into the JSON number Credyt sends. Going through the decimal's shortest string
 * means 14.566678 serialises as `14.566678`, never as a float artefact.
 */
export function toJsonNumber(value: Decimal): number {
  return Number(value.toString());
}

/** Round down to an asset's precision (decimal places), so a top-up never credits a fraction it can't hold. */
export function toPrecision(value: Decimal, precision: number | undefined): Decimal {
  if (precision === undefined) return value;
  return value.round(precision, Decimal.roundDown);
}

/** The number of decimal places a decimal has (`1.50` has 1, `100` has 0). */
export function decimalPlaces(value: Decimal): number {
  // big.js keeps the digits without trailing zeros in `c` and the exponent of the first in `e`.
  return Math.max(0, value.c.length - value.e - 1);
}

/**
 * The emulator's limits on money. Every amount, rate and volume a request (or seed) sends must be at most
 * 1e12 in absolute value with at most 12 decimal places, and no balance may leave ±1e12 (a credit's headroom
 * counts what is already `pending_in`). Within these bounds every value stays a finite JSON number, so a
 * balance can never serialise as `null`; an operation that would cross them is refused with a 422.
 */
const MAX_ABS_AMOUNT = 1_000_000_000_000;
const MAX_FRACTION_DIGITS = 12;
const CAP = dec(MAX_ABS_AMOUNT);

/** Why a JSON number is not an acceptable amount, rate or volume; undefined when it is. */
export function amountProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return "Must be a finite number.";
  if (Math.abs(value) > MAX_ABS_AMOUNT) return `Must be at most ${MAX_ABS_AMOUNT} in absolute value.`;
  if (decimalPlaces(dec(value)) > MAX_FRACTION_DIGITS) {
    return `Must have at most ${MAX_FRACTION_DIGITS} decimal places.`;
  }
  return undefined;
}

/** Whether a decimal is within ±1e12. */
export function withinCap(value: Decimal): boolean {
  return value.abs().lte(CAP);
}

/**
 * Whether an account may hold these balances: `available` within ±1e12, `pending_in` within 0..1e12, and
 * `available + pending_in` at most 1e12 so that completing every pending top-up stays within the cap.
 */
export function balanceFits(available: Decimal, pendingIn: Decimal): boolean {
  return withinCap(available) && withinCap(pendingIn) && available.plus(pendingIn).lte(CAP);
}

/** The message for an operation refused by `balanceFits`. */
export function balanceLimitMessage(account: string): string {
  return `This would take the balance of account '${account}' beyond the emulator's limit of ±${MAX_ABS_AMOUNT} (pending top-ups included).`;
}
