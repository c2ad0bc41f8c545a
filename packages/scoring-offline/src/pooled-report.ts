// Reports of a multi-seed backtest: Markdown (pooled figures, the criterion, per-seed figures),
// and two SVG charts: pooled lead-time histogram and each seed's median lead time per method.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Interval, PooledMethod, PooledReport } from "./pooled.ts";
import { alignTables, axes, COLORS, FRAME, leadTimeBarsSvg, leadTimeBins, legend, num, pct, shortLabel, svg } from "./report.ts";

const LABELS: Record<string, string> = {
  model: "lrew model at its levels",
  insurance_rule: "insurance rule (≥ 3 months of arrears)",
  grievance_rule: "grievance rule",
  model_matched_insurance_rule: "model, threshold matched per seed to the insurance rule (diagnostic)",
  model_matched_grievance_rule: "model, threshold matched per seed to the grievance rule (diagnostic)",
};
const label = (name: string) => LABELS[name] ?? name;
const ivPct = (i: Interval | null) => (i ? `${pct(i[0], 0)}–${pct(i[1], 0)}` : "–");
const ivNum = (i: Interval | null, d = 2) => (i ? `${num(i[0], d)}–${num(i[1], d)}` : "–");
const days = (x: number | null) => (x === null ? "–" : x.toFixed(0));
const yes = (b: boolean) => (b ? "yes" : "**no**");

export function renderPooledMarkdown(p: PooledReport): string {
  const L: string[] = [];
  const main = p.methods.filter((m) => !m.diagnostic);
  L.push(`# Backtest over ${p.seeds.length} unseen seeds: model ${p.model.version}`, "");
  L.push(
    `Each seed is a fresh simulated default province; every seed was backtested on its own (daily replay ${p.period.from} – ${p.period.to}, ` +
      `${p.period.days} days, point-in-time features, horizon ${p.horizonDays} days, alerts judged over ${p.period.judgedMonths.toFixed(1)} months), ` +
      `then the figures were pooled: caught incidents over all incidents, false alarms over all area-months, the median of every caught incident's lead time. ` +
      `Evaluation seeds: ${p.seeds.join(", ")}. Fit seeds (never evaluated): ${p.fitSeeds.length ? p.fitSeeds.join(", ") : "not recorded"}` +
      `${p.selectionSeeds.length ? `; seeds the levels were chosen on (never evaluated): ${p.selectionSeeds.join(", ")}` : ""}. ` +
      `${p.incidentsInPeriod} incidents in all, ${p.enterpriseDays.toLocaleString("en")} enterprise-days.`,
    "",
  );
  L.push("## Pooled", "");
  L.push(
    "| method | recall (95 % interval) | caught / incidents | false alarms / area / month (95 % interval) | alert precision | flagged enterprise-days | median lead, days (95 % interval) | lead quartiles |",
  );
  L.push("|---|---|---|---|---|---|---|---|");
  for (const m of p.methods)
    L.push(
      `| ${label(m.name)} | ${pct(m.recall)} (${ivPct(m.interval.recall)}) | ${m.caught} / ${m.incidents} | ${num(m.falseAlarmsPerAreaMonth)} (${ivNum(m.interval.falseAlarmsPerAreaMonth)}) | ` +
        `${pct(m.alertPrecision)} | ${pct(m.flaggedShare)} | ${days(m.leadTimeMedian)} (${ivNum(m.interval.leadTimeMedian, 0)}) | ` +
        `${m.leadTimeQuartiles ? `${m.leadTimeQuartiles[0].toFixed(0)}–${m.leadTimeQuartiles[1].toFixed(0)}` : "–"} |`,
    );
  L.push("");
  L.push(
    `Intervals: ${p.bootstrap.resamples} bootstrap resamples of whole seeds (seed ${p.bootstrap.seed}), 2.5 and 97.5 % quantiles. ` +
      "The diagnostic rows move the model's threshold on each evaluation seed to that seed's baseline false alarms: they look at the evaluation data and never decide the criterion.",
    "",
  );
  L.push("## Acceptance criterion", "");
  L.push(
    "The model at its own levels (thresholds set before evaluation, on seeds it does not see here) against each baseline, pooled; _support_ is the share of seed resamples in which the part holds.",
    "",
  );
  L.push(
    "| baseline | recall higher | false alarms not higher | median lead longer | met | support (recall / false alarms / lead / all) |",
  );
  L.push("|---|---|---|---|---|---|");
  for (const c of p.criterion)
    L.push(
      `| ${label(c.baseline)} | ${yes(c.recallHigher)} | ${yes(c.falseAlarmsNotHigher)} | ${yes(c.leadTimeLonger)} | ${yes(c.met)} | ` +
        `${pct(c.support.recallHigher, 0)} / ${pct(c.support.falseAlarmsNotHigher, 0)} / ${pct(c.support.leadTimeLonger, 0)} / ${pct(c.support.met, 0)} |`,
    );
  const paired = (p.bothCaught ?? []).filter((b) => b.incidents > 0);
  if (paired.length) {
    L.push("", "### Incidents both caught (beside the criterion, not instead of it)", "");
    L.push(
      "The pooled medians above are over different incidents: a method that catches more also catches harder, later-flagged ones. " +
        "Here the model and each baseline on exactly the incidents both caught.",
      "",
    );
    L.push("| baseline | incidents both caught | model median lead | baseline median lead | model earlier / same / later |");
    L.push("|---|---|---|---|---|");
    for (const b of paired)
      L.push(
        `| ${label(b.baseline)} | ${b.incidents} | ${days(b.modelLeadMedian)} | ${days(b.baselineLeadMedian)} | ${b.modelEarlier} / ${b.same} / ${b.modelLater} |`,
      );
  }
  L.push("", "## Per seed", "");
  L.push(`| seed | incidents | ${main.map((m) => `${shortLabel(m.name)}: recall · FA/area/month · median lead`).join(" | ")} |`);
  L.push(`|---|---|${main.map(() => "---").join("|")}|`);
  p.seeds.forEach((seed, i) => {
    const cells = main.map((m) => {
      const s = m.perSeed[i]!;
      return `${pct(s.recall, 0)} (${s.caught}) · ${num(s.falseAlarmsPerAreaMonth)} · ${days(s.leadTimeMedian)} d`;
    });
    L.push(`| ${seed} | ${main[0]!.perSeed[i]!.incidents} | ${cells.join(" | ")} |`);
  });
  L.push(
    `| min–max | | ${main.map((m) => `${ivPct(m.range.recall)} · ${ivNum(m.range.falseAlarmsPerAreaMonth)} · ${ivNum(m.range.leadTimeMedian, 0)} d`).join(" | ")} |`,
  );
  L.push("", "## Lead time distribution (days, caught incidents, all seeds)", "");
  const bins = main.map((m) => leadTimeBins(m.leadTimes));
  L.push(`| days | ${main.map((m) => shortLabel(m.name)).join(" | ")} |`);
  L.push(`|---|${main.map(() => "---").join("|")}|`);
  bins[0]?.forEach((b, i) => {
    L.push(`| ${b.to === null ? `${b.from}+` : `${b.from}–${b.to}`} | ${bins.map((x) => x[i]!.count).join(" | ")} |`);
  });
  L.push("", "## Model levels", "");
  L.push("| level | enter at score ≥ | stay while score ≥ |", "|---|---|---|");
  for (const l of ["watch", "high", "critical"] as const)
    L.push(`| ${l} | ${p.model.thresholds[l].enter.toPrecision(3)} | ${p.model.thresholds[l].exit.toPrecision(3)} |`);
  L.push("", "Charts: `lead-time.svg` (pooled), `seeds.svg` (median lead per seed). Per-seed reports: `seed-*/`.", "");
  L.push(`Generated ${p.generatedAt}.`, "");
  return alignTables(L.join("\n"));
}

