import type { IncomingMessage, ServerResponse } from "node:http";
import { createEmulator, type Emulator } from "@credyt/emulator";
import { createCredytProxy, type NodeHandler } from "@credyt/proxy/node";
import { getRequestListener } from "@hono/node-server";
import { loadEnv, type Plugin, type PreviewServer, type ResolvedConfig, type ViteDevServer } from "vite";
import { lookUpCustomer } from "./customer";
import { createDevPage } from "./dev-page";
import { checkRequestPath, resolvedPath } from "./request-path";
import { isLoopbackAddress, loopbackAliases, requestOrigin, serverOrigin } from "./server-origin";
import { CredytPluginError, type CredytPluginOptions, resolveSettings, type Settings } from "./settings";

type Server = ViteDevServer | PreviewServer;
type Next = (error?: unknown) => void;

interface Runtime {
  origin: string;
  proxy: NodeHandler;
  pages: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  devPage: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  emulator: Emulator | undefined;
  line: string;
}

const DEFAULT_API_URL = "https://api.credyt.ai";
/** The emulator's hosted pages (sign-in link, checkout, portal), the only part of it served over HTTP. */
const PAGE_PATHS = /^\/(api\/sign-in|checkout|portal)(\/|$)/;

function originOf(url: string): string {
  return new URL(url).origin;
}

/** Origins of Vite's printed URLs; one that is not a plain origin (an IPv6 zone id, say) is left out. */
function servedOrigins(urls: string[]): string[] {
  return urls.flatMap((url) => {
    try {
      const origin = originOf(url);
      return origin !== "null" && !origin.includes("%") ? [origin] : [];
    } catch {
      return [];
    }
  });
}

/**
 * A Vite plugin that mounts the Credyt proxy at `/api/credyt` on Vite's own dev and preview servers, so
 * `@credyt/react` works with no server of your own. Without `CREDYT_API_KEY` it runs the Credyt emulator
 * in-process and serves its hosted checkout and portal pages under `/__credyt/` on the same origin; with a
 * key it calls the real API. It adds nothing to `vite build` output.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { credyt } from "@credyt/vite";
 * import react from "@vitejs/plugin-react";
 * import { defineConfig } from "vite";
 *
 * export default defineConfig({ plugins: [react(), credyt()] });
 * ```
 */
