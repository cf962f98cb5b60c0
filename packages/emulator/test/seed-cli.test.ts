import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CliExit, runCli } from "../src/_internal/run-cli";
import { createEmulator, DEFAULT_API_KEY, EmulatorSeedError } from "../src/index";

const dir = mkdtempSync(path.join(tmpdir(), "credyt-emulator-"));

describe("seeds", () => {
  it("an empty seed has no customers", () => {
    const emulator = createEmulator({ seed: "empty" });
    expect(emulator.getCustomer("cust_4yd8340ff7fvwe1emfpe87d4w6")).toBeUndefined();
  });

  it("a custom seed provides customers, assets, products and balances", () => {
    const emulator = createEmulator({
      seed: {
        assets: [{ code: "cred", name: "Credits", precision: 0, rates: [{ source: "USD", rate: 0.05 }] }],
        products: [{ code: "p1", prices: [{ event_type: "e", asset: "CRED", unit_price: 1 }] }],
        customers: [
          {
            id: "cust_4custom0000000000000000000",
            name: "C",
            products: ["p1"],
            accounts: [{ asset: "USD", available: 1.5 }],
          },
        ],
      },
    });
    expect(emulator.getAccount("cust_4custom0000000000000000000", "default:CRED")).toMatchObject({ available: 0 });
    expect(emulator.getAccount("cust_4custom0000000000000000000", "default:USD")).toMatchObject({ available: 1.5 });
  });

  for (const [seed, field] of [
    [
      { customers: [{ name: "x", accounts: [{ asset: "USD", available: "lots" }] }] },
      "customers[0].accounts[0].available",
    ],
    [{ customers: [{ external_id: "a" }] }, "customers[0].name"],
    [{ customers: [{ name: "x", products: ["nope"] }] }, "customers[0].products[0]"],
    [{ customers: [{ name: "x", accounts: [{ asset: "ZZZZ" }] }] }, "customers[0].accounts[0].asset"],
    [{ assets: [{ code: "USD", name: "x", precision: 2, rates: [] }] }, "assets[0].code"],
    [
      {
        customers: [
          { name: "a", external_id: "d" },
          { name: "b", external_id: "d" },
        ],
      },
      "customers[1].external_id",
    ],
    [{ cusotmers: [] }, ""],
  ] as const) {
    it(`a bad seed fails at start naming ${field || "the unknown key"}`, () => {
      let error: unknown;
      try {
        createEmulator({ seed: seed as never });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EmulatorSeedError);
      expect((error as EmulatorSeedError).field).toBe(field);
      if (field) expect((error as Error).message).toContain(field);
      else expect((error as Error).message).toContain("cusotmers");
    });
  }
});

