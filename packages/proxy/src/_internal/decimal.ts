// Exact decimal handling for money limits: amounts are compared as decimal strings, never with float
// arithmetic. A JSON number reaches us as a double; String(n) is the shortest decimal that round-trips
// to it, which is exactly what JSON.stringify sends upstream, so checking those digits checks what Credyt gets.

/** A non-negative decimal split into its integer digits (no leading zeros) and fraction digits (no trailing zeros). */
export interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
}

/** Plain decimal digits of a finite number (expands exponent notation such as `1e-7`). */
export function numberToDecimalString(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = "", int = "", frac = "", exp = "0"] = match;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Parses `"12.50"` or `"-3"`; `undefined` for anything else. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign, int = "", frac = ""] = match;
  return { negative: sign === "-", int: int.replace(/^0+(?=\d)/, ""), frac: frac.replace(/0+$/, "") };
}

function compareMagnitude(a: Decimal, b: Decimal): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const width = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(width, "0");
  const fb = b.frac.padEnd(width, "0");
  if (fa === fb) return 0;
  return fa < fb ? -1 : 1;
}

function isZero(d: Decimal): boolean {
  return /^0*$/.test(d.int) && d.frac === "";
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const aNeg = a.negative && !isZero(a);
  const bNeg = b.negative && !isZero(b);
  if (aNeg !== bNeg) return aNeg ? -1 : 1;
  const magnitude = compareMagnitude(a, b);
  return aNeg ? -magnitude : magnitude;
}

/** True when the decimal is strictly above zero. */
export function isPositive(d: Decimal): boolean {
  return !d.negative && !isZero(d);
}

/** The smallest positive amount with `digits` fraction digits (`0.01` for 2). */
export function minorUnit(digits: number): Decimal {
  return digits === 0
    ? { negative: false, int: "1", frac: "" }
    : { negative: false, int: "0", frac: `${"0".repeat(digits - 1)}1` };
}

/** Fraction digits of a currency's minor unit: 2 for USD, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatDecimal(d: Decimal): string {
  return `${d.negative ? "-" : ""}${d.int}${d.frac ? `.${d.frac}` : ""}`;
}
