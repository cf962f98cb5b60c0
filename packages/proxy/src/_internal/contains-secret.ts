/** True when any string in `value` (keys included), once JSON-decoded, contains `secret`. */
export function containsSecret(value: unknown, secret: string, depth = 0): boolean {
  if (typeof value === "string") return value.includes(secret);
  if (typeof value !== "object" || value === null || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => containsSecret(item, secret, depth + 1));
  for (const [key, item] of Object.entries(value)) {
    if (key.includes(secret) || containsSecret(item, secret, depth + 1)) return true;
  }
  return false;
}
