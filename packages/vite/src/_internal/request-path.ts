/**
 * The path of a request to the plugin's routes, checked before routing: a path that would mean something
 * else once a server or a URL parser normalised it (`/__credyt/checkout/../customers`, `%2e%2e`, `%2f`,
 * backslashes, double encoding) is refused, so the "pages only" filter sees the path that is served.
 */
export type CheckedPath = { ok: true; path: string } | { ok: false; reason: string };

/** Encoded forms that change a path's meaning once decoded: `.`, `/`, `\`, `%` (double encoding), NUL. */
const ENCODED_SEPARATOR = /%(2e|2f|5c|25|00)/i;

export function checkRequestPath(url: string): CheckedPath {
  const raw = url.replace(/[?#].*$/, "");
  if (!raw.startsWith("/")) return { ok: false, reason: "the path must start with /" };
  if (raw.includes("\\")) return { ok: false, reason: "backslashes are not allowed in the path" };
  if (ENCODED_SEPARATOR.test(raw)) return { ok: false, reason: "encoded dots, slashes or percent signs" };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, reason: "the path is not valid percent-encoding" };
  }
  const segments = decoded.split("/");
  if (segments.some((segment) => segment === "." || segment === ".."))
    return { ok: false, reason: "dot segments (. or ..) are not allowed" };
  if ([...decoded].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return { ok: false, reason: "control characters in the path" };
  return { ok: true, path: raw };
}

/** The path a URL parser would resolve `url` to (`/a/../b` → `/b`), to see where it really goes. */
export function resolvedPath(url: string): string {
  try {
    return new URL(url.replace(/\\/g, "/"), "http://localhost").pathname;
  } catch {
    return "/";
  }
}
