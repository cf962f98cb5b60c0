import os from "node:os";

interface Goal {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

export interface Section {
  title: string;
  intro: string;
  columns: string[];
  rows: string[][];
  goals: Goal[];
  data: unknown;
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;

export function markdown(sections: Section[], started: Date, seconds: number): string {
  const out = [
    "# Benchmark results",
    "",
    `Measured by \`pnpm bench\` on ${started.toISOString().slice(0, 16).replace("T", " ")} UTC in ${seconds.toFixed(0)} s.`,
    `Machine: ${machine()}.`,
    "Every figure is compared with a baseline measured in the same run. Benchmarks never fail the test suite;",
    "the bundle budgets that must hold are enforced in `pnpm test` by the same harness (`pnpm --filter @repo/bench size`).",
    "",
  ];
  for (const s of sections) {
    out.push(`## ${s.title}`, "", s.intro, "", row(s.columns), row(s.columns.map(() => "---")), ...s.rows.map(row), "");
    out.push(row(["goal", "measured", "target", "met"]), row(["---", "---", "---", "---"]));
    for (const g of s.goals) out.push(row([g.name, g.value, g.target, g.met ? "yes" : "**no**"]));
    out.push("");
  }
  return `${out.join("\n")}\n`;
}
