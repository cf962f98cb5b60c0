// Exact decimals for money limits, with big.js: amounts are compared as decimals, never with float
// arithmetic. A JSON number reaches us as a double; String(n) is the shortest decimal that round-trips to
// it, which is exactly what JSON.stringify sends upstream, so checking those digits checks what Credyt gets.
import Big from "big.js";

export type { Big };

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** The exact decimal of a finite JSON number (`1e-7` included); `undefined` for NaN and ±Infinity. */
export function decimalOfNumber(value: number): Big | undefined {
  return Number.isFinite(value) ? new Big(String(value)) : undefined;
}

/** A finite number, or a plain decimal string such as `"12.50"` (no exponent, no spaces); else `undefined`. */
export function parseDecimal(value: unknown): Big | undefined {
  if (typeof value === "number") return decimalOfNumber(value);
  return typeof value === "string" && PLAIN_DECIMAL.test(value) ? new Big(value) : undefined;
}

/** True when `amount` has no more than `digits` fraction digits (`10.50` has 1). */
export function fitsMinorUnit(amount: Big, digits: number): boolean {
  return amount.round(digits, Big.roundDown).eq(amount);
}

/** The smallest positive amount with `digits` fraction digits (`0.01` for 2). */
export function minorUnit(digits: number): Big {
  return new Big(`1e-${digits}`);
}

/** The smallest amount of at least `min` with at most `digits` fraction digits (`0.001` → `0.01` for 2). */
export function smallestAmount(min: Big, digits: number): Big {
  return min.round(digits, Big.roundUp);
}

// Its own constructor, so the settings below never touch the global `Big` someone else may use:
// 40 places and round-down for the one division-like step (a rate times an amount, then floored).
const Exact = Big();
Exact.DP = 40;
Exact.RM = Big.roundDown;

/**
 * The exact decimal of a plain decimal string (`"19.99"`) or of a finite JSON number (its shortest
 * round-trip digits, as JSON.stringify wrote them); throws on anything else.
 */
export function exactDecimal(value: string | number): Big {
  return new Exact(String(value));
}

/** `value` rounded down (towards zero) to `places` fraction digits, as Credyt credits units. */
export function roundDown(value: Big, places: number): Big {
  return value.round(places, Big.roundDown);
}

/** Plain digits for messages and JSON number literals (`0.00000001`, never `1e-8`). */
export function formatDecimal(value: Big): string {
  return value.toFixed();
}
