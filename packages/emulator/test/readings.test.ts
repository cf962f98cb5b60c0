// The emulator's readings of what Credyt does not document: validated, on the CLI, and each played.
import { describe, expect, it } from "vitest";
import { runCli } from "../src/_internal/run-cli";
import { createEmulator, DEFAULT_READINGS, DEMO_CUSTOMER_ID, READING_CHOICES } from "../src/index";

const call = (emulator: ReturnType<typeof createEmulator>, path: string) =>
  emulator.fetch(new Request(`http://emulator.test${path}`, { headers: { "X-CREDYT-API-KEY": emulator.apiKey } }));

describe("readings", () => {
  it("default to the historic behaviour, the first choice of each", () => {
    for (const [key, choices] of Object.entries(READING_CHOICES))
      expect((DEFAULT_READINGS as Record<string, unknown>)[key]).toBe(choices[0]);
  });

  it("refuse an unknown reading or value with the allowed ones", () => {
    expect(() => createEmulator({ readings: { eventsOrder: "random" as never } })).toThrow(
      /readings\.eventsOrder must be one of "newest-first", "oldest-first", "creation"/,
    );
    expect(() => createEmulator({ readings: { nope: 1 } as never })).toThrow(/unknown reading "nope"/);
  });

  it("errorContentType json answers errors as application/json", async () => {
    const res = await call(
      createEmulator({ readings: { errorContentType: "json" } }),
      "/customers/cust_4000000000000000000000000z",
    );
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(((await res.json()) as { status: number }).status).toBe(404);
  });

  it("timestampDigits prints every timestamp with that many digits", async () => {
    for (const digits of [0, 6, 7] as const) {
      const body = await (
        await call(createEmulator({ readings: { timestampDigits: digits } }), `/customers/${DEMO_CUSTOMER_ID}`)
      ).text();
      const created = (JSON.parse(body) as { created_at: string }).created_at;
      expect(created).toMatch(digits === 0 ? /:\d{2}Z$/ : new RegExp(`\\.\\d{${digits}}Z$`));
    }
  });

  it("the exchangeRateOverride option still sets the override direction", async () => {
    const emulator = createEmulator({ exchangeRateOverride: "fiat_per_unit" });
    const res = await emulator.fetch(
      new Request("http://emulator.test/top-ups", {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": emulator.apiKey, "Content-Type": "application/json" },
        body: JSON.stringify({
          customer_id: DEMO_CUSTOMER_ID,
          amount: 10,
          currency: "USD",
          destination: { asset: "TOK", exchange_rate: 0.001 },
          return_url: "https://shop.example/",
          failure_url: "https://shop.example/",
        }),
      }),
    );
    expect(emulator.getTopUp(((await res.json()) as { id: string }).id)?.units).toBe(10_000);
  });
});

describe("--reading on the command line", () => {
  it("takes key=value, repeatably, and refuses anything else", async () => {
    const lines: string[] = [];
    const running = await runCli(
      ["--port", "0", "--reading", "eventsOrder=oldest-first", "--reading", "timestampDigits=0"],
      (l) => lines.push(l),
    );
    try {
      expect(lines.join("\n")).toContain('Readings: {"eventsOrder":"oldest-first","timestampDigits":0}');
      const res = await fetch(`${running.url}/customers/${DEMO_CUSTOMER_ID}`, {
        headers: { "X-CREDYT-API-KEY": running.apiKey },
      });
      expect(((await res.json()) as { created_at: string }).created_at).toMatch(/:\d{2}Z$/);
    } finally {
      await running.close();
    }
    await expect(runCli(["--reading", "eventsOrder=sideways"])).rejects.toThrow(/must be one of newest-first/);
    await expect(runCli(["--reading", "colour=blue"])).rejects.toThrow(/key=value with a key among/);
  });
});
