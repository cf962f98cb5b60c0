import { ASSET_CODE_PATTERN, ASSET_CODE_RULE, isCurrencyCode } from "@credyt/core";
import { z } from "zod";
import { demoHistory } from "./demo-history";
import { balanceFits, dec } from "./money";
import { amount } from "./schemas";
import { EmulatorSeedError } from "./seed-error";
import { type CustomerRecord, emptyStore, ensureAccount, type Store } from "./state";
import { isoTimestamp } from "./time";
import { fieldPath } from "./validation";

const money = amount;
const assetCode = z.string().regex(ASSET_CODE_PATTERN, `Must be ${ASSET_CODE_RULE}.`);

/** The seed's schema; `types.test-d.ts` keeps its input type equal to the declared `EmulatorSeed`. */
export const seedSchema = z.strictObject({
  assets: z
    .array(
      z.strictObject({
        code: assetCode,
        name: z.string().min(1),
        precision: z.number().int().min(0).max(18),
        symbol: z.string().optional(),
        label: z.string().optional(),
        rates: z.array(
          z.strictObject({ source: z.string().length(3), rate: money.refine((n) => n > 0, "Must be > 0.") }),
        ),
      }),
    )
    .optional(),
  products: z
    .array(
      z.strictObject({
        id: z.string().startsWith("prp_").optional(),
        code: z.string().min(1),
        name: z.string().min(1).optional(),
        version: z.number().int().min(1).optional(),
        prices: z
          .array(
            z.strictObject({
              event_type: z.string().min(1),
              asset: assetCode,
              unit_price: money,
              volume_field: z.string().min(1).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  customers: z
    .array(
      z.strictObject({
        id: z.string().startsWith("cust_").optional(),
        external_id: z.string().min(1).optional(),
        name: z.string().min(1),
        email: z.string().optional(),
        created_at: z.string().optional(),
        products: z.array(z.string().min(1)).optional(),
        usage_history_days: z.number().int().min(0).max(366).optional(),
        accounts: z
          .array(
            z.strictObject({
              name: z.string().min(1).optional(),
              asset: assetCode,
              available: money.optional(),
              pending_in: money.optional(),
              pending_out: money.optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** Validate a seed and build the store it describes. Throws `EmulatorSeedError` naming the first bad field. */
export function storeFromSeed(input: unknown, now: Date, id: (prefix: string) => string): Store {
  const parsed = seedSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EmulatorSeedError(fieldPath(issue?.path ?? []), issue?.message ?? "invalid");
  }
  const seed = parsed.data;
  const store = emptyStore();
  const created = isoTimestamp(now);
  for (const [i, a] of (seed.assets ?? []).entries()) {
    const code = a.code.toUpperCase();
    if (isCurrencyCode(code))
      throw new EmulatorSeedError(`assets[${i}].code`, `${code} is a fiat currency, not a custom asset.`);
    if (store.assets.some((x) => x.code === code)) throw new EmulatorSeedError(`assets[${i}].code`, "Duplicate code.");
    store.assets.push({
      ...a,
      code,
      rates: a.rates.map((r) => ({ source: r.source.toUpperCase(), rate: dec(r.rate) })),
      created_at: created,
    });
  }
  for (const [i, p] of (seed.products ?? []).entries()) {
    if (store.products.some((x) => x.code === p.code))
      throw new EmulatorSeedError(`products[${i}].code`, "Duplicate code.");
    store.products.push({
      id: p.id ?? id("prp"),
      code: p.code,
      name: p.name ?? p.code,
      version: p.version ?? 1,
      prices: (p.prices ?? []).map((pr) => ({ ...pr, asset: pr.asset.toUpperCase(), unit_price: dec(pr.unit_price) })),
    });
  }
  for (const [i, c] of (seed.customers ?? []).entries()) {
    const where = `customers[${i}]`;
    const cid = c.id ?? id("cust");
    if (store.customers.some((x) => x.id === cid)) throw new EmulatorSeedError(`${where}.id`, "Duplicate id.");
    if (c.external_id && store.customers.some((x) => x.external_id === c.external_id)) {
      throw new EmulatorSeedError(`${where}.external_id`, "Duplicate external_id.");
    }
    const customer: CustomerRecord = {
      id: cid,
      name: c.name,
      created_at: c.created_at ?? created,
      subscriptions: [],
      accounts: [],
      ...(c.external_id ? { external_id: c.external_id } : {}),
      ...(c.email ? { email: c.email } : {}),
    };
    const products = (c.products ?? []).map((code, j) => {
      const product = store.products.find((p) => p.code === code);
      if (!product) throw new EmulatorSeedError(`${where}.products[${j}]`, `Unknown product code '${code}'.`);
      return product;
    });
    if (products.length > 0) {
      customer.subscriptions.push({
        started_at: customer.created_at,
        products: products.map((p) => ({ id: p.id, code: p.code, version: p.version })),
      });
    }
    for (const [j, a] of (c.accounts ?? []).entries()) {
      if (!isKnownAsset(store, a.asset)) {
        throw new EmulatorSeedError(`${where}.accounts[${j}].asset`, `Unknown asset '${a.asset}'.`);
      }
      if (!balanceFits(dec(a.available ?? 0), dec(a.pending_in ?? 0)) || (a.pending_in ?? 0) < 0) {
        throw new EmulatorSeedError(
          `${where}.accounts[${j}].available`,
          "available and pending_in must be within the emulator's limits (pending_in >= 0, available + pending_in <= 1000000000000).",
        );
      }
      const account = ensureAccount(customer, a.name ?? "default", a.asset);
      account.available = dec(a.available ?? 0);
      account.pending_in = dec(a.pending_in ?? 0);
      account.pending_out = dec(a.pending_out ?? 0);
    }
    for (const p of products) for (const price of p.prices) ensureAccount(customer, "default", price.asset);
    store.customers.push(customer);
    // History only: the seeded balances are what is left after it, so it debits nothing.
    if (c.usage_history_days) store.events.push(...demoHistory(customer, products, c.usage_history_days, now));
  }
  return store;
}

/** A fiat currency (an ISO 4217 code) or a custom asset of the store. */
export function isKnownAsset(store: Store, code: string): boolean {
  const upper = code.toUpperCase();
  return isCurrencyCode(upper) || store.assets.some((a) => a.code === upper);
}
