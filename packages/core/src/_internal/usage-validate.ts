// Shape checks for the usage routes' answers, hand-written like ./validate.ts (no schema library in
// the browser bundle). Each returns the problems found; an empty list means the body is valid.

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(obj: Record<string, unknown>, key: string, path: string, problems: Problems, optional = false): void {
  const value = obj[key];
  if (optional && value === undefined) return;
  if (typeof value !== "string" || value === "") problems.push(`${path}${key} must be a non-empty string`);
}

function num(obj: Record<string, unknown>, key: string, path: string, problems: Problems): void {
  const value = obj[key];
  if (typeof value !== "number" || !Number.isFinite(value)) problems.push(`${path}${key} must be a finite number`);
}

function totals(value: unknown, path: string, problems: Problems): void {
  if (!Array.isArray(value)) {
    problems.push(`${path} must be an array`);
    return;
  }
  for (const [i, total] of value.entries()) {
    if (!isRecord(total)) problems.push(`${path}[${i}] must be an object`);
    else {
      str(total, "asset", `${path}[${i}].`, problems);
      num(total, "amount", `${path}[${i}].`, problems);
    }
  }
}

/** Problems with a `GET /usage` body; empty when it is a valid `WireUsagePage`. */
export function checkUsagePage(value: unknown): Problems {
  if (!isRecord(value) || !Array.isArray(value.items)) return ["items must be an array"];
  const problems: Problems = [];
  if (value.next_cursor !== null && (typeof value.next_cursor !== "string" || value.next_cursor === ""))
    problems.push("next_cursor must be a string or null");
  for (const [i, item] of value.items.entries()) {
    const path = `items[${i}].`;
    if (!isRecord(item)) {
      problems.push(`items[${i}] must be an object`);
      continue;
    }
    str(item, "id", path, problems);
    str(item, "event_type", path, problems);
    str(item, "occurred_at", path, problems);
    str(item, "subject", path, problems, true);
    str(item, "description", path, problems, true);
    totals(item.fees, `${path}fees`, problems);
  }
  return problems;
}

/** Problems with a `GET /usage/summary` body; empty when it is a valid `WireUsageSummary`. */
export function checkUsageSummary(value: unknown): Problems {
  if (!isRecord(value)) return ["body must be an object"];
  const problems: Problems = [];
  if (value.period !== "month") problems.push('period must be "month"');
  for (const key of ["tz", "from", "to"]) str(value, key, "", problems);
  num(value, "event_count", "", problems);
  if (typeof value.complete !== "boolean") problems.push("complete must be a boolean");
  totals(value.totals, "totals", problems);
  if (!Array.isArray(value.days)) problems.push("days must be an array");
  else
    for (const [i, day] of value.days.entries()) {
      if (!isRecord(day)) problems.push(`days[${i}] must be an object`);
      else {
        str(day, "date", `days[${i}].`, problems);
        totals(day.totals, `days[${i}].totals`, problems);
      }
    }
  return problems;
}

/** Problems with a `GET /quote` body; empty when it is a valid `WireQuote`. */
export function checkQuote(value: unknown): Problems {
  if (!isRecord(value)) return ["body must be an object"];
  const problems: Problems = [];
  str(value, "asset", "", problems);
  str(value, "currency", "", problems);
  for (const key of ["amount", "units"]) num(value, key, "", problems);
  if (value.rate_source !== "app" && value.rate_source !== "credyt" && value.rate_source !== "none")
    problems.push('rate_source must be "app", "credyt" or "none"');
  return problems;
}
