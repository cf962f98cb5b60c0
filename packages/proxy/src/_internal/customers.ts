import { CredytError } from "@credyt/core";
import { LRUCache } from "lru-cache";
import { hasControlCharacters } from "./config-checks";
import { sha256 } from "./idempotency";
import { isObject } from "./is-object";
import { CUSTOMER_ID_PATTERN } from "./patterns";
import { sleep } from "./sleep";
import type { IdempotencyStore } from "./stores";
import type { CustomerProduct, Identity } from "./types";
import { callUpstream, failureOf, type UpstreamAccess, UpstreamFailure } from "./upstream";

/** How long a mapping stays in the shared store (it never changes; this only bounds the store's size). */
const MAPPING_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const FINGERPRINT = "customer";
const MAX_EXTERNAL_ID = 256;

export interface CustomerDirectoryOptions {
  /** Where the mapping is kept and where first-sight creation is single-flighted between instances. */
  store: IdempotencyStore;
  /** Products each new customer is subscribed to. */
  products: CustomerProduct[];
  /** A store failure: reported, then the directory goes on without the store. */
  onStoreError(operation: string, error: unknown): void;
}

/** Finds Credyt customers by the app's own user ids, creating each once on first sight. */
export interface CustomerDirectory {
  /** `hostSignal`: the incoming request's, the host's evidence when it cancels a call (`UpstreamFailure.cancelled`). */
  getOrCreate(identity: Identity, requestId?: string, hostSignal?: AbortSignal): Promise<string>;
  find(externalId: string, requestId?: string, hostSignal?: AbortSignal): Promise<string | null>;
}

function unrecognised(reason: string): CredytError {
  return new CredytError("upstream_error", "The billing service sent an invalid response.", {
    cause: new UpstreamFailure(`Credyt's customer look-up: ${reason}`),
  });
}

function customerIdOf(value: unknown, where: string): string {
  if (typeof value !== "string" || !CUSTOMER_ID_PATTERN.test(value)) throw unrecognised(`${where} has no valid id`);
  return value;
}

/** Checks what `identify` answered; a wrong answer is the app's bug, so it is a 500 with the fix. */
export function checkIdentity(value: unknown): Identity {
  const fix = (reason: string) =>
    new CredytError("internal", "Could not identify the customer.", {
      cause: new Error(`identify(ctx) ${reason}: return { externalId: user.id, name?, email? } or null`),
    });
  if (!isObject(value)) throw fix("must answer an object");
  const { externalId, name, email } = value;
  if (typeof externalId !== "string" || externalId === "" || externalId.length > MAX_EXTERNAL_ID)
    throw fix(`answered an externalId that is not a string of 1-${MAX_EXTERNAL_ID} characters`);
  if (hasControlCharacters(externalId)) throw fix("answered an externalId with control characters");
  if (name !== undefined && (typeof name !== "string" || name.trim() === "")) throw fix("answered an empty name");
  if (email !== undefined && typeof email !== "string") throw fix("answered an email that is not a string");
  const identity: Identity = { externalId };
  if (name !== undefined) identity.name = name as string;
  if (email !== undefined) identity.email = email as string;
  return identity;
}

/**
 * Reads the answer of `GET /customers?external_id=` in either shape Credyt may use: a page
 * `{ items: [...] }` or one customer object. Anything else is an error, never "no such customer".
 */
function readLookup(json: unknown, externalId: string): string | null {
  if (!isObject(json)) throw unrecognised("the answer is not an object");
  if (Array.isArray(json.items)) {
    const items = json.items as unknown[];
    if (items.length === 0) return null;
    const matches = items.filter((item) => isObject(item) && item.external_id === externalId);
    // A non-empty page without our id: the filter was ignored, so absence cannot be concluded.
    if (matches.length === 0) throw unrecognised("a page of customers none of which has the external_id asked for");
    if (matches.length > 1) throw unrecognised("more than one customer has the external_id asked for");
    return customerIdOf((matches[0] as Record<string, unknown>).id, "the matching customer");
  }
  if ("id" in json) {
    if (json.external_id !== externalId) throw unrecognised("a customer whose external_id is not the one asked for");
    return customerIdOf(json.id, "the customer");
  }
  throw unrecognised("neither a page ({ items }) nor a customer");
}

/**
 * Maps external ids to customer ids: a local LRU, then the shared store (whose claim single-flights
 * creation between instances), then Credyt (look up, create on a miss, look up again on a conflict).
 */
