import type { TopUpStatus, WireAccount, WirePortalSession, WireTopUp, WireWallet } from "./wire";

// Hand-written guards rather than a schema library: this module ships to browsers on every page that reads a
// balance (issue 26's 10 KB budget), and these four shapes are all the client ever reads. Each shape is a table
// of its fields, checked by one loop.

const TOP_UP_STATUSES: readonly TopUpStatus[] = ["initiated", "completed", "failed", "expired"];

type Problems = string[];
/** A field's rule: `s` a non-empty string, `n` a finite number, `n?` a finite number or absent. */
type Shape = Record<string, "s" | "n" | "n?">;

const ACCOUNT: Shape = { id: "s", name: "s", asset: "s", available: "n", pending_in: "n?", pending_out: "n?" };
const TOP_UP: Shape = { id: "s", redirect_url: "s", created_at: "s", expires_at: "s" };
const PORTAL_SESSION: Shape = { redirect_url: "s", expires_at: "s" };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Adds to `problems` what of `value` breaks `shape` (`path` names it in the messages; "" is the body). */
function check(value: unknown, shape: Shape, path: string, problems: Problems): value is Record<string, unknown> {
  if (!isRecord(value)) {
    problems.push(`${path || "body"} must be an object`);
    return false;
  }
  for (const [key, rule] of Object.entries(shape)) {
    const field = value[key];
    const name = path ? `${path}.${key}` : key;
    if (rule === "s") {
      if (typeof field !== "string" || field === "") problems.push(`${name} must be a non-empty string`);
    } else if (!(rule === "n?" && field === undefined) && (typeof field !== "number" || !Number.isFinite(field))) {
      problems.push(`${name} must be a finite number`);
    }
  }
  return true;
}

/** Problems with a `GET /wallet` body; empty when it is a valid {@link WireWallet}. */
export function checkWallet(value: unknown): Problems {
  if (!isRecord(value) || !Array.isArray(value.accounts)) return ["accounts must be an array"];
  const problems: Problems = [];
  value.accounts.forEach((account, i) => {
    check(account, ACCOUNT, `accounts[${i}]`, problems);
  });
  return problems;
}

/** Problems with a `GET /wallet/{id}` body; empty when it is a valid {@link WireAccount}. */
export function checkAccountBody(value: unknown): Problems {
  const problems: Problems = [];
  check(value, ACCOUNT, "", problems);
  return problems;
}

/** Problems with a top-up body; empty when it is a valid {@link WireTopUp}. */
export function checkTopUp(value: unknown): Problems {
  const problems: Problems = [];
  if (check(value, TOP_UP, "", problems) && !TOP_UP_STATUSES.includes(value.status as TopUpStatus)) {
    problems.push(`status must be one of ${TOP_UP_STATUSES.join(", ")}`);
  }
  return problems;
}

/** Problems with a portal session body; empty when it is a valid {@link WirePortalSession}. */
export function checkPortalSession(value: unknown): Problems {
  const problems: Problems = [];
  check(value, PORTAL_SESSION, "", problems);
  return problems;
}
