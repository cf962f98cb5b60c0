import { z } from "zod";
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

/** A finite JSON number. */
export const amount = z.number().refine(Number.isFinite, "Must be a finite number.");

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

export const metadata = z.record(z.string(), z.string());

/** A `customer_id` body field. */
export const customerId = z.string().min(1, "The customer_id field is required.");
