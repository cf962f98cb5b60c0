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
// (locale, asset) pairs over and over, so keep them, under a key made without serialising the options
// (a list of a hundred balances looks its formatter up a hundred times).
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | undefined, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale ?? ""}|${key}`;
  let formatter = formatters.get(id);
  if (!formatter) {
    if (formatters.size > 200) formatters.clear();
    formatter = new Intl.NumberFormat(locale, options);
    formatters.set(id, formatter);
  }
  return formatter;
}

/** True when `code` is an ISO 4217 currency this runtime can format. */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
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
  return (
    numberFormat("en", `${currency}|standard`, { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

// Intl formats a numeric *string* exactly; a Number is formatted from its binary value, which
// rounds 1.005 down. String(n) is the shortest decimal that round-trips, i.e. the wire's digits.
function exact(amount: number | string): string {
  return typeof amount === "number" ? String(amount) : amount;
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
  const value = exact(amount) as unknown as number; // Intl accepts decimal strings (ES2023).

  if (!display && isCurrencyCode(code)) {
    const notation = options.compact ? "compact" : "standard";
    return numberFormat(locale, `${code}|${notation}`, { style: "currency", currency: code, notation }).format(value);
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
