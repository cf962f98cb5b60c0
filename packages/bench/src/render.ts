import { execFile } from "node:child_process";
import path from "node:path";
import { installDom } from "./_dom";
import { here } from "./_process";
import type { Section } from "./report";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Render cost: re-renders of <WalletBalance> when a revalidation returns identical data (React
 * Profiler), and the time to render 100 accounts relative to 100 plain formatted numbers.
 */
export async function renderSection(): Promise<Section> {
  installDom();
  const React = await import("react");
  const { act, render, cleanup } = await import("@testing-library/react");
  const { CredytProvider, WalletBalance } = await import("@credyt/react");
  const { SWRConfig } = await import("swr");

  const wallet = {
    accounts: [
      { id: "default:USD", name: "default", asset: "USD", available: 14.566678, pending_in: 0, pending_out: 0 },
    ],
  };
  let walletRequests = 0;
  const sameData: typeof fetch = async () => {
    walletRequests++;
    return new Response(JSON.stringify(wallet), { headers: { "content-type": "application/json" } });
  };

  let commits = 0;
  const onRender = () => {
    commits++;
  };
  // The hooks are SWR hooks: without throttling and deduping, every focus event below revalidates.
  render(
    React.createElement(
      SWRConfig,
      { value: { focusThrottleInterval: 0, dedupingInterval: 0 } },
      React.createElement(
        CredytProvider,
        { fetch: sameData, locale: "en-US" },
        React.createElement(
          React.Profiler,
          { id: "balance", onRender },
          React.createElement(WalletBalance, { asset: "USD" }),
        ),
      ),
    ),
  );
  await act(async () => {
    await sleep(200);
  });
  const settled = commits;
  for (let i = 0; i < 3; i++) {
    await act(async () => {
      await sleep(100);
      window.dispatchEvent(new window.FocusEvent("focus"));
      await sleep(200);
    });
  }
  const revalidations = walletRequests - 1;
  const extraCommits = commits - settled;
  cleanup();

  // Timing runs in its own process on React's production build (act and Profiler need the
  // development build, which would inflate the component's cost).
  const { ours, plain } = await runTiming();
  const ratio = ours / plain;
  return {
    title: "Render: re-renders and the cost of 100 accounts",
    intro:
      "jsdom + React 19 Profiler. Revalidations are window focus events (SWR's focus throttle and dedupe set to 0), each answered with identical data. " +
      "100-account timings use React's production build in a separate process: medians of 20 rounds after 10 warm-up rounds, both starting from data in hand, rendered synchronously with flushSync.",
    columns: ["what", "measured", "baseline"],
    rows: [
      [
        "re-renders of <WalletBalance> after identical revalidations",
        `${extraCommits} (over ${revalidations} revalidations)`,
        "0",
      ],
      ["render 100 accounts (<WalletBalance showAll>)", `${ours.toFixed(2)} ms`, `${plain.toFixed(2)} ms plain list`],
      ["ratio", `${ratio.toFixed(2)}×`, "1×"],
    ],
    goals: [
      {
        name: "re-renders on identical data",
        value: String(extraCommits),
        target: "0",
        met: extraCommits === 0 && revalidations > 0,
      },
      {
        name: "100 accounts vs plain formatted numbers",
        value: `${ratio.toFixed(2)}×`,
        target: "≤ 1.5× (issue 12)",
        met: ratio <= 1.5,
      },
    ],
    data: { extraCommits, revalidations, ours, plain, ratio },
  };
}

function runTiming(): Promise<{ ours: number; plain: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(here, "render-timing.ts")],
      { env: { ...process.env, NODE_ENV: "production" }, cwd: path.join(here, "..") },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout.trim().split("\n").pop() as string))),
    );
  });
}
