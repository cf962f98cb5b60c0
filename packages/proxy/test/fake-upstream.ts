// A tiny stand-in for Credyt, for unit tests that must not depend on the emulator's details.
export const FAKE_KEY = "key_test_fake_0123456789";
export const CUSTOMER = "cust_4yd8340ff7fvwe1emfpe87d4w6";
export const WALLET_TEXT =
  '{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":14.566678,"pending_in":0,"pending_out":0},{"id":"default:TOK","name":"default","asset":"TOK","available":993450234,"pending_in":0,"pending_out":0}]}';

export interface FakeCall {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

export function fakeUpstream(
  overrides: { respond?: (call: FakeCall) => Response | undefined | Promise<Response | undefined> } = {},
) {
  const calls: FakeCall[] = [];
  let topUps = 0;
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal;
    const aborted = new Promise<never>((_resolve, reject) => {
      signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
    aborted.catch(() => undefined);
    return Promise.race([handle(input, init), aborted]);
  };
  const handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, { ...init, signal: null });
    const url = new URL(request.url);
    const text = request.method === "POST" ? await request.text() : "";
    const call: FakeCall = {
      method: request.method,
      path: url.pathname,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    const custom = await overrides.respond?.(call);
    if (custom) return custom;
    if (request.headers.get("x-credyt-api-key") !== FAKE_KEY) return new Response(null, { status: 401 });
    const json = (status: number, body: string) =>
      new Response(body, { status, headers: { "Content-Type": "application/json" } });
    if (call.method === "GET" && call.path === `/customers/${CUSTOMER}/wallet`) return json(200, WALLET_TEXT);
    if (call.method === "GET" && call.path === `/customers/${CUSTOMER}/wallet/default:USD`) {
      return json(
        200,
        '{"id":"default:USD","name":"default","asset":"USD","available":14.566678,"pending_in":0,"pending_out":0}',
      );
    }
    if (call.method === "GET" && call.path.startsWith("/customers/"))
      return json(404, '{"title":"Not Found","status":404}');
    if (call.method === "POST" && call.path === "/top-ups") {
      topUps += 1;
      return json(
        201,
        `{"id":"top_4${String(topUps).padStart(25, "0")}","status":"initiated","redirect_url":"https://billing.credyt.ai/api/sign-in?token=t${topUps}","created_at":"2026-11-25T10:00:00.000000Z","expires_at":"2026-11-25T10:10:00Z"}`,
      );
    }
    if (call.method === "POST" && call.path === "/billing-portal/sessions") {
      return json(
        201,
        '{"redirect_url":"https://billing.credyt.ai/api/sign-in?token=p","expires_at":"2026-11-25T10:10:00Z"}',
      );
    }
    return json(404, '{"title":"Not Found","status":404}');
  };
  return { fetch: fetch as typeof globalThis.fetch, calls, topUpCount: () => topUps };
}
