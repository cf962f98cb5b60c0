/** True for a plain object (not `null`, not an array): options, parsed JSON bodies, stored records. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
