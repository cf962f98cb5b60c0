// Its own module: public (`DEFAULT_CURRENCY_LIMITS`), so its typings must reach nothing that names big.js.

/**
 * Top-up limits used when the app names a currency without its own: a few units of each, well above
 * card-testing amounts (no 1-cent checkouts) and below a fat-fingered one, priced per currency (5 USD,
 * 500 JPY). A currency not listed here needs its `min` and `max` in `topUps.currencies`.
 */
export const DEFAULT_CURRENCY_LIMITS: Readonly<Record<string, { min: string; max: string }>> = {
  USD: { min: "5", max: "1000" },
  EUR: { min: "5", max: "1000" },
  GBP: { min: "5", max: "1000" },
  CHF: { min: "5", max: "1000" },
  CAD: { min: "5", max: "1000" },
  AUD: { min: "5", max: "1500" },
  NZD: { min: "5", max: "1500" },
  SGD: { min: "5", max: "1500" },
  HKD: { min: "40", max: "8000" },
  SEK: { min: "50", max: "10000" },
  NOK: { min: "50", max: "10000" },
  DKK: { min: "35", max: "7000" },
  PLN: { min: "20", max: "4000" },
  CZK: { min: "100", max: "25000" },
  MXN: { min: "100", max: "20000" },
  BRL: { min: "25", max: "5000" },
  INR: { min: "400", max: "80000" },
  JPY: { min: "500", max: "150000" },
  KRW: { min: "5000", max: "1500000" },
};
