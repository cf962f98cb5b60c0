/**
 * True when any string in `value` (keys included), once JSON-decoded, carries `secret`: as is, percent-encoded
 * (once or twice, any case: `key%5Ftest…`, `%6B%65%79…`), or base64-encoded at any alignment (standard or
 * URL-safe alphabet, inside a longer base64 text such as a token in a `redirect_url`).
 */
export function containsSecret(value: unknown, secret: string, depth = 0): boolean {
  if (typeof value === "string") return stringCarries(value, secret);
  if (typeof value !== "object" || value === null || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => containsSecret(item, secret, depth + 1));
  for (const [key, item] of Object.entries(value)) {
    if (stringCarries(key, secret) || containsSecret(item, secret, depth + 1)) return true;
  }
  return false;
}

/**
 * {@link containsSecret} for a JSON body, given its text as well: the text is scanned first, and the parsed
 * value is walked only when the text could hide the key. Without a `\\` (no JSON escape) every string in the
 * value is a piece of the text as is, and without a `%` no decoding makes more of it: a text that holds
 * neither the key nor one of its base64 forms has no string that does (the common case, one scan per form).
 */
export function bodyCarriesSecret(text: string, json: unknown, secret: string): boolean {
  if (secret === "") return false;
  if (text.includes(secret)) return true;
  if (!text.includes("\\") && !text.includes("%")) {
    const forms = base64Forms(secret);
    let found = false;
    for (const form of forms) if (text.includes(form)) found = true;
    if (!found) return false;
  }
  return containsSecret(json, secret);
}

function stringCarries(text: string, secret: string): boolean {
  if (secret === "") return false;
  const forms = base64Forms(secret);
  let current = text;
  // As sent, then decoded once and twice (a percent-encoded base64 token, a doubly encoded query).
  for (let round = 0; round < 3; round++) {
    if (current.includes(secret) || forms.some((form) => current.includes(form))) return true;
    const next = percentDecode(current);
    if (next === current) return false;
    current = next;
  }
  return false;
}

/** Decodes every valid `%XX` byte sequence it can (UTF-8), leaving anything malformed as it is. */
function percentDecode(text: string): string {
  if (!text.includes("%")) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Not UTF-8 as a whole: decode byte by byte, so ASCII (every key) still comes out.
      return run.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    }
  });
}

const cache = new Map<string, string[]>();

/**
 * The parts of `secret`'s base64 encoding that appear whatever bytes precede it: for each of the three
 * alignments, the characters that depend on the secret's bytes alone, in both alphabets.
 */
function base64Forms(secret: string): string[] {
  const cached = cache.get(secret);
  if (cached) return cached;
  const bytes = new TextEncoder().encode(secret);
  const forms = new Set<string>();
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.set(bytes, shift);
    const encoded = btoa(String.fromCharCode(...padded)).replace(/=+$/, "");
    // Skip the characters that mix in the preceding bytes, and the last ones, which mix in what follows.
    const start = shift === 0 ? 0 : shift + 1;
    const end = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    // Too short a core would match by chance; keys are long, so this only guards odd inputs.
    if (core.length >= 8) {
      forms.add(core);
      forms.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  const list = [...forms];
  if (cache.size > 16) cache.clear();
  cache.set(secret, list);
  return list;
}
