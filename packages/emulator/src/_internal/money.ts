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
