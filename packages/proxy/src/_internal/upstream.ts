import { CredytError } from "@credyt/core";

export interface UpstreamAccess {
  apiKey: string;
  apiUrl: string;
  timeoutMs: number;
  fetch: typeof fetch | undefined;
}

export interface UpstreamRequest {
  method: "GET" | "POST";
  /** Path on the Credyt API, already encoded. */
  path: string;
  body?: unknown;
  requestId?: string | undefined;
}

export interface UpstreamResponse {
  status: number;
  /** The body text exactly as Credyt sent it: forwarded unchanged so amounts keep every digit. */
  text: string;
  json: unknown;
}

const MAX_GET_RETRIES = 2;

/** Why an upstream call failed, in words for logs and `onEvent` (never the key, never Credyt's body). */
export class UpstreamFailure extends Error {
  override readonly name = "UpstreamFailure";
}

function upstreamError(
  code: "upstream_error" | "upstream_timeout" | "unavailable",
  message: string,
  reason: string,
  retryAfter?: number,
) {
  return new CredytError(code, message, { cause: new UpstreamFailure(reason), retryAfter });
}

function mapStatus(status: number, retryAfterHeader: string | null): CredytError {
  const reason = `Credyt answered HTTP ${status}`;
  if (status === 429) {
    const seconds =
      retryAfterHeader !== null && /^\d{1,5}$/.test(retryAfterHeader.trim()) ? Number(retryAfterHeader) : 1;
    return upstreamError(
      "unavailable",
      "The billing service is busy. Try again shortly.",
      reason,
      Math.min(Math.max(seconds, 1), 3600),
    );
  }
  if (status >= 500)
    return upstreamError("upstream_error", "The billing service failed to answer. Try again shortly.", reason);
  if (status === 404) return new CredytError("not_found", "Not found.", { cause: new UpstreamFailure(reason) });
  if (status === 400 || status === 409 || status === 422) {
    return new CredytError("invalid_request", "The billing service refused this request.", {
      cause: new UpstreamFailure(reason),
    });
  }
  // 401/403 mean this server's key is wrong: the customer can do nothing about it.
  return upstreamError("upstream_error", "The billing service is not available right now.", reason);
}

function isRetryable(error: CredytError): boolean {
  return error.code === "upstream_error" && !/HTTP 4\d\d/.test(String((error.cause as Error | undefined)?.message));
}

async function attempt(access: UpstreamAccess, request: UpstreamRequest): Promise<UpstreamResponse> {
  const doFetch = access.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, access.timeoutMs);
  const headers: Record<string, string> = { "X-CREDYT-API-KEY": access.apiKey, Accept: "application/json" };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  if (request.requestId) headers["X-Request-Id"] = request.requestId;
  try {
    const response = await doFetch(`${access.apiUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: controller.signal,
      redirect: "manual",
    });
    const text = await response.text();
    if (response.status < 200 || response.status > 299)
      throw mapStatus(response.status, response.headers.get("Retry-After"));
    try {
      return { status: response.status, text, json: JSON.parse(text) };
    } catch {
      throw upstreamError(
        "upstream_error",
        "The billing service sent an invalid response.",
        "Credyt sent a body that is not JSON",
      );
    }
  } catch (error) {
    if (error instanceof CredytError) throw error;
    if (timedOut) {
      throw upstreamError(
        "upstream_timeout",
        "The billing service took too long to answer.",
        `no answer from Credyt within ${access.timeoutMs} ms`,
      );
    }
    throw upstreamError(
      "upstream_error",
      "Could not reach the billing service. Try again shortly.",
      "connection to Credyt failed",
    );
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls Credyt once; GETs are retried at most twice with jittered backoff on 5xx and connection
 * failures. POSTs are never retried: a lost answer may still have created a top-up.
 */
export async function callUpstream(access: UpstreamAccess, request: UpstreamRequest): Promise<UpstreamResponse> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(access, request);
    } catch (error) {
      const canRetry =
        request.method === "GET" && retry < MAX_GET_RETRIES && error instanceof CredytError && isRetryable(error);
      if (!canRetry) throw error;
      await sleep(100 * 2 ** retry * (0.5 + Math.random()));
    }
  }
}
