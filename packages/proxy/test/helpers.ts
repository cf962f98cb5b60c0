import { expect } from "vitest";
import { type CredytProxyEvent, type CredytProxyOptions, createCredytProxy, type FetchContext } from "../src/index";
import { CUSTOMER, FAKE_KEY, type FakeCall, fakeUpstream } from "./fake-upstream";

export const ORIGIN = "https://shop.example";
export const BASE = `${ORIGIN}/api/credyt`;

export function setup(
  extra: Partial<CredytProxyOptions<FetchContext>> = {},
  respond?: (call: FakeCall) => Response | undefined | Promise<Response | undefined>,
) {
  const upstream = fakeUpstream({ respond });
  const events: CredytProxyEvent[] = [];
  const proxy = createCredytProxy({
    apiKey: FAKE_KEY,
    apiUrl: "https://credyt.test",
    fetch: upstream.fetch,
    getCustomerId: () => CUSTOMER,
    onEvent: (event) => {
      events.push(event);
    },
    ...extra,
  });
  return { proxy, upstream, events };
}

let counter = 0;
export function topUpRequest(body: unknown, headers: Record<string, string> = {}, path = "/top-ups"): Request {
  counter += 1;
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": `test-key-${counter}-abcdef`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { headers });
}

/** Asserts the protocol error shape and returns the parsed error. */
export async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as {
    error: { code: string; message: string; details?: Record<string, string[]> };
  };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(Object.keys(body)).toEqual(["error"]);
  return body.error;
}
