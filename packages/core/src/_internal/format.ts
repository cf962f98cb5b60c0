/** How a custom asset (not an ISO currency) is displayed. */
export interface AssetDisplay {
  /** Unit label shown after the number, for example `"credits"`. @default the asset code */
  label?: string;
  /** Fraction digits shown. @default up to 2 */
  decimals?: number;
  /** Compact notation (`993M`). @default false */
  compact?: boolean;
}

/** Options of {@link formatAmount}. */
export interface FormatAmountOptions {
  /** A BCP 47 locale such as `"de-DE"`. @default the runtime's locale */
  locale?: string | undefined;
  /** Display of custom assets, keyed by asset code (`{ TOK: { label: "tokens" } }`). */
  assets?: Record<string, AssetDisplay> | undefined;
  /** Compact notation for fiat amounts too. @default false */
  compact?: boolean;
}

let currencies: Set<string> | undefined;

// Building an Intl.NumberFormat costs far more than using one; a page formats the same few
// (locale, asset) pairs over and over, so keep them, per locale, under a key of the other options: the asset
// code alone for a currency in standard notation. A list of a hundred balances looks its formatter up a hundred
// times in one render, so a lookup makes no string (no key built, no options serialised).
const formatters = new Map<string | undefined, Map<string, Intl.NumberFormat>>();
function numberFormat(locale: string | undefined, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let byKey = formatters.get(locale);
  if (!byKey) {
    if (formatters.size > 50) formatters.clear();
    byKey = new Map();
    formatters.set(locale, byKey);
  }
  let formatter = byKey.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    byKey.set(key, formatter);
  }
  return formatter;
}

/** True when `code` is an ISO 4217 currency this runtime can format. */
export function isCurrencyCode(code: string): boolean {
  // The set holds upper-case three-letter codes only, so it is the whole check (no pattern to test per call).
  if (!currencies) {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    currencies = new Set(
      supported ? supported("currency") : ["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "CNY", "INR"],
    );
  }
  return currencies.has(code);
}

/**
 * Fraction digits of a currency's minor unit: 2 for USD, 0 for JPY, 3 for KWD. The proxy validates
 * top-up amounts with it and the components validate typed amounts the same way. Codes that are not
 * ISO currencies get 2.
 */
export function currencyDigits(currency: string): number {
  if (!isCurrencyCode(currency)) return 2;
  return numberFormat("en", currency, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats a balance for display: currency style for ISO codes (`$14.57`, `14,57 $`), a number and
 * a label for custom assets (`993,450,234 TOK`). Negative balances (overdraft) keep their sign.
 *
 * @example
 * formatAmount(14.566678, "USD", { locale: "en-US" }); // "$14.57"
 */
export function formatAmount(amount: number | string, asset: string, options: FormatAmountOptions = {}): string {
  if (typeof asset !== "string" || asset === "") {
    throw new TypeError('formatAmount: `asset` must be an asset code such as "USD" or "TOK".');
  }
  if (typeof amount === "number" ? !Number.isFinite(amount) : !/^-?\d+(\.\d+)?$/.test(amount)) {
    throw new TypeError(`formatAmount: \`amount\` must be a finite number or decimal string, got ${String(amount)}.`);
  }
  const locale = options.locale;
  const code = asset.toUpperCase();
  const display = options.assets?.[asset] ?? options.assets?.[code];
  // A Number is formatted as its shortest decimal (ECMA-402's ToIntlMathematicalValue formats
  // Number::toString(x), so 1.005 rounds to 1.01 as the string "1.005" does, not as its binary value
  // 1.00499…), and a decimal string exactly (ES2023): neither goes through float arithmetic. A zero is
  // shown unsigned, as String(-0) is "0" (Intl would show -0 as "-$0.00").
  const value = (amount || 0) as number;

  if (!display && isCurrencyCode(code)) {
    const notation = options.compact ? "compact" : "standard";
    const key = options.compact ? notation + code : code;
    return numberFormat(locale, key, { style: "currency", currency: code, notation }).format(value);
  }

  const decimals = display?.decimals;
  const notation = display?.compact ? "compact" : "standard";
  const number = numberFormat(locale, `|${notation}|${decimals}`, {
    notation,
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 2,
  }).format(value);
  return `${number}\u00a0${display?.label ?? code}`;
}
