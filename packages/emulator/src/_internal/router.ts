import type { Context, Hono } from "hono";

export type Handler = (c: Context) => Response | Promise<Response>;
type Method = "GET" | "POST" | "DELETE" | "PUT" | "PATCH";

/** Registers Hono routes and remembers them, so an unmatched method can be answered with 405 + Allow. */
export class RouteTable {
  private readonly known: { method: Method; regex: RegExp }[] = [];
  constructor(private readonly app: Hono) {}

  add(method: Method, path: string, handler: Handler): void {
    this.app.on(method, path, handler);
    const source = path
      .split("/")
      .map((seg) => (seg.startsWith(":") ? "[^/]+" : seg))
      .join("/");
    this.known.push({ method, regex: new RegExp(`^${source}$`) });
  }

  /** Methods registered for a path, for a 405's `Allow` header (empty when the path is unknown). */
  allowed(path: string): Method[] {
    return [...new Set(this.known.filter((r) => r.regex.test(path)).map((r) => r.method))];
  }
}

/** Parse `offset` / `limit` query parameters (default 0 / 20, limit at most 100). */
export function paging(c: Context): { offset: number; limit: number } | { errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const read = (name: string, fallback: number, min: number, max: number) => {
    const raw = c.req.query(name);
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      errors[name] = [`The value '${raw}' is not valid for ${name}: use an integer from ${min} to ${max}.`];
      return fallback;
    }
    return n;
  };
  const offset = read("offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = read("limit", 20, 1, 100);
  return Object.keys(errors).length ? { errors } : { offset, limit };
}

/** A path parameter (always present on the routes that read it). */
export function param(c: Context, name: string): string {
  return c.req.param(name) ?? "";
}
