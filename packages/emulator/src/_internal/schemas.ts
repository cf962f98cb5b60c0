import { z } from "zod";

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
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, "Must be an ISO-8601 timestamp.");

export const metadata = z.record(z.string(), z.string());

/** A `customer_id` body field. */
export const customerId = z.string().min(1, "The customer_id field is required.");
