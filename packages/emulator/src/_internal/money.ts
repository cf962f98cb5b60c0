import DecimalBase from "decimal.js";

/**
 * The emulator's decimal type: 60 significant digits, so sums of balances such as 993450234 and
 * fractions such as 0.000001 never round (decimal.js defaults to 20).
 */
export const Decimal = DecimalBase.clone({ precision: 60, rounding: DecimalBase.ROUND_HALF_EVEN });
export type Decimal = InstanceType<typeof Decimal>;

/** Parse a JSON number (or numeric string from a state file) into an exact decimal. */
export function dec(value: number | string | Decimal): Decimal {
  return new Decimal(value);
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
  return value.toDecimalPlaces(precision, Decimal.ROUND_DOWN);
}

/**
 * The emulator's limits on money. Every amount, rate and volume a request (or seed) sends must be at most
 * 1e12 in absolute value with at most 12 decimal places, and no balance may leave ±1e12 (a credit's headroom
 * counts what is already `pending_in`). Within these bounds every value stays a finite JSON number, so a
 * balance can never serialise as `null`; an operation that would cross them is refused with a 422.
 */
const MAX_ABS_AMOUNT = 1_000_000_000_000;
const MAX_FRACTION_DIGITS = 12;
const CAP = new Decimal(MAX_ABS_AMOUNT);

/** Why a JSON number is not an acceptable amount, rate or volume; undefined when it is. */
export function amountProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return "Must be a finite number.";
  if (Math.abs(value) > MAX_ABS_AMOUNT) return `Must be at most ${MAX_ABS_AMOUNT} in absolute value.`;
  if (new Decimal(value).decimalPlaces() > MAX_FRACTION_DIGITS) {
    return `Must have at most ${MAX_FRACTION_DIGITS} decimal places.`;
  }
  return undefined;
}

/** Whether a decimal is within ±1e12. */
export function withinCap(value: Decimal): boolean {
  return value.abs().lessThanOrEqualTo(CAP);
}

/**
 * Whether an account may hold these balances: `available` within ±1e12, `pending_in` within 0..1e12, and
 * `available + pending_in` at most 1e12 so that completing every pending top-up stays within the cap.
 */
export function balanceFits(available: Decimal, pendingIn: Decimal): boolean {
  return withinCap(available) && withinCap(pendingIn) && available.plus(pendingIn).lessThanOrEqualTo(CAP);
}

/** The message for an operation refused by `balanceFits`. */
export function balanceLimitMessage(account: string): string {
  return `This would take the balance of account '${account}' beyond the emulator's limit of ±${MAX_ABS_AMOUNT} (pending top-ups included).`;
}
