const FALLBACK = [
  "USD",
  "EUR",
  "GBP",
  "CAD",
  "AUD",
  "JPY",
  "CHF",
  "SEK",
  "NOK",
  "DKK",
  "NZD",
  "SGD",
  "HKD",
  "INR",
  "BRL",
  "MXN",
];

let cached: Set<string> | undefined;

/** Is `code` an ISO 4217 currency (as the runtime's Intl knows them)? */
export function isFiat(code: string): boolean {
  if (!cached) {
    const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
    cached = new Set(intl.supportedValuesOf ? intl.supportedValuesOf("currency") : FALLBACK);
  }
  return cached.has(code.toUpperCase());
}
