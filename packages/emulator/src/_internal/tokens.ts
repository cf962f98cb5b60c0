import { decodeJwt, errors, jwtVerify, SignJWT } from "jose";
import type { Ctx } from "./context";
import { isoTimestamp } from "./time";

/** The emulator's stand-in for Credyt's account id, used as the tokens' `platform_id`. */
const PLATFORM_ID = "acc_4emv1at0r00000000000000000";

type TokenPurpose = "portal-session-redirect" | "top-up-redirect";

/** Claims of a redirect token, in Credyt's portal-token layout plus `session_id` / `top_up_id`. */
export interface RedirectClaims {
  purpose: TokenPurpose;
  customer_id: string;
  return_url: string;
  failure_url: string;
  session_id?: string;
  top_up_id?: string;
}

/** Sign a redirect token (HS256, `iss: Credyt.Api`, `aud: CustomerPortal`, `live_mode: "false"`). */
export async function signToken(ctx: Ctx, claims: RedirectClaims, expiresAt: Date): Promise<string> {
  const now = ctx.now();
  return new SignJWT({ ...claims, issued: isoTimestamp(now), platform_id: PLATFORM_ID, live_mode: "false" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer("Credyt.Api")
    .setAudience("CustomerPortal")
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(ctx.secret);
}

export type VerifyResult =
  | { ok: true; claims: RedirectClaims }
  /** `claims` are unverified when `reason` is `invalid`: use them only to look up server-side records. */
  | { ok: false; reason: "expired" | "invalid"; claims?: Partial<RedirectClaims> };

/** Verify a redirect token against the emulator's clock. */
export async function verifyToken(ctx: Ctx, token: string | undefined | null): Promise<VerifyResult> {
  if (!token) return { ok: false, reason: "invalid" };
  try {
    const { payload } = await jwtVerify(token, ctx.secret, {
      issuer: "Credyt.Api",
      audience: "CustomerPortal",
      currentDate: ctx.now(),
      algorithms: ["HS256"],
    });
    return { ok: true, claims: payload as unknown as RedirectClaims };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      return { ok: false, reason: "expired", claims: error.payload as unknown as RedirectClaims };
    }
    return { ok: false, reason: "invalid", claims: unverified(token) };
  }
}

function unverified(token: string): Partial<RedirectClaims> | undefined {
  try {
    return decodeJwt(token) as Partial<RedirectClaims>;
  } catch {
    return undefined;
  }
}
