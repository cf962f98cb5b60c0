import { z } from "zod";
import { amountProblem } from "./money";
import { parseTimestamp } from "./time";

/** An absolute http(s) URL. */
export const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}, "Must be an absolute http or https URL.");

/**
 * A money amount, rate or volume: a finite JSON number of at most 1e12 in absolute value with at most
 * 12 decimal places (see `MAX_ABS_AMOUNT` / `MAX_FRACTION_DIGITS`).
 */
export const amount = z.number().superRefine((value, ctx) => {
  const message = amountProblem(value);
  if (message) ctx.addIssue({ code: "custom", message });
});

export const uuid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "Must be a UUID.");

/** An ISO-8601 timestamp with a zone. */
export const timestamp = z
  .string()
  .refine(
    (value) => parseTimestamp(value) !== undefined,
    "Must be an ISO-8601 timestamp with a zone, e.g. 2026-01-31T12:00:00Z.",
  );

/** A 3-letter currency code in any case; whether it is a real ISO 4217 currency is checked after upper-casing. */
export const currencyCode = z.string().regex(/^[A-Za-z]{3}$/, "Must be a 3-letter ISO 4217 currency code.");

export const metadata = z.record(z.string(), z.string());

/** A `customer_id` body field. */
export const customerId = z.string().min(1, "The customer_id field is required.");
