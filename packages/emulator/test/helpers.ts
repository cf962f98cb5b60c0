import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from "../src/node";

/** A started emulator plus a tiny JSON client for it. */
export interface TestServer extends RunningEmulator {
  /** Call the API with the emulator's key; `body` is sent as JSON. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Call an admin route. */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
}

/** Start an emulator on a free loopback port with admin routes on. */
export async function start(options: StartEmulatorOptions = {}): Promise<TestServer> {
  const running = await startEmulator({ admin: true, ...options });
  const call = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${running.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
      redirect: "manual",
    });
  return {
    ...running,
    api: (method, path, body, headers = {}) =>
      call(method, path, body, { "X-CREDYT-API-KEY": running.apiKey, ...headers }),
    admin: (method, path, body) => call(method, path, body, {}),
  };
}

export const RETURN_URL = "https://app.example/account?credyt_return=top-up&x=1";
export const FAILURE_URL = "https://app.example/billing/failed?credyt_return=failed";