describe("CLI", () => {
  it("prints its URL and API key and serves the API", async () => {
    const lines: string[] = [];
    const running = await runCli(["--port", "0"], (l) => lines.push(l));
    try {
      expect(lines[0]).toMatch(/^Credyt emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[1]).toContain(DEFAULT_API_KEY);
      const wallet = await fetch(`${running.url}/customers/cust_4yd8340ff7fvwe1emfpe87d4w6/wallet`, {
        headers: { "X-CREDYT-API-KEY": DEFAULT_API_KEY },
      });
      expect(wallet.status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it("admin routes are off unless --admin is given (--no-admin is an accepted no-op)", async () => {
    for (const args of [[], ["--no-admin"]]) {
      const lines: string[] = [];
      const running = await runCli(["--port", "0", ...args], (l) => lines.push(l));
      try {
        expect(lines.at(-1)).toBe("Admin routes: off (start with --admin to enable /__emulator/*)");
        for (const [method, route] of [
          ["GET", "/__emulator/faults"],
          ["POST", "/__emulator/reset"],
        ] as const) {
          const res = await fetch(`${running.url}${route}`, { method });
          expect(res.status, `${method} ${route} ${args.join(" ")}`).not.toBe(200);
        }
      } finally {
        await running.close();
      }
    }
    const lines: string[] = [];
    const running = await runCli(["--port", "0", "--admin"], (l) => lines.push(l));
    try {
      expect(lines.at(-1)).toMatch(
        /^Admin routes: on \(http:\/\/127\.0\.0\.1:\d+\/__emulator\/\*, no API key needed\)$/,
      );
      expect((await fetch(`${running.url}/__emulator/faults`)).status).toBe(200);
    } finally {
      await running.close();
    }
    await expect(runCli(["--port", "0", "--admin", "--no-admin"])).rejects.toThrow(/cannot be combined/);
  });

  it("--top-up-ttl sets how long an unpaid top-up lives", async () => {
    const running = await runCli(["--port", "0", "--top-up-ttl", "1500"]);
    try {
      const res = await fetch(`${running.url}/top-ups`, {
        method: "POST",
        headers: { "x-credyt-api-key": running.apiKey, "content-type": "application/json" },
        body: JSON.stringify({
          customer_id: "cust_473cr1y0ghbyc3m1yfbwvn3nxx",
          amount: 1,
          currency: "USD",
          return_url: "https://app.example/ok",
          failure_url: "https://app.example/failed",
        }),
      });
      const body = (await res.json()) as { created_at: string; expires_at: string };
      expect(Date.parse(body.expires_at) - Date.parse(body.created_at)).toBe(1500);
    } finally {
      await running.close();
    }
  });

  it("--help exits 0; bad arguments and a bad seed file fail with a message", async () => {
    const help: string[] = [];
    await expect(runCli(["--help"], (l) => help.push(l))).rejects.toBeInstanceOf(CliExit);
    expect(help.join("\n")).toContain("--state <file>");
    expect(help.join("\n")).toContain("--admin ");
    await expect(runCli(["--port", "x"])).rejects.toThrow(/--port/);
    await expect(runCli(["--bogus"])).rejects.toThrow(/bogus/);
    expect(help.join("\n")).toContain("--top-up-ttl <ms>");
    for (const bad of ["0", "-5", "1.5", "soon"]) {
      await expect(runCli(["--port", "0", `--top-up-ttl=${bad}`])).rejects.toThrow(
        `--top-up-ttl must be a positive number of milliseconds, got '${bad}'.`,
      );
    }
    const seedFile = path.join(dir, "bad-seed.json");
    writeFileSync(
      seedFile,
      JSON.stringify({ customers: [{ name: "x", accounts: [{ asset: "USD", available: "1" }] }] }),
    );
    await expect(runCli(["--port", "0", "--seed", seedFile])).rejects.toThrow(
      /customers\[0\]\.accounts\[0\]\.available/,
    );
    writeFileSync(seedFile, "{oops");
    await expect(runCli(["--port", "0", "--seed", seedFile])).rejects.toThrow(/Cannot read the seed file/);
  });

  it("--state keeps data across a restart, written atomically as JSON", async () => {
    const stateFile = path.join(dir, "state.json");
    const first = await runCli(["--port", "0", "--state", stateFile]);
    const created = await fetch(`${first.url}/customers`, {
      method: "POST",
      headers: { "X-CREDYT-API-KEY": first.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ name: "Persisted", external_id: "keep-me" }),
    });
    const { id } = (await created.json()) as { id: string };
    const topUp = await fetch(`${first.url}/top-ups`, {
      method: "POST",
      headers: { "X-CREDYT-API-KEY": first.apiKey, "content-type": "application/json" },
      body: JSON.stringify({
        customer_id: id,
        amount: 0.3,
        currency: "USD",
        return_url: "https://a.test/",
        failure_url: "https://a.test/f",
      }),
    });
    const { redirect_url } = (await topUp.json()) as { redirect_url: string };
    await first.close();
    const saved = JSON.parse(readFileSync(stateFile, "utf8"));
    expect(saved.version).toBe(1);

    const second = await runCli(["--port", "0", "--state", stateFile]);
    try {
      const got = await fetch(`${second.url}/customers/${id}`, { headers: { "X-CREDYT-API-KEY": second.apiKey } });
      expect(await got.json()).toMatchObject({ name: "Persisted", external_id: "keep-me" });
      expect(second.emulator.getAccount(id, "default:USD")).toMatchObject({ pending_in: 0.3 });
      // Links signed before the restart still verify (the token secret is part of the state).
      const path1 = new URL(redirect_url);
      const signIn = await fetch(`${second.url}${path1.pathname}${path1.search}`, { redirect: "manual" });
      expect(signIn.headers.get("location")).toMatch(/^\/checkout\?token=/);
    } finally {
      await second.close();
    }
  });

  it("a corrupt state file fails with its path", async () => {
    const stateFile = path.join(dir, "corrupt.json");
    writeFileSync(stateFile, '{"version":2}');
    await expect(runCli(["--port", "0", "--state", stateFile])).rejects.toThrow(stateFile);
    writeFileSync(stateFile, '{"version":1,"secret":"00","store":{"customers":[{"id":"cust_x"}]}}');
    await expect(runCli(["--port", "0", "--state", stateFile])).rejects.toThrow(/Invalid emulator state/);
  });
});

describe("CLI hosts", () => {
  it("redirects to the very host it prints", async () => {
    const lines: string[] = [];
    const running = await runCli(["--port", "0"], (l) => lines.push(l));
    try {
      const printed = new URL(/listening on (\S+)$/.exec(lines[0] ?? "")?.[1] ?? "");
      const res = await fetch(`${running.url}/billing-portal/sessions`, {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": DEFAULT_API_KEY, "content-type": "application/json" },
        body: JSON.stringify({
          customer_id: "cust_4yd8340ff7fvwe1emfpe87d4w6",
          return_url: "http://localhost:5173/",
          failure_url: "http://localhost:5173/",
        }),
      });
      const { redirect_url } = (await res.json()) as { redirect_url: string };
      expect(new URL(redirect_url).host).toBe(printed.host);
    } finally {
      await running.close();
    }
  });

  it("--public-url with a path prefix: printed, and put in every link", async () => {
    const lines: string[] = [];
    const running = await runCli(["--port", "0", "--public-url", "http://localhost:8080/__credyt/"], (l) =>
      lines.push(l),
    );
    try {
      expect(lines[1]).toBe("Hosted pages at http://localhost:8080/__credyt (--public-url)");
      const res = await fetch(`${running.url}/billing-portal/sessions`, {
        method: "POST",
        headers: { "X-CREDYT-API-KEY": DEFAULT_API_KEY, "content-type": "application/json" },
        body: JSON.stringify({
          customer_id: "cust_4yd8340ff7fvwe1emfpe87d4w6",
          return_url: "http://localhost:5173/",
          failure_url: "http://localhost:5173/",
        }),
      });
      const { redirect_url } = (await res.json()) as { redirect_url: string };
      expect(redirect_url).toMatch(/^http:\/\/localhost:8080\/__credyt\/api\/sign-in\?token=/);
    } finally {
      await running.close();
    }
  });
});
