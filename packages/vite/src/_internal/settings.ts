import type { EmulatorOptions } from "@credyt/emulator";
import type { CredytProxyOptions } from "@credyt/proxy";
import type { NodeContext } from "@credyt/proxy/node";

type MaybePromise<T> = T | Promise<T>;

/** Options of the `credyt()` Vite plugin. Everything not listed here goes to `createCredytProxy` as is. */
export interface CredytPluginOptions
  extends Omit<CredytProxyOptions<NodeContext>, "apiKey" | "getCustomerId" | "publicOrigin"> {
  /**
   * Your secret Credyt key. Without one the plugin runs the Credyt emulator in-process instead of calling Credyt.
   * @default process.env.CREDYT_API_KEY (or `CREDYT_API_KEY` in a `.env` file)
   */
  apiKey?: string;
  /**
   * Credyt's API URL, used with an `apiKey`.
   * @default process.env.CREDYT_API_URL, else "https://api.credyt.ai"
   */
  apiUrl?: string;
  /**
   * The signed-in customer during development: a Credyt `external_id` (or a `cust_…` id). With the emulator
   * it defaults to the seeded `demo` customer (14.566678 USD, 993450234 TOK). Ignored when `getCustomerId` is given.
   * @default "demo" with the emulator; required (or `getCustomerId`) with a real key
   */
  customer?: string;
  /**
   * Reads the customer's Credyt id (`cust_…`) from your app's own session, as in `@credyt/proxy/node`;
   * `null` when nobody is signed in.
   */
  getCustomerId?(ctx: NodeContext): MaybePromise<string | null | undefined>;
  /**
   * The page's origin for the proxy's `Origin` check and relative return URLs.
   * @default the URL Vite serves on (its "Local" URL)
   */
  publicOrigin?: string;
  /** Where the in-process emulator's hosted checkout and portal pages are served, on Vite's own origin. @default "/__credyt" */
  pagesPath?: string;
  /**
   * With a real key (`CREDYT_API_KEY`), serve requests that come from other machines too (`vite --host`).
   * Off by default: anyone on your network would act as your development customer against the real API.
   * @default false
   */
  allowNetwork?: boolean;
  /**
   * Serve the in-process emulator's whole API (and, with `emulator.admin`, its `/__emulator` admin routes)
   * under `pagesPath`, for tools that call it directly. Off by default: only its hosted pages are served,
   * and the proxy reaches the API in-process. @default false
   */
  exposeEmulatorApi?: boolean;
  /**
   * Options of the in-process emulator (seed, clock, `readings`…); `publicUrl` is set by the plugin.
   * `admin` (default `true` here) serves the development page at `{pagesPath}/`: bill usage for the signed-in
   * customer, move the clock, inject a fault, reset. The emulator's admin routes it calls stay in-process
   * (over HTTP only with `exposeEmulatorApi`); `admin: false` turns the page off.
   */
  emulator?: Omit<EmulatorOptions, "publicUrl">;
}

/** The plugin's settings after reading options and environment. */
export interface Settings {
  mode: "emulator" | "api";
  apiKey: string | undefined;
  apiUrl: string | undefined;
  basePath: string;
  pagesPath: string;
  customer: string | undefined;
  warnings: string[];
}

/** A configuration mistake, reported at start-up with its fix. */
export class CredytPluginError extends Error {
  override name = "CredytPluginError";
}

function cleanPath(value: unknown, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !/^\/[A-Za-z0-9._~\-/]*$/.test(value) || value.includes("//")) {
    throw new CredytPluginError(
      `@credyt/vite: \`${name}\` must be a path such as "${fallback}", got ${JSON.stringify(value)}.`,
    );
  }
  return value.replace(/\/+$/, "") || fallback;
}

/** Combines the plugin's options with `CREDYT_API_KEY` / `CREDYT_API_URL`; throws a fix-it error for a bad set. */
export function resolveSettings(options: CredytPluginOptions, env: Record<string, string | undefined>): Settings {
  const apiKey = options.apiKey ?? (env.CREDYT_API_KEY || undefined);
  const apiUrl = options.apiUrl ?? (env.CREDYT_API_URL || undefined);
  const basePath = cleanPath(options.basePath, "basePath", "/api/credyt");
  const pagesPath = cleanPath(options.pagesPath, "pagesPath", "/__credyt");
  if (basePath === pagesPath || basePath.startsWith(`${pagesPath}/`) || pagesPath.startsWith(`${basePath}/`)) {
    throw new CredytPluginError(
      `@credyt/vite: \`basePath\` (${basePath}) and \`pagesPath\` (${pagesPath}) must not overlap; pick two separate paths.`,
    );
  }
  if (options.customer !== undefined && (typeof options.customer !== "string" || options.customer.trim() === "")) {
    throw new CredytPluginError(
      `@credyt/vite: \`customer\` must be a customer's external_id (or cust_… id), such as "demo"; got ${JSON.stringify(options.customer)}.`,
    );
  }
  for (const name of ["allowNetwork", "exposeEmulatorApi"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "boolean")
      throw new CredytPluginError(
        `@credyt/vite: \`${name}\` must be true or false, got ${JSON.stringify(options[name])}.`,
      );
  }
  if (options.getCustomerId !== undefined && typeof options.getCustomerId !== "function") {
    throw new CredytPluginError(
      "@credyt/vite: `getCustomerId` must be a function, e.g. ({ req }) => req.session.customerId.",
    );
  }
  const warnings: string[] = [];
  if (!apiKey) {
    if (apiUrl) {
      warnings.push(
        `CREDYT_API_URL is set (${apiUrl}) but CREDYT_API_KEY is not, so the in-process emulator is used and the URL is ignored. ` +
          "To use that server, set CREDYT_API_KEY too (the emulator's is key_test_emulator).",
      );
    }
    return {
      mode: "emulator",
      apiKey: undefined,
      apiUrl: undefined,
      basePath,
      pagesPath,
      customer: options.getCustomerId ? undefined : (options.customer ?? "demo"),
      warnings,
    };
  }
  if (!options.getCustomerId && options.customer === undefined) {
    throw new CredytPluginError(
      "@credyt/vite: CREDYT_API_KEY is set, so the plugin calls the real Credyt API and must know who is signed in. " +
        'Pass a development customer, `credyt({ customer: "<external_id>" })`, or read your app\'s session with ' +
        "`credyt({ getCustomerId: ({ req }) => … })`. To use the in-process emulator instead, unset CREDYT_API_KEY.",
    );
  }
  return {
    mode: "api",
    apiKey,
    apiUrl,
    basePath,
    pagesPath,
    customer: options.getCustomerId ? undefined : options.customer,
    warnings,
  };
}
