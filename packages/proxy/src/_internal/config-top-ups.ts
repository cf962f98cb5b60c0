import { ASSET_CODE_RULE, currencyDigits, isAssetCode, isCurrencyCode } from "@credyt/core";
import { fail, show } from "./config-checks";
import { type Big, formatDecimal, parseDecimal, smallestAmount } from "./decimal";
import { DEFAULT_CURRENCY_LIMITS } from "./default-currency-limits";
import { isObject } from "./is-object";
import { ACCOUNT_NAME_PATTERN, ACCOUNT_NAME_RULE } from "./patterns";
import type { CurrencyLimits, ExchangeRateRequest, TopUpLimits } from "./types";

/** One allowed currency, resolved. */
export interface ResolvedCurrency {
  digits: number;
  min: Big;
  max: Big;
}

export interface ResolvedTopUps<Ctx> {
  currencies: Map<string, ResolvedCurrency>;
  assets: Set<string>;
  accountNames: Set<string>;
  /** The app's exchange-rate override and the direction it is sent in; none: Credyt's asset rate applies. */
  exchangeRate:
    | {
        direction: "units-per-currency" | "currency-per-unit";
        rate: (ctx: Ctx, topUp: ExchangeRateRequest) => number | undefined | Promise<number | undefined>;
      }
    | undefined;
}

function amountOption(value: unknown, name: string): Big {
  const parsed = parseDecimal(value);
  // A limit of 0 or less can never be met: top-ups must be above 0.
  if (!parsed || parsed.lte(0))
    fail(`\`${name}\` must be a positive number or decimal string, such as 5 or "0.50", got ${show(value)}.`);
  return parsed;
}

function resolveCurrency(code: string, own: CurrencyLimits, shared: CurrencyLimits, where: string): ResolvedCurrency {
  if (!isCurrencyCode(code))
    fail(`\`topUps.currencies\` has an unknown currency code ${show(code)}; use ISO 4217 codes such as "USD".`);
  if (!isObject(own as unknown)) fail(`\`${where}\` must be { min?, max }, got ${show(own)}.`);
  const digits = currencyDigits(code);
  const fallback = DEFAULT_CURRENCY_LIMITS[code];
  const rawMin = own.min ?? shared.min ?? fallback?.min;
  const rawMax = own.max ?? shared.max ?? fallback?.max;
  if (rawMin === undefined || rawMax === undefined) {
    fail(
      `\`topUps.currencies\` has ${code}, which has no default limits: give them, e.g. \`currencies: { ${code}: { min: …, max: … } }\` in major units.`,
    );
  }
  const min = amountOption(rawMin, `${where}.min`);
  const max = amountOption(rawMax, `${where}.max`);
  if (min.gt(max)) fail(`\`${where}.min\` (${formatDecimal(min)}) is greater than its max (${formatDecimal(max)}).`);
  // The smallest amount a customer could pay in this currency; above max, no top-up in it can pass.
  const smallest = smallestAmount(min, digits);
  if (smallest.gt(max))
    fail(
      `\`${where}.max\` (${formatDecimal(max)}) is below the smallest ${code} top-up (${formatDecimal(smallest)}, in whole minor units); raise it.`,
    );
  return { digits, min: smallest, max };
}

/** Validates `topUps` with messages that say what to fix. */
export function resolveTopUps<Ctx>(value: TopUpLimits<Ctx> | undefined): ResolvedTopUps<Ctx> {
  if (value !== undefined && !isObject(value as unknown))
    fail(`\`topUps\` must be an object such as { currencies: { USD: { min: 5, max: 500 } } }, got ${show(value)}.`);
  const topUps = value ?? {};
  const shared: CurrencyLimits = { min: topUps.min, max: topUps.max };
  const listed = topUps.currencies ?? ["USD"];
  const currencies = new Map<string, ResolvedCurrency>();
  if (Array.isArray(listed)) {
    for (const code of listed) {
      currencies.set(String(code), resolveCurrency(String(code), {}, shared, "topUps"));
    }
  } else if (isObject(listed as unknown)) {
    for (const [code, limits] of Object.entries(listed)) {
      currencies.set(code, resolveCurrency(code, limits, shared, `topUps.currencies.${code}`));
    }
  } else {
    fail(`\`topUps.currencies\` must be { USD: { min, max } } or a list of codes, got ${show(listed)}.`);
  }
  if (currencies.size === 0) fail("`topUps.currencies` must list at least one currency.");

  const assetCodes = topUps.assets ?? [...currencies.keys()];
  if (!Array.isArray(assetCodes) || assetCodes.length === 0)
    fail('`topUps.assets` must list at least one asset code, such as ["USD", "TOK"].');
  for (const code of assetCodes) {
    if (!isAssetCode(code)) fail(`\`topUps.assets\` has an invalid asset code ${show(code)}: use ${ASSET_CODE_RULE}.`);
  }
  const accountNames = topUps.accountNames ?? ["default"];
  if (!Array.isArray(accountNames) || accountNames.length === 0)
    fail('`topUps.accountNames` must list at least one account name, such as ["default"].');
  for (const name of accountNames) {
    if (typeof name !== "string" || !ACCOUNT_NAME_PATTERN.test(name))
      fail(`\`topUps.accountNames\` has an invalid account name ${show(name)}: use ${ACCOUNT_NAME_RULE}.`);
  }
  if ("exchangeRate" in topUps) {
    fail(
      "`topUps.exchangeRate` is gone: Credyt does not document which way it reads `destination.exchange_rate`. Name the direction: `topUps.unitsPerCurrency` (units credited per 1 of the currency) or `topUps.currencyPerUnit` (the price of one unit), as `npx @credyt/proxy probe` reports; or leave both out so Credyt's asset rate applies.",
    );
  }
  for (const name of ["unitsPerCurrency", "currencyPerUnit"] as const) {
    if (topUps[name] !== undefined && typeof topUps[name] !== "function")
      fail(`\`topUps.${name}\` must be a function \`(ctx, topUp) => number | undefined\`.`);
  }
  if (topUps.unitsPerCurrency && topUps.currencyPerUnit)
    fail("Give `topUps.unitsPerCurrency` or `topUps.currencyPerUnit`, not both.");
  return {
    currencies,
    assets: new Set(assetCodes),
    accountNames: new Set(accountNames),
    exchangeRate: topUps.unitsPerCurrency
      ? { direction: "units-per-currency", rate: topUps.unitsPerCurrency }
      : topUps.currencyPerUnit
        ? { direction: "currency-per-unit", rate: topUps.currencyPerUnit }
        : undefined,
  };
}

/** The wire body of `GET {base}/config`: what the browser may ask for (see docs/protocol.md). */
export function configBody(topUps: ResolvedTopUps<unknown>, streams: boolean): string {
  return JSON.stringify({
    top_ups: {
      currencies: [...topUps.currencies].map(([currency, limits]) => ({
        currency,
        min: formatDecimal(limits.min),
        max: formatDecimal(limits.max),
        digits: limits.digits,
      })),
      assets: [...topUps.assets],
      account_names: [...topUps.accountNames],
    },
    streams,
  });
}