export function pooledLeadTimeSvg(p: PooledReport): string {
  return leadTimeBarsSvg(
    `Lead time before incidents, ${p.seeds.length} seeds pooled`,
    p.methods.filter((m) => !m.diagnostic),
  );
}

/** Each seed's median lead time per method (points), with the pooled median as a dashed line. */
export function pooledSeedsSvg(p: PooledReport): string {
  const f = FRAME;
  const main: PooledMethod[] = p.methods.filter((m) => !m.diagnostic);
  const all = main.flatMap((m) => m.perSeed.map((s) => s.leadTimeMedian ?? 0));
  const yMax = Math.max(30, Math.ceil((Math.max(...all, ...main.map((m) => m.leadTimeMedian ?? 0)) * 1.1) / 30) * 30);
  const n = p.seeds.length;
  const x = (v: number) => f.left + ((v + 0.5) / Math.max(1, n)) * (f.w - f.left - f.right);
  const y = (v: number) => f.h - f.bottom - (v / yMax) * (f.h - f.top - f.bottom);
  const yTicks: Array<[number, string]> = [];
  for (let v = 0; v <= yMax; v += 30) yTicks.push([v, String(v)]);
  const xTicks: Array<[number, string]> = p.seeds.map((s, i) => [i, s]);
  const title = `Median lead time per seed, ${p.period.from} – ${p.period.to}`;
  const body = axes(title, "evaluation seed", "median lead time, days", xTicks, yTicks, f, x, y);
  main.forEach((m, k) => {
    const color = COLORS[m.name as keyof typeof COLORS] ?? "#555";
    const dx = (k - (main.length - 1) / 2) * 6;
    if (m.leadTimeMedian !== null)
      body.push(
        `<line x1="${f.left}" x2="${f.w - f.right}" y1="${y(m.leadTimeMedian).toFixed(1)}" y2="${y(m.leadTimeMedian).toFixed(1)}" stroke="${color}" stroke-dasharray="6 4"/>`,
      );
    m.perSeed.forEach((s, i) => {
      if (s.leadTimeMedian === null) return;
      body.push(`<circle cx="${(x(i) + dx).toFixed(1)}" cy="${y(s.leadTimeMedian).toFixed(1)}" r="5" fill="${color}" stroke="black"/>`);
    });
  });
  body.push(
    ...legend(
      main.map((m) => ({
        color: COLORS[m.name as keyof typeof COLORS] ?? "#555",
        text: `${shortLabel(m.name)} (dashed: pooled ${days(m.leadTimeMedian)} d)`,
        marker: true,
      })),
      f,
    ),
  );
  return svg(f, title, body);
}

/** Writes backtest.md, backtest.json, lead-time.svg and seeds.svg of a pooled report into dir. */
export async function writePooledReport(p: PooledReport, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Array<[string, string]> = [
    [join(dir, "backtest.md"), renderPooledMarkdown(p)],
    [join(dir, "backtest.json"), `${JSON.stringify(p, null, 2)}\n`],
    [join(dir, "lead-time.svg"), pooledLeadTimeSvg(p)],
    [join(dir, "seeds.svg"), pooledSeedsSvg(p)],
  ];
  for (const [path, text] of files) await writeFile(path, text);
  return files.map(([path]) => path);
}
