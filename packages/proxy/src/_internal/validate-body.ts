import {
  ASSET_CODE_PATTERN,
  ASSET_CODE_RULE,
  CredytError,
  type CredytErrorDetails,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_RULE,
  isCurrencyCode,
  isIdempotencyKey,
} from "@credyt/core";
import { z } from "zod";
import type { ResolvedConfig } from "./config";
import { decimalOfNumber, fitsMinorUnit, formatDecimal } from "./decimal";
import { ACCOUNT_NAME_PATTERN, ACCOUNT_NAME_RULE } from "./patterns";

const MAX_DESCRIPTION = 200;

const topUpSchema = z.strictObject({
  amount: z.number({ error: "must be a number" }).refine(Number.isFinite, "must be a finite number"),
  currency: z.string({ error: "must be a string" }).refine(isCurrencyCode, "must be an upper-case ISO 4217 code"),
  asset: z
    .string({ error: "must be a string" })
    .regex(ASSET_CODE_PATTERN, `must be an asset code: ${ASSET_CODE_RULE}`)
    .optional(),
  account_name: z
    .string({ error: "must be a string" })
    .regex(ACCOUNT_NAME_PATTERN, `must be ${ACCOUNT_NAME_RULE}`)
    .optional(),
  description: z
    .string({ error: "must be a string" })
    .max(MAX_DESCRIPTION, `must be at most ${MAX_DESCRIPTION} characters`)
    .optional(),
  return_url: z.string({ error: "must be a string" }).optional(),
});

const portalSchema = z.strictObject({
  return_url: z.string({ error: "must be a string" }).optional(),
});

export type TopUpBody = z.infer<typeof topUpSchema>;
export type PortalBody = z.infer<typeof portalSchema>;

function invalidBody(details: CredytErrorDetails): CredytError {
  const fields = Object.keys(details).join(", ");
  return new CredytError("invalid_request", `Check these fields: ${fields}.`, { details });
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  // A Map, not an object: field names come from the browser and may be "constructor" or "__proto__".
  const fields = new Map<string, string[]>();
  const add = (field: string, message: string) => {
    fields.set(field, [...(fields.get(field) ?? []), message]);
  };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(key, "is not a known field");
      continue;
    }
    add(issue.path.map(String).join(".") || "body", issue.message);
  }
  throw invalidBody(Object.fromEntries(fields));
}

/** Validates a top-up body against the schema and the configured allowlists and limits (exact decimals). */
export function validateTopUp<Ctx>(body: unknown, config: ResolvedConfig<Ctx>): TopUpBody {
  const data = parse(topUpSchema, body);
  const details: CredytErrorDetails = {};
  const currency = config.currencies.get(data.currency);
  if (!currency) details.currency = [`must be one of ${[...config.currencies.keys()].join(", ")}`];
  const asset = data.asset ?? data.currency;
  if (!config.assets.has(asset)) details.asset = [`must be one of ${[...config.assets].join(", ")}`];
  // A pattern is not enough: a made-up account name (say, a guessed key) must never reach Credyt.
  if (data.account_name !== undefined && !config.accountNames.has(data.account_name))
    details.account_name = [`must be one of ${[...config.accountNames].join(", ")}`];

  const amount = decimalOfNumber(data.amount);
  if (!amount?.gt(0)) {
    details.amount = ["must be greater than 0"];
  } else if (currency) {
    const { min, max } = currency;
    if (!fitsMinorUnit(amount, currency.digits)) {
      details.amount = [`must have at most ${currency.digits} decimal places for ${data.currency}`];
    } else if (amount.lt(min)) {
      details.amount = [`must be at least ${formatDecimal(min)}`];
    } else if (amount.gt(max)) {
      details.amount = [`must be at most ${formatDecimal(max)}`];
    }
  }
  if (Object.keys(details).length > 0) throw invalidBody(details);
  return data;
}

export function validatePortal(body: unknown): PortalBody {
  return parse(portalSchema, body);
}

/** The `Idempotency-Key` header: required on top-ups, 8-255 visible ASCII characters. */
export function idempotencyKeyFrom(headers: Headers): string {
  const key = headers.get(IDEMPOTENCY_HEADER);
  if (!isIdempotencyKey(key)) {
    throw new CredytError(
      "invalid_request",
      `Send an \`${IDEMPOTENCY_HEADER}\` header of ${IDEMPOTENCY_KEY_RULE}, one per purchase.`,
      { details: { [IDEMPOTENCY_HEADER]: [`must be ${IDEMPOTENCY_KEY_RULE}`] } },
    );
  }
  return key;
}
