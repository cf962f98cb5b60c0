import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "@credyt/emulator";

/** What the development page needs from the plugin's runtime. */
export interface DevPageOptions {
  /** The in-process emulator, created with `admin: true`; its admin routes are only ever called from here. */
  emulator: Emulator;
  /** The emulator's public URL (`{origin}{pagesPath}`): in-process requests are addressed under it. */
  emulatorUrl: string;
  /** Where the proxy is mounted, shown on the page. */
  basePath: string;
  /** Tells the proxy's live streams that a customer's wallet changed (`proxy.notify`), so `live` balances move at once. */
  notify(customerId: string): Promise<void>;
  /** The signed-in customer's Credyt id for this request (the proxy's own answer), or null. */
  customerFor(req: IncomingMessage, res: ServerResponse): Promise<string | null | undefined>;
}

interface Price {
  event_type: string;
  asset: string;
  unit_price: string;
  volume_field?: string;
}

interface StateView {
  products: { id: string; code: string; name: string; prices: Price[] }[];
  customers: { id: string; external_id?: string; name: string; subscriptions: { products: { id: string }[] }[] }[];
}

/** How far "Move the clock" jumps, by the name of its button. */
const CLOCK_STEPS: Record<string, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** The faults the page offers, as `POST /__emulator/faults` rules against the emulator's API. */
const FAULTS: Record<string, { label: string; rule: Record<string, unknown> }> = {
  "wallet-503": {
    label: "Balance reads fail (503) until cleared",
    rule: { method: "GET", path: "/customers/:customerId/wallet", status: 503 },
  },
  "events-500": {
    label: "The next usage history read fails (500)",
    rule: { method: "GET", path: "/events", status: 500, count: 1 },
  },
  "top-up-slow": {
    label: "The next top-up answers after 5 s",
    rule: { method: "POST", path: "/top-ups", latency_ms: 5000, count: 1 },
  },
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

/** The form came from a page of this same server (its `Origin` names the `Host` it was sent to). */
function sameOrigin(req: IncomingMessage): boolean {
  try {
    return new URL(req.headers.origin ?? "").host === req.headers.host;
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader("content-type", `${type}; charset=utf-8`);
  res.setHeader("cache-control", "no-store");
  res.end(body);
}

/**
 * The development page of `@credyt/vite` with the emulator, at `{pagesPath}/`: bill usage for the signed-in
 * customer, move the emulator's clock, inject a fault, reset. Everything happens in-process through the
 * emulator's own routes (`POST /events`, `/__emulator/*`), which are never served over HTTP; the page
 * answers same-origin form posts only.
 */
export function createDevPage(options: DevPageOptions) {
  const { emulator, emulatorUrl } = options;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await emulator.fetch(
      new Request(`${emulatorUrl}${path}`, {
        method,
        headers: { "x-credyt-api-key": emulator.apiKey, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return { ok: response.ok, status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };

  const pricesOf = async (customerId: string): Promise<Price[]> => {
    const state = (await call("GET", "/__emulator/state")).json as StateView;
    const customer = state.customers.find((c) => c.id === customerId);
    const ids = new Set(customer?.subscriptions.flatMap((s) => s.products.map((p) => p.id)) ?? []);
    return state.products.filter((p) => ids.has(p.id)).flatMap((p) => p.prices);
  };

  async function act(form: URLSearchParams, customerId: string | null | undefined): Promise<string> {
    const action = form.get("action");
    if (action === "bill") {
      if (!customerId) return "Nobody is signed in: sign in to bill usage.";
      const type = form.get("event_type") ?? "";
      const price = (await pricesOf(customerId)).find((p) => p.event_type === type);
      if (!price) return `"${type}" is not priced for this customer.`;
      const data: Record<string, number> = {};
      if (price.volume_field) {
        const volume = Number(form.get("volume"));
        if (!Number.isFinite(volume) || volume <= 0) return `Give a positive ${price.volume_field}.`;
        data[price.volume_field] = volume;
      }
      const billed = await call("POST", "/events", {
        customer_id: customerId,
        events: [
          { id: randomUUID(), event_type: type, occurred_at: emulator.now().toISOString(), subject: "dev-page", data },
        ],
      });
      return billed.ok ? `Billed one ${type} event.` : `The emulator refused the event (${billed.status}).`;
    }
    if (action === "clock") {
      const step = CLOCK_STEPS[form.get("step") ?? ""];
      if (!step) return "Unknown clock step.";
      const moved = await call("POST", "/__emulator/clock", { advance_ms: step });
      return `The emulator's clock now reads ${(moved.json as { now: string }).now}.`;
    }
    if (action === "fault") {
      const fault = FAULTS[form.get("fault") ?? ""];
      if (!fault) return "Unknown fault.";
      await call("POST", "/__emulator/faults", fault.rule);
      return `Fault injected: ${fault.label}.`;
    }
    if (action === "clear-faults") {
      await call("DELETE", "/__emulator/faults");
      return "Faults cleared.";
    }
    if (action === "reset") {
      emulator.reset();
      return "The emulator is back to its seed: data, clock and faults.";
    }
    return "Unknown action.";
  }

  async function render(customerId: string | null | undefined, message: string | null): Promise<string> {
    const rows: string[] = [];
    let forms = "";
    if (customerId) {
      const wallet = (await call("GET", `/customers/${customerId}/wallet`)).json as
        | { accounts?: { asset: string; available: number }[] }
        | undefined;
      for (const account of wallet?.accounts ?? []) {
        rows.push(`<li><strong>${escapeHtml(String(account.available))}</strong> ${escapeHtml(account.asset)}</li>`);
      }
      const prices = await pricesOf(customerId);
      forms = prices
        .map((price) => {
          const what = price.volume_field
            ? `${escapeHtml(price.unit_price)} ${escapeHtml(price.asset)} per ${escapeHtml(price.volume_field)}`
            : `${escapeHtml(price.unit_price)} ${escapeHtml(price.asset)} each`;
          const volume = price.volume_field
            ? `<label>${escapeHtml(price.volume_field)} <input name="volume" inputmode="decimal" value="10" size="6"></label> `
            : "";
          return `<form method="post"><input type="hidden" name="action" value="bill"><input type="hidden" name="event_type" value="${escapeHtml(price.event_type)}">${volume}<button>Bill ${escapeHtml(price.event_type)}</button> <small>${what}</small></form>`;
        })
        .join("\n");
    }
    const faults = Object.entries(FAULTS)
      .map(([key, f]) => `<option value="${key}">${escapeHtml(f.label)}</option>`)
      .join("");
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Credyt emulator · development</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  section { border: 1px solid #8884; border-radius: 8px; padding: 0.5rem 1rem 1rem; margin: 1rem 0; }
  form { margin: 0.5rem 0; } button { font: inherit; padding: 0.25rem 0.75rem; }
  [role="status"] { background: #4f46e522; border-radius: 8px; padding: 0.5rem 1rem; }
</style></head>
<body>
<h1>Credyt emulator</h1>
<p>In-process, for development only: the app's proxy is at <code>${escapeHtml(options.basePath)}</code>. Nothing here is served in <code>vite build</code> output.</p>
${message ? `<p role="status">${escapeHtml(message)}</p>` : ""}
<section aria-labelledby="who"><h2 id="who">Signed-in customer</h2>
${customerId ? `<p><code>${escapeHtml(customerId)}</code></p><ul>${rows.join("")}</ul>` : "<p>Nobody is signed in.</p>"}</section>
<section aria-labelledby="bill"><h2 id="bill">Bill usage</h2>
${forms || "<p>No priced usage for this customer.</p>"}
<p><small>A balance with <code>live</code> moves within seconds; the usage history and spend chart on the next read.</small></p></section>
<section aria-labelledby="clock"><h2 id="clock">Move the clock</h2>
<p>Now: <time>${escapeHtml(emulator.now().toISOString())}</time></p>
<form method="post"><input type="hidden" name="action" value="clock">
<button name="step" value="hour">+1 hour</button> <button name="step" value="day">+1 day</button> <button name="step" value="week">+1 week</button></form>
</section>
<section aria-labelledby="faults"><h2 id="faults">Inject a fault</h2>
<form method="post"><input type="hidden" name="action" value="fault"><label>Fault <select name="fault">${faults}</select></label> <button>Inject</button></form>
<form method="post"><input type="hidden" name="action" value="clear-faults"><button>Clear faults</button></form></section>
<section aria-labelledby="reset"><h2 id="reset">Reset</h2>
<form method="post"><input type="hidden" name="action" value="reset"><button>Reset to the seed</button></form></section>
</body></html>
`;
  }

  // What the last action did, shown once by the page it redirects to (nothing from the URL is echoed).
  let flash: string | null = null;

  return async function devPage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const customerId = await options.customerFor(req, res).catch(() => null);
    if (req.method === "POST") {
      // A form on another site must not drive the emulator (fake money, but real confusion): same origin only.
      if (!sameOrigin(req)) {
        send(res, 403, "text/plain", "The development page takes form posts from its own origin only.");
        return;
      }
      const form = await readForm(req);
      flash = await act(form, customerId);
      // Usage, a clock move (grants expire) or a reset may each change the balance: push it to live streams.
      if (customerId && ["bill", "clock", "reset", "clear-faults"].includes(form.get("action") ?? "")) {
        await options.notify(customerId).catch((error: unknown) => {
          flash = `${flash} Live balances were not told: ${error instanceof Error ? error.message : String(error)}`;
        });
      }
      res.statusCode = 303;
      res.setHeader("location", (req.url ?? "/").replace(/[?#].*$/, ""));
      res.end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD, POST");
      send(res, 405, "text/plain", "Use GET or POST.");
      return;
    }
    const message = flash;
    flash = null;
    send(res, 200, "text/html", await render(customerId, message));
  };
}