export function credyt(options: CredytPluginOptions = {}): Plugin {
  let settings: Settings;
  let config: ResolvedConfig;

  function mount(server: Server, https: boolean): void {
    const logged = new Set<string>();
    const logOnce = (message: string) => {
      if (logged.has(message)) return;
      logged.add(message);
      config.logger.error(`[@credyt/vite] ${message}`, { timestamp: true });
    };
    let runtime: Runtime | undefined;

    const ensure = (fallbackOrigin: string): Runtime => {
      if (runtime) return runtime;
      const urls = server.resolvedUrls;
      const listening = serverOrigin(server.httpServer?.address() ?? null, https);
      const local = urls?.local[0] ? originOf(urls.local[0]) : undefined;
      const origin = options.publicOrigin ? originOf(options.publicOrigin) : (local ?? listening ?? fallbackOrigin);
      runtime = createRuntime(origin, servedOrigins([...(urls?.local ?? []), ...(urls?.network ?? [])]), logOnce);
      return runtime;
    };

    server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: Next) => {
      const url = req.url ?? "/";
      const within = (path: string, base: string) => path === base || path.startsWith(`${base}/`);
      const ours = (path: string) => within(path, settings.basePath) || within(path, settings.pagesPath);
      // Checked before routing, on the path as sent and as a parser would resolve it: no `..` escapes.
      if (!ours(url.replace(/[?#].*$/, "")) && !ours(resolvedPath(url))) return next();
      const checked = checkRequestPath(url);
      if (!checked.ok) return refuse(res, 400, "invalid_request", `This path is refused: ${checked.reason}.`);
      const path = checked.path;
      const inProxy = within(path, settings.basePath);
      const inPages = within(path, settings.pagesPath);
      if (!inProxy && !inPages) return next();
      if (settings.mode === "api" && !options.allowNetwork && !isLoopbackAddress(req.socket?.remoteAddress)) {
        return refuse(
          res,
          403,
          "forbidden",
          "This development server calls the real Credyt API and serves only this machine. To serve your network, pass credyt({ allowNetwork: true }).",
        );
      }
      let current: Runtime;
      try {
        current = ensure(requestOrigin(req.headers.host, https));
      } catch (error) {
        return next(error);
      }
      if (inProxy) return current.proxy(req, res, next);
      if (!current.pages) return next();
      const sub = path.slice(settings.pagesPath.length);
      if ((sub === "" || sub === "/") && current.devPage) return void current.devPage(req, res).catch(next);
      // Only the pages: the emulator's API (known key, fake money) stays in-process, reached by the proxy alone.
      if (!options.exposeEmulatorApi && !PAGE_PATHS.test(path.slice(settings.pagesPath.length))) {
        res.statusCode = 404;
        res.setHeader("content-type", "text/plain; charset=utf-8");
        res.end("Not an emulator page. The Credyt emulator's API is reached through the proxy at /api/credyt.");
        return;
      }
      current.pages(req, res).catch(next);
    });

    const print = server.printUrls.bind(server);
    server.printUrls = () => {
      print();
      const listening = serverOrigin(server.httpServer?.address() ?? null, https);
      // In middleware mode there is no address yet: the first request's Host decides, and no line is printed.
      if (!listening) return;
      try {
        config.logger.info(ensure(listening).line);
      } catch (error) {
        config.logger.error(`[@credyt/vite] ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }

  function createRuntime(origin: string, served: string[], logOnce: (message: string) => void): Runtime {
    const allowedOrigins = [
      ...new Set(
        [...(options.allowedOrigins ?? []), ...served, ...loopbackAliases(origin)].filter((o) => o !== origin),
      ),
    ];
    const {
      apiKey: _k,
      apiUrl: _u,
      customer: _c,
      getCustomerId,
      pagesPath: _p,
      emulator: emulatorOptions,
      allowNetwork: _n,
      exposeEmulatorApi: _x,
      ...rest
    } = options;
    let emulator: Emulator | undefined;
    let upstream: { apiUrl: string; apiKey: string; fetch: typeof fetch };
    if (settings.mode === "emulator") {
      const publicUrl = `${origin}${settings.pagesPath}`;
      // Admin routes in-process only, for the development page (the middleware serves none of them).
      const created = createEmulator({ ...emulatorOptions, admin: emulatorOptions?.admin ?? true, publicUrl });
      emulator = created;
      // In-process: the proxy's calls never touch the network, and the pages are the same emulator.
      const inProcess = (input: RequestInfo | URL, init?: RequestInit) => created.fetch(new Request(input, init));
      upstream = { apiUrl: publicUrl, apiKey: created.apiKey, fetch: inProcess as typeof fetch };
    } else {
      upstream = {
        apiUrl: (settings.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ""),
        apiKey: settings.apiKey as string,
        fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      };
    }

    let customerId: Promise<string> | undefined;
    const fixedCustomer = settings.customer;
    const resolveCustomer = (): Promise<string> => {
      customerId ??= lookUpCustomer(fixedCustomer as string, upstream).catch((error: unknown) => {
        customerId = undefined; // looked up again on the next request, e.g. once the customer exists
        logOnce(error instanceof Error ? error.message : String(error));
        throw error;
      });
      return customerId;
    };

    const proxy = createCredytProxy({
      ...rest,
      apiKey: upstream.apiKey,
      apiUrl: upstream.apiUrl,
      fetch: upstream.fetch,
      basePath: settings.basePath,
      publicOrigin: origin,
      allowedOrigins,
      // Vite's dev and preview servers are development by definition, whatever the origin looks like.
      dev: rest.dev ?? true,
      getCustomerId: getCustomerId ?? (() => resolveCustomer()),
    });
    if (fixedCustomer) resolveCustomer().catch(() => {}); // reported by logOnce; the line below still prints

    const pages = emulator
      ? getRequestListener((request) => (emulator as Emulator).fetch(request), { overrideGlobalObjects: false })
      : undefined;
    const who = getCustomerId ? "the customer from your getCustomerId(ctx)" : `customer "${fixedCustomer}"`;
    const where =
      settings.mode === "emulator"
        ? `emulator in-process, pages at ${origin}${settings.pagesPath}`
        : `Credyt API ${upstream.apiUrl}`;
    const reach =
      settings.mode === "emulator"
        ? options.exposeEmulatorApi
          ? " · emulator API served over HTTP (exposeEmulatorApi)"
          : ""
        : options.allowNetwork
          ? " · real key, serving your network too (allowNetwork)"
          : " · real key, serving this machine only (allowNetwork: true to serve your network)";
    const line = `  ➜  Credyt:  proxy ${origin}${settings.basePath} · ${where} · signed in as ${who}${reach}`;
    const devPage =
      emulator && (emulatorOptions?.admin ?? true)
        ? createDevPage({
            emulator,
            emulatorUrl: `${origin}${settings.pagesPath}`,
            basePath: settings.basePath,
            notify: (id) => proxy.notify(id),
            customerFor: async (req, res) =>
              getCustomerId ? getCustomerId({ request: pageRequest(origin, req), req, res }) : resolveCustomer(),
          })
        : undefined;
    return { origin, proxy, pages, devPage, emulator, line };
  }

  /** Builds the proxy (and emulator) once with a placeholder origin, so a bad option stops Vite at start-up. */
  function checkAtStartUp(): void {
    try {
      const {
        apiKey: _k,
        apiUrl: _u,
        customer: _c,
        getCustomerId: _g,
        pagesPath: _p,
        emulator: e,
        ...plugin
      } = options;
      const { allowNetwork: _n, exposeEmulatorApi: _x, ...rest } = plugin;
      if (settings.mode === "emulator") createEmulator({ ...e, publicUrl: `http://localhost${settings.pagesPath}` });
      createCredytProxy({
        ...rest,
        apiKey: settings.apiKey ?? "key_test_emulator",
        ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}),
        basePath: settings.basePath,
        publicOrigin: rest.publicOrigin ?? "http://localhost",
        getCustomerId: () => null,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CredytPluginError(`@credyt/vite: ${message}`, { cause: error });
    }
  }

  return {
    name: "@credyt/vite",
    // Dev and preview only: `vite build` output stays exactly as without the plugin. Vitest also runs Vite as
    // "serve" (mode "test"); a test run must not start an emulator, nor fail for want of a customer.
    apply: (_config, env) => env.command === "serve" && !(env.mode === "test" && process.env.VITEST),
    configResolved(resolved) {
      config = resolved;
      // loadEnv reads .env files and lets variables already in process.env win, as Vite does for VITE_*.
      const env = resolved.envDir === false ? pick(process.env) : loadEnv(resolved.mode, resolved.envDir, "CREDYT_");
      settings = resolveSettings(options, env);
      for (const warning of settings.warnings) resolved.logger.warn(`[@credyt/vite] ${warning}`);
      checkAtStartUp();
    },
    configureServer(server) {
      mount(server, Boolean(server.config.server.https));
    },
    configurePreviewServer(server) {
      mount(server, Boolean(server.config.preview.https));
    },
  };
}

/** A refusal in the protocol's error shape, before any routing. */
function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify({ error: { code, message } }));
}

function pick(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return { CREDYT_API_KEY: env.CREDYT_API_KEY, CREDYT_API_URL: env.CREDYT_API_URL };
}

/** The development page's request as the proxy's `getCustomerId` sees one (URL and headers, no body). */
function pageRequest(origin: string, req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return new Request(new URL(req.url ?? "/", origin), { method: req.method === "POST" ? "POST" : "GET", headers });
}
