import type { z } from "zod";
import { problem, readJsonBody } from "./http";
import { issuesToErrors } from "./validation";

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Read and validate a JSON body: 415/413/400 for transport problems, 422 with `errors` for bad fields. */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.output<S>>> {
  const body = await readJsonBody(request);
  if (!body.ok) return body;
  if (body.value === null || typeof body.value !== "object" || Array.isArray(body.value)) {
    return { ok: false, response: problem(400, "The request body must be a JSON object.") };
  }
  const result = schema.safeParse(body.value);
  if (!result.success) {
    return { ok: false, response: problem(422, undefined, { errors: issuesToErrors(result.error.issues) }) };
  }
  return { ok: true, data: result.data };
}
