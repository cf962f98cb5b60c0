// Issue 21: the probe detects every reading the emulator can play, refuses what is not test mode, and
// prints a table plus the readings. Against in-process emulators (one per reading), one over real HTTP.
import { READING_CHOICES } from "@credyt/emulator";
import { startEmulator } from "@credyt/emulator/node";
import { describe, expect, it } from "vitest";
import { formatProbeReport, ProbeRefusedError, probeMain, runProbe } from "../src/probe";
import { emulatorWith, inProcess } from "./readings-matrix";

const probeOn = (readings: Record<string, unknown>) => {
  const emulator = emulatorWith(readings);
  return runProbe({
    apiKey: emulator.apiKey,
    apiUrl: "http://emulator.test",
    product: "studio",
    eventType: "tokens_generated",
    fetch: (input, init) => inProcess(emulator, input, init),
  });
};

const cases = Object.entries(READING_CHOICES).flatMap(([key, values]) =>
  (values as readonly (string | number)[]).map((value) => [key, value] as const),
);

describe("the probe reports each reading", () => {
  it.each(cases)("%s = %s", async (key, value) => {
    const report = await probeOn({ [key]: value });
    expect(report.readings[key]).toBe(value);
    expect(report.rows.find((row) => row.key === key)?.observed).toBe(String(value));
  });

  it("reports every default at once, in a table with the emulator readings", async () => {
    const report = await probeOn({});
    const defaults = Object.fromEntries(Object.entries(READING_CHOICES).map(([k, v]) => [k, v[0]]));
    expect(report.readings).toEqual(defaults);
    const text = formatProbeReport(report);
    expect(text).toMatch(/^unknown\s+documented\s+observed\s+what the proxy does/);
    expect(text).toContain('"eventsOrder": "newest-first"');
  });
});

describe("the probe refuses what is not test mode, before writing anything", () => {
  it("a key_live_ key", async () => {
    const calls: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return new Response("{}");
    };
    await expect(runProbe({ apiKey: "key_live_abc", fetch })).rejects.toBeInstanceOf(ProbeRefusedError);
    expect(calls).toEqual([]);
  });

  it("a portal token whose live_mode is true, or a mode it cannot tell", async () => {
    const payload = (live: unknown) => btoa(JSON.stringify({ live_mode: live })).replace(/=+$/, "");
    for (const live of ["true", undefined]) {
      const writes: string[] = [];
      const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (init?.method === "POST" && !url.endsWith("/billing-portal/sessions")) writes.push(url);
        if (url.includes("/customers?")) return Response.json({ items: [{ id: "cust_4x" }] });
        return Response.json({ redirect_url: `https://billing.credyt.ai/api/sign-in?token=h.${payload(live)}.s` });
      };
      await expect(runProbe({ apiKey: "key_abc", fetch })).rejects.toThrow(/Refusing to probe/);
      expect(writes).toEqual([]);
    }
  });

  it("the command line needs CREDYT_API_KEY and exits 1 on a refusal", async () => {
    const lines: string[] = [];
    expect(await probeMain(["probe"], {}, (l) => lines.push(l))).toBe(2);
    expect(lines.join("\n")).toMatch(/CREDYT_API_KEY is not set/);
    expect(await probeMain(["probe"], { CREDYT_API_KEY: "key_live_x" }, (l) => lines.push(l))).toBe(1);
    expect(lines.at(-1)).toMatch(/live key/);
  });
});

describe("over real HTTP", () => {
  it("the command line prints the table and readings of an emulator started with --reading-like options", async () => {
    const running = await startEmulator({
      port: 0,
      readings: { eventsOrder: "oldest-first", topUpList: "404", quoteAnswer: "other-names" },
      seed: {
        assets: [{ code: "TOK", name: "Tokens", precision: 0, rates: [{ source: "USD", rate: 0.03 }] }],
        products: [
          {
            code: "studio",
            prices: [{ event_type: "tokens_generated", asset: "TOK", unit_price: 1, volume_field: "tokens" }],
          },
        ],
        customers: [{ name: "Existing", products: ["studio"] }],
      },
    });
    try {
      const lines: string[] = [];
      const code = await probeMain(
        ["probe", "--product", "studio", "--event-type", "tokens_generated"],
        { CREDYT_API_KEY: running.apiKey, CREDYT_API_URL: running.url },
        (l) => lines.push(l),
      );
      expect(code).toBe(0);
      const out = lines.join("\n");
      expect(out).toContain('"eventsOrder": "oldest-first"');
      expect(out).toContain('"topUpList": "404"');
      expect(out).toContain('"quoteAnswer": "other-names"');
    } finally {
      await running.close();
    }
  });
});
