// The probe's calls: a throwaway test customer, a few usage events, two unpaid top-ups, and reads.
// Each observation names the reading it matches, or `undefined` when what Credyt answered fits none.
import { isObject } from "../is-object";

/** How the probe reaches Credyt. */
export interface ProbeAccess {
  apiKey: string;
  apiUrl: string;
  fetch: typeof fetch;
}

/** What one call answered: status, content type and parsed JSON (`undefined` when not JSON). */
interface Answer {
  status: number;
  type: string;
  json: unknown;
}

async function call(access: ProbeAccess, method: "GET" | "POST", path: string, body?: object): Promise<Answer> {
  const headers: Record<string, string> = { "X-CREDYT-API-KEY": access.apiKey, Accept: "application/json" };
  if (body) headers["Content-Type"] = "application/json";
  const response = await access.fetch(`${access.apiUrl.replace(/\/+$/, "")}${path}`, {
    method,
    headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, type: response.headers.get("content-type") ?? "", json };
}

const items = (json: unknown): unknown[] | undefined =>
  isObject(json) && Array.isArray(json.items) ? json.items : undefined;

/** `live_mode` from the JWT in a portal session's `redirect_url` (`?token=`), as Credyt documents it. */
function liveModeOf(redirectUrl: unknown): boolean | undefined {
  if (typeof redirectUrl !== "string") return undefined;
  const token = new URL(redirectUrl).searchParams.get("token");
  const payload = token?.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    const live = claims.live_mode;
    if (live === false || live === "false") return false;
    if (live === true || live === "true") return true;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Test mode or not, before anything is written: a portal session (a link, nothing changes) for an
 * existing customer carries `live_mode` in its token. `undefined` when it cannot be told.
 */
export async function checkTestMode(access: ProbeAccess): Promise<{ live: boolean | undefined; why: string }> {
  if (access.apiKey.startsWith("key_live_")) return { live: true, why: "the key starts with key_live_" };
  const list = await call(access, "GET", "/customers?offset=0&limit=1");
  const first = items(list.json)?.[0];
  const id = isObject(first) ? first.id : undefined;
  if (typeof id !== "string")
    return { live: undefined, why: `GET /customers answered ${list.status} with no customer to check with` };
  const session = await call(access, "POST", "/billing-portal/sessions", {
    customer_id: id,
    return_url: "https://example.com/probe",
    failure_url: "https://example.com/probe",
  });
  const live = liveModeOf(isObject(session.json) ? session.json.redirect_url : undefined);
  return {
    live,
    why:
      live === undefined
        ? `a portal session answered ${session.status} without live_mode`
        : `live_mode is ${live} in a portal session's token`,
  };
}

const hours = (n: number, now: number) => new Date(now - n * 3_600_000).toISOString();

/** What the probe saw for each unknown: the matching reading, or undefined; `note` explains. */
export type Observed = Record<string, { reading: string | number | undefined; note: string }>;

/** Every observation, using a throwaway customer (and a second one for the top-up list). */
export async function observe(
  access: ProbeAccess,
  options: { product?: string | undefined; asset?: string | undefined; eventType?: string | undefined },
): Promise<Observed> {
  const out: Observed = {};
  const now = Date.now();
  const tag = `credyt-ui-probe-${now.toString(36)}`;
  const customer = async (suffix: string) => {
    const created = await call(access, "POST", "/customers", {
      name: `credyt-ui probe ${suffix}`,
      external_id: `${tag}-${suffix}`,
      ...(options.product ? { subscriptions: [{ products: [{ code: options.product }] }] } : {}),
    });
    const id = isObject(created.json) ? created.json.id : undefined;
    if (created.status !== 201 || typeof id !== "string")
      throw new Error(`POST /customers answered ${created.status}; the probe needs to create a test customer.`);
    return id;
  };
  const id = await customer("a");
  const other = await customer("b");

  // External id look-up: a page, or the customer itself.
  const byExternal = await call(access, "GET", `/customers?external_id=${encodeURIComponent(`${tag}-a`)}`);
  out.externalIdLookup = items(byExternal.json)
    ? { reading: "page", note: "{ items: [customer] }" }
    : isObject(byExternal.json) && byExternal.json.id === id
      ? { reading: "object", note: "the customer object" }
      : { reading: undefined, note: `answered ${byExternal.status}` };

  // Timestamps: the fractional digits of the customer's created_at.
  const fetched = await call(access, "GET", `/customers/${id}`);
  const createdAt = isObject(fetched.json) ? String(fetched.json.created_at ?? "") : "";
  const digits = /T\d{2}:\d{2}:\d{2}(?:\.(\d+))?Z$/.exec(createdAt);
  const count = digits ? (digits[1]?.length ?? 0) : undefined;
  out.timestampDigits = { reading: count === 0 || count === 6 || count === 7 ? count : undefined, note: createdAt };

  // Error content type, from a 404.
  const missing = await call(access, "GET", "/customers/cust_4000000000000000000000000z");
  const type = missing.type.split(";")[0]?.trim() ?? "";
  out.errorContentType = {
    reading: type === "application/problem+json" ? "problem+json" : type === "application/json" ? "json" : undefined,
    note: `${missing.status} ${type || "(none)"}`,
  };

  // Usage events: three, created middle, oldest, newest (neither time order nor its reverse).
  const uuid = (n: number) => `${crypto.randomUUID().slice(0, -1)}${n}`;
  const planned = [
    { id: uuid(2), occurred_at: hours(2, now) },
    { id: uuid(1), occurred_at: hours(3, now) },
    { id: uuid(3), occurred_at: hours(1, now) },
  ];
  const eventType = "credyt_ui_probe";
  await call(access, "POST", "/events", {
    customer_id: id,
    events: planned.map((e) => ({ ...e, event_type: options.eventType ?? eventType, data: { tokens: 1 } })),
  });
  const [middle, oldest, newest] = planned as unknown as [{ id: string }, { id: string }, { id: string }];
  const listed = await call(access, "GET", `/events?customer_id=${id}&offset=0&limit=10`);
  const ids = (items(listed.json) ?? []).map((e) => (isObject(e) ? e.id : undefined));
  const same = (want: { id: string }[]) => want.every((w, i) => w.id === ids[i]) && ids.length === want.length;
  out.eventsOrder = {
    reading: same([newest, middle, oldest])
      ? "newest-first"
      : same([oldest, middle, newest])
        ? "oldest-first"
        : same([middle, oldest, newest])
          ? "creation"
          : undefined,
    note: `${ids.length} of 3 listed`,
  };
  out.eventsTotalCount = {
    reading: isObject(listed.json) && typeof listed.json.total_count === "number" ? "present" : "absent",
    note: "",
  };
  const first = (items(listed.json) ?? [])[0];
  out.listFees = { reading: isObject(first) && "fees" in first ? "present" : "absent", note: "" };

  const window = async (names: [string, string]) => {
    const q = `${names[0]}=${encodeURIComponent(hours(2.5, now))}&${names[1]}=${encodeURIComponent(hours(1.5, now))}`;
    const answer = await call(access, "GET", `/events?customer_id=${id}&offset=0&limit=10&${q}`);
    const got = (items(answer.json) ?? []).map((e) => (isObject(e) ? e.id : undefined));
    return got.length === 1 && got[0] === middle.id;
  };
  out.eventTimeFilters = (await window(["from", "to"]))
    ? { reading: "honoured", note: "from/to" }
    : (await window(["occurred_after", "occurred_before"]))
      ? { reading: "other-names", note: "occurred_after/occurred_before" }
      : { reading: "ignored", note: "neither from/to nor occurred_after/occurred_before filtered" };

  const one = await call(access, "GET", `/events/${middle.id}`);
  const fee = isObject(one.json) && Array.isArray(one.json.fees) ? one.json.fees[0] : undefined;
  out.feeFields = !isObject(fee)
    ? { reading: undefined, note: "no fee to read (pass --product with a price for the probe's event type)" }
    : typeof fee.asset === "string" && typeof fee.account_id === "string"
      ? { reading: "full", note: Object.keys(fee).join(", ") }
      : typeof fee.asset !== "string" && typeof fee.currency === "string"
        ? { reading: "asset-renamed", note: Object.keys(fee).join(", ") }
        : Object.keys(fee).every((k) => k === "amount" || k === "product_version")
          ? { reading: "amount-and-version", note: Object.keys(fee).join(", ") }
          : { reading: undefined, note: Object.keys(fee).join(", ") };

  // Assets: the one to quote and override with (the first with a USD rate, unless named).
  const assets = await call(access, "GET", "/assets?offset=0&limit=100");
  const asset = (items(assets.json) ?? []).find(
    (a) =>
      isObject(a) &&
      (options.asset
        ? String(a.code).toUpperCase() === options.asset.toUpperCase()
        : Array.isArray(a.rates) && a.rates.some((r) => isObject(r) && r.source === "USD")),
  );
  const code = isObject(asset) ? String(asset.code) : undefined;
  if (!code) {
    out.quoteAnswer = { reading: undefined, note: "no custom asset with a USD rate to quote" };
    out.overrideDirection = { reading: undefined, note: "no custom asset to top up" };
  } else {
    const quote = await call(access, "POST", `/assets/${encodeURIComponent(code)}/quote`, {
      source: "USD",
      amount: 10,
    });
    out.quoteAnswer =
      quote.status === 404 || quote.status === 405
        ? { reading: "absent", note: `${quote.status}` }
        : isObject(quote.json) && typeof quote.json.units === "number"
          ? { reading: "units", note: Object.keys(quote.json).join(", ") }
          : {
              reading: "other-names",
              note: isObject(quote.json) ? Object.keys(quote.json).join(", ") : `${quote.status}`,
            };
    // Override direction: an unpaid top-up of 8 USD with exchange_rate 4: 32 units or 2 on their way in.
    const account = `default:${code}`;
    const pending = async () => {
      const read = await call(access, "GET", `/customers/${id}/wallet/${account}`);
      return isObject(read.json) && typeof read.json.pending_in === "number" ? read.json.pending_in : 0;
    };
    const before = await pending();
    await call(access, "POST", "/top-ups", {
      customer_id: id,
      amount: 8,
      currency: "USD",
      destination: { account_name: "default", asset: code, exchange_rate: 4 },
      return_url: "https://example.com/probe",
      failure_url: "https://example.com/probe",
      metadata: { credyt_ui_probe: "override" },
    });
    const delta = (await pending()) - before;
    out.overrideDirection =
      delta === 32
        ? { reading: "units-per-currency", note: "8 USD × 4 = 32 pending" }
        : delta === 2
          ? { reading: "currency-per-unit", note: "8 USD ÷ 4 = 2 pending" }
          : { reading: undefined, note: `pending_in moved by ${delta}` };
  }

  // Top-up list and get: two unpaid top-ups of this customer, one of another.
  const topUp = async (customerId: string, n: string) => {
    const created = await call(access, "POST", "/top-ups", {
      customer_id: customerId,
      amount: 1,
      currency: "USD",
      return_url: "https://example.com/probe",
      failure_url: "https://example.com/probe",
      metadata: { credyt_ui_probe: n },
    });
    return isObject(created.json) ? String(created.json.id) : "";
  };
  await topUp(other, "other");
  const older = await topUp(id, "1");
  const newer = await topUp(id, "2");
  const list = await call(access, "GET", `/top-ups?customer_id=${id}&offset=0&limit=100`);
  const listed2 = items(list.json);
  if (list.status === 404 || list.status === 405) {
    out.topUpList = { reading: String(list.status), note: `GET /top-ups answered ${list.status}` };
  } else if (!listed2) {
    out.topUpList = { reading: undefined, note: `answered ${list.status} without items` };
  } else {
    const mine = listed2.filter((t) => isObject(t) && (t.id === older || t.id === newer));
    const foreign = listed2.some((t) => isObject(t) && t.customer_id !== id);
    const order = mine.map((t) => (isObject(t) ? t.id : ""));
    out.topUpList = foreign
      ? { reading: "ignores-customer", note: "other customers' top-ups listed" }
      : mine.some((t) => isObject(t) && !isObject(t.metadata))
        ? { reading: "no-metadata", note: "items carry no metadata" }
        : order[0] === newer && order[1] === older
          ? { reading: "newest-first", note: "newest first" }
          : order[0] === older && order[1] === newer
            ? { reading: "served", note: "oldest first, filtered, with metadata" }
            : { reading: undefined, note: `${mine.length} of 2 listed` };
  }
  return out;
}
