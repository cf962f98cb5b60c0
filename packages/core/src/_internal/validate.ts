import type { TopUpStatus, WireAccount, WirePortalSession, WireTopUp, WireWallet } from "./wire";

// Hand-written guards rather than a schema library: this module ships to browsers inside the
// React package's 8 KB budget, and these four shapes are all the client ever reads.

const TOP_UP_STATUSES: readonly TopUpStatus[] = ["initiated", "completed", "failed", "expired"];

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(obj: Record<string, unknown>, key: string, path: string, problems: Problems): void {
  const value = obj[key];
  if (typeof value !== "string" || value === "") problems.push(`${path}${key} must be a non-empty string`);
}

function num(obj: Record<string, unknown>, key: string, path: string, problems: Problems, optional = false): void {
  const value = obj[key];
  if (optional && value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value)) problems.push(`${path}${key} must be a finite number`);
}

function checkAccount(value: unknown, path: string, problems: Problems): void {
  if (!isRecord(value)) {
    problems.push(`${path || "body"} must be an object`);
    return;
  }
  const prefix = path ? `${path}.` : "";
  str(value, "id", prefix, problems);
  str(value, "name", prefix, problems);
  str(value, "asset", prefix, problems);
  num(value, "available", prefix, problems);
  num(value, "pending_in", prefix, problems, true);
  num(value, "pending_out", prefix, problems, true);
}

/** Problems with a `GET /wallet` body; empty when it is a valid {@link WireWallet}. */
export function checkWallet(value: unknown): Problems {
  const problems: Problems = [];
  if (!isRecord(value) || !Array.isArray(value.accounts)) return ["accounts must be an array"];
  value.accounts.forEach((account, i) => {
    checkAccount(account, `accounts[${i}]`, problems);
  });
  return problems;
}

/** Problems with a `GET /wallet/{id}` body; empty when it is a valid {@link WireAccount}. */
export function checkAccountBody(value: unknown): Problems {
  const problems: Problems = [];
  checkAccount(value, "", problems);
  return problems;
}

/** Problems with a top-up body; empty when it is a valid {@link WireTopUp}. */
export function checkTopUp(value: unknown): Problems {
  if (!isRecord(value)) return ["body must be an object"];
  const problems: Problems = [];
  for (const key of ["id", "redirect_url", "created_at", "expires_at"]) str(value, key, "", problems);
  if (!TOP_UP_STATUSES.includes(value.status as TopUpStatus)) {
    problems.push(`status must be one of ${TOP_UP_STATUSES.join(", ")}`);
  }
  return problems;
}

/** Problems with a portal session body; empty when it is a valid {@link WirePortalSession}. */
export function checkPortalSession(value: unknown): Problems {
  if (!isRecord(value)) return ["body must be an object"];
  const problems: Problems = [];
  str(value, "redirect_url", "", problems);
  str(value, "expires_at", "", problems);
  return problems;
}
