import type { ResolvedReadings } from "./readings";
import type { Store } from "./state";
import type { FaultRule } from "./types";

/** Shared state of one emulator instance, passed to every route module. */
export interface Ctx {
  store: Store;
  /** The seed-built store `reset()` returns to. */
  initial: Store;
  /** The emulator's clock: the injected clock plus the offset moved by `/__emulator/clock`. */
  now(): Date;
  id(prefix: string): string;
  /** HS256 key for redirect tokens. */
  secret: Uint8Array;
  /** `publicUrl` option, or the origin of the request being served. */
  publicUrl?: string;
  /** The path of `publicUrl` without a trailing slash (`/__credyt`), or `""`: prefixed to every page link. */
  basePath: string;
  apiKeys: string[];
  admin: boolean;
  /** How the emulator plays each behaviour Credyt does not document. */
  readings: ResolvedReadings;
  /** How long an unpaid top-up (and its checkout link) lives before it expires. */
  topUpTtlMs: number;
  faults: FaultRule[];
  /** Called after every change to the store (used by `--state` persistence). */
  changed(): void;
}

/** The base URL for hosted pages: the configured public URL, else the request's own origin. */
export function baseUrl(ctx: Ctx, request: Request): string {
  return (ctx.publicUrl ?? new URL(request.url).origin).replace(/\/+$/, "");
}
