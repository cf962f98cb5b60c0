import type { z } from "zod";

/** Format a zod issue path as Credyt-style field names: `events[0].id`, `destination.asset`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Group zod issues into ASP.NET's `errors: { field: [messages] }`. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], prefix = ""): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = fieldPath([...(prefix ? [prefix] : []), ...issue.path]) || "$";
    const list = errors[field] ?? [];
    list.push(issue.message);
    errors[field] = list;
  }
  return errors;
}