export function customerDirectory(access: UpstreamAccess, options: CustomerDirectoryOptions): CustomerDirectory {
  const cache = new LRUCache<string, string>({ max: 10_000 });
  const inFlight = new Map<string, Promise<string>>();
  const lockTtlMs = access.timeoutMs * 3 + 1_000;

  async function find(externalId: string, requestId?: string, hostSignal?: AbortSignal): Promise<string | null> {
    try {
      const response = await callUpstream(access, {
        method: "GET",
        path: `/customers?external_id=${encodeURIComponent(externalId)}`,
        requestId,
        hostSignal,
      });
      return readLookup(response.json, externalId);
    } catch (error) {
      if (failureOf(error)?.status === 404) return null;
      throw error;
    }
  }

  async function create(identity: Identity, requestId?: string, hostSignal?: AbortSignal): Promise<string> {
    const body: Record<string, unknown> = {
      name: identity.name ?? identity.email ?? identity.externalId,
      external_id: identity.externalId,
    };
    if (identity.email !== undefined) body.email = identity.email;
    if (options.products.length > 0) body.subscriptions = [{ products: options.products }];
    const response = await callUpstream(access, { method: "POST", path: "/customers", body, requestId, hostSignal });
    return customerIdOf(isObject(response.json) ? response.json.id : undefined, "the created customer");
  }

  async function findOrCreate(identity: Identity, requestId?: string, hostSignal?: AbortSignal): Promise<string> {
    const found = await find(identity.externalId, requestId, hostSignal);
    if (found !== null) return found;
    try {
      return await create(identity, requestId, hostSignal);
    } catch (error) {
      // Another instance (without a shared store) created it first: Credyt refuses the duplicate.
      const status = failureOf(error)?.status;
      if (status !== 409 && status !== 422) throw error;
      const again = await find(identity.externalId, requestId, hostSignal);
      if (again === null) throw error;
      return again;
    }
  }

  async function shared(identity: Identity, requestId?: string, hostSignal?: AbortSignal): Promise<string> {
    const store = options.store;
    const key = `credyt:customer:${await sha256(identity.externalId)}`;
    const deadline = Date.now() + lockTtlMs + 1_000;
    for (let wait = 10; ; wait = Math.min(wait * 2, 100)) {
      let claim: Awaited<ReturnType<IdempotencyStore["claim"]>>;
      try {
        claim = await store.claim(key, FINGERPRINT, lockTtlMs);
      } catch (error) {
        options.onStoreError("customers.claim", error);
        return findOrCreate(identity, requestId, hostSignal);
      }
      if (claim.status === "done") {
        const id = claim.record.response.body;
        if (CUSTOMER_ID_PATTERN.test(id)) return id;
        options.onStoreError("customers.read", new Error("the stored customer mapping is not a customer id"));
        return findOrCreate(identity, requestId, hostSignal);
      }
      if (claim.status === "pending") {
        // The holder may have died; past its lock, find it (or create it) ourselves.
        if (Date.now() > deadline) return findOrCreate(identity, requestId, hostSignal);
        await sleep(wait);
        continue;
      }
      let id: string;
      try {
        id = await findOrCreate(identity, requestId, hostSignal);
      } catch (error) {
        await store.release(key).catch((failure: unknown) => options.onStoreError("customers.release", failure));
        throw error;
      }
      const record = { fingerprint: FINGERPRINT, response: { status: 200, headers: {}, body: id } };
      await store
        .complete(key, record, MAPPING_TTL_MS)
        .catch((failure: unknown) => options.onStoreError("customers.complete", failure));
      return id;
    }
  }

  return {
    find: async (externalId, requestId, hostSignal) =>
      cache.get(externalId) ?? (await find(externalId, requestId, hostSignal)),
    getOrCreate: (identity, requestId, hostSignal) => getOrCreate(identity, requestId, hostSignal, true),
  };

  function resolve(identity: Identity, requestId?: string, hostSignal?: AbortSignal): Promise<string> {
    return shared(identity, requestId, hostSignal).then((id) => {
      cache.set(identity.externalId, id);
      return id;
    });
  }

  // A request that joined a look-up whose calls the host cancelled (see `UpstreamFailure.cancelled`) is
  // alive: it looks up again (sharing with the other joiners), then alone; the starter keeps the cancellation.
  function getOrCreate(
    identity: Identity,
    requestId: string | undefined,
    hostSignal: AbortSignal | undefined,
    rejoin: boolean,
  ): Promise<string> {
    const known = cache.get(identity.externalId);
    if (known !== undefined) return Promise.resolve(known);
    const running = inFlight.get(identity.externalId);
    if (running) {
      return running.catch((error: unknown) => {
        if (failureOf(error)?.cancelled !== true) throw error;
        return rejoin ? getOrCreate(identity, requestId, hostSignal, false) : resolve(identity, requestId, hostSignal);
      });
    }
    const call = resolve(identity, requestId, hostSignal);
    inFlight.set(identity.externalId, call);
    // Registered before any joiner's handler, so a failed (or cancelled) entry is gone when joiners react.
    call
      .finally(() => {
        if (inFlight.get(identity.externalId) === call) inFlight.delete(identity.externalId);
      })
      .catch(() => {}); // the caller handles the failure; this branch only clears the entry
    return call;
  }
}
