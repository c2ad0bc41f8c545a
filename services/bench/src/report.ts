// Pure: result lines, their ratio to the reference of the same run, and the table / Markdown / JSON.
import type { MachineInfo } from "./machine.ts";

export type Unit = "events/s" | "ms" | "µs" | "bytes" | "s" | "enterprises/s" | "×";

export interface ResultLine {
  suite: string;
  /** What was measured, e.g. `HTTP → Kafka, 100/request, events/s`. */
  name: string;
  value: number;
  unit: Unit;
  /** The reference measured in the same run (absent for the references themselves). */
  reference?: { name: string; value: number };
  /** Anything worth knowing to read the figure (sizes, what the latency covers). */
  note?: string;
  /** Where the time went, from the services' own metrics; printed under the table. */
  breakdown?: string;
}

export interface SuiteNote {
  suite: string;
  status: "done" | "not yet" | "failed";
  note?: string;
  /** Wall-clock time of the suite in this run. */
  seconds?: number;
}

export interface BenchReport {
  startedAt: string;
  /** The whole run, end to end (broker start and stop included). */
  seconds: number;
  machine: MachineInfo;
  /** os.loadavg() (1, 5, 15 min) when the run started and ended: how busy the shared machine was. */
  loadAverage?: { start: number[]; end: number[] };
  options: Record<string, unknown>;
  suites: SuiteNote[];
  results: ResultLine[];
}

/** value / reference as `0.42×`; `—` without a usable reference. */
export function formatRatio(value: number, reference: number | undefined): string {
  if (reference === undefined || !Number.isFinite(reference) || reference === 0 || !Number.isFinite(value)) return "—";
  const r = value / reference;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toPrecision(2)}×`;
}

function group(n: number, decimals = 0): string {
  const [int, frac] = n.toFixed(decimals).split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}

/** A figure with its unit: `12,345 events/s`, `3.4 ms`, `312 MiB`. */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return "n/a";
  switch (unit) {
    case "events/s":
      return `${group(value, value < 100 ? 1 : 0)} events/s`;
    case "ms":
      return `${value < 10 ? value.toFixed(2) : group(value, value < 100 ? 1 : 0)} ms`;
    case "µs":
      return `${value < 10 ? value.toFixed(2) : group(value, value < 100 ? 1 : 0)} µs`;
    case "bytes":
      return `${group(value / 1024 / 1024)} MiB`;
    case "s":
      return `${value < 10 ? value.toFixed(2) : group(value, 1)} s`;
    case "enterprises/s":
      return `${group(value, value < 100 ? 1 : 0)} enterprises/s`;
    case "×":
      return `${value.toFixed(2)}×`;
  }
}

/** The rows of the results table: suite, measure, value, reference, ratio. */
export function tableRows(results: readonly ResultLine[]): string[][] {
  return results.map((r) => [
    r.suite,
    r.name,
    formatValue(r.value, r.unit),
    r.reference ? `${r.reference.name}: ${formatValue(r.reference.value, r.unit)}` : "",
    r.reference ? formatRatio(r.value, r.reference.value) : "",
  ]);
}

const HEADER = ["suite", "measure", "value", "reference (same run)", "ratio"];

/** A plain-text table with aligned columns, for the terminal. */
export function renderTable(results: readonly ResultLine[], suites: readonly SuiteNote[] = []): string {
  const rows = [HEADER, ...tableRows(results)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 2 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)];
  const breakdowns = results.filter((r) => r.breakdown);
  if (breakdowns.length) out.push("", "where the time goes:", ...breakdowns.map((r) => `  ${r.suite} / ${r.name}: ${r.breakdown}`));
  for (const s of suites) if (s.status !== "done") out.push(`${s.suite}: ${s.status}${s.note ? ` (${s.note})` : ""}`);
  return out.join("\n");
}

/** One line: the run's total time, each suite's, and the load average around it. Pure. */
export function renderTotals(report: Pick<BenchReport, "seconds" | "suites" | "loadAverage" | "machine">): string {
  const timed = report.suites.filter((s) => s.seconds !== undefined).map((s) => `${s.suite} ${s.seconds!.toFixed(0)} s`);
  const la = report.loadAverage;
  const load = la
    ? `; load average ${la.start.map((v) => v.toFixed(2)).join(" / ")} at the start, ${la.end.map((v) => v.toFixed(2)).join(" / ")} at the end (1 / 5 / 15 min, ${report.machine.cores} cores)`
    : "";
  return `took ${report.seconds.toFixed(0)} s end to end${timed.length ? ` (${timed.join(", ")})` : ""}${load}`;
}

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

/** The machine a report was measured on, in one line. */
export function machineLine(m: MachineInfo): string {
  return `${m.cpuModel}, ${m.cores} cores, ${formatValue(m.memoryBytes, "bytes")}; ${m.os}; Node.js ${m.node}; Java ${m.java}`;
}

/** Pure: result lines as a Markdown table, then their notes and breakdowns, then the suites not done. */
export function renderResultsMarkdown(results: readonly ResultLine[], suites: readonly SuiteNote[]): string {
  const lines = [
    `| ${HEADER.join(" | ")} |`,
    `|${HEADER.map((_, i) => (i === 2 || i === 4 ? "---:" : "---")).join("|")}|`,
    ...tableRows(results).map((r) => `| ${r.map(mdCell).join(" | ")} |`),
    "",
  ];
  const notes = results.filter((r) => r.note || r.breakdown);
  if (notes.length) {
    lines.push("Notes:", "", ...notes.map((r) => `- ${r.suite} / ${r.name}: ${[r.note, r.breakdown].filter(Boolean).join("; ")}`), "");
  }
  const other = suites.filter((s) => s.status !== "done");
  if (other.length) lines.push("Suites:", "", ...other.map((s) => `- ${s.suite}: ${s.status}${s.note ? ` (${s.note})` : ""}`), "");
  return lines.join("\n");
}

export function renderMarkdown(report: BenchReport): string {
  return [
    `# lrew bench — ${report.startedAt}`,
    "",
    `- Machine: ${machineLine(report.machine)}`,
    `- Options: \`${JSON.stringify(report.options)}\``,
    `- ${renderTotals(report).replace(/^took/, "Took")}`,
    "",
    renderResultsMarkdown(report.results, report.suites),
  ].join("\n");
}

/** `bench-2026-11-23T20-40-01Z`: a file-name-safe stamp of the start time. */
export function resultBaseName(startedAt: Date): string {
  return `bench-${startedAt
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-")}`;
}
