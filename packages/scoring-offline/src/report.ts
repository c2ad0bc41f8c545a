// Backtest reports: Markdown for people, JSON for machines (the report object itself), and two
// charts as SVG image files drawn by hand (no browser, no native dependency): the precision–recall
// curve and the lead-time histogram.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BacktestReport, MethodResult } from "./backtest.ts";

export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(digits)} %`);
export const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? "–" : x.toFixed(digits));

const LABELS: Record<string, string> = {
  model: "lrew model (high or critical)",
  insurance_rule: "Baseline: insurance arrears rule",
  grievance_rule: "Baseline: grievance count rule",
};

function label(m: MethodResult): string {
  if (m.name.startsWith("model_matched_"))
    return `lrew model, threshold matched to ${m.name.slice("model_matched_".length).replace("_", " ")}`;
  return LABELS[m.name] ?? m.name;
}

/** Lead-time histogram bins (days): 0–14, 15–29, … , 180+. */
export function leadTimeBins(leads: readonly number[], width = 15, last = 180): Array<{ from: number; to: number | null; count: number }> {
  const bins: Array<{ from: number; to: number | null; count: number }> = [];
  for (let a = 0; a < last; a += width) bins.push({ from: a, to: a + width - 1, count: 0 });
  bins.push({ from: last, to: null, count: 0 });
  for (const l of leads) {
    const i = Math.min(bins.length - 1, Math.floor(Math.max(0, l) / width));
    bins[i]!.count++;
  }
  return bins;
}

/** Pads the cells of every Markdown table so that columns line up (as Biome's formatter writes them). Pure. */
export function alignTables(md: string): string {
  const lines = md.split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!lines[i]!.startsWith("|")) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    const block: string[][] = [];
    while (i < lines.length && lines[i]!.startsWith("|")) {
      block.push(
        lines[i]!.replace(/^\|/, "")
          .replace(/\|\s*$/, "")
          .split("|")
          .map((c) => c.trim()),
      );
      i++;
    }
    const isRule = (row: string[]) => row.every((c) => /^:?-+:?$/.test(c));
    const widths: number[] = [];
    for (const row of block) {
      if (isRule(row)) continue;
      row.forEach((c, k) => {
        widths[k] = Math.max(widths[k] ?? 3, [...c].length);
      });
    }
    for (const row of block) {
      const cells = widths.map((w, k) => (isRule(row) ? "-".repeat(w) : (row[k] ?? "") + " ".repeat(w - [...(row[k] ?? "")].length)));
      out.push(`| ${cells.join(" | ")} |`);
    }
  }
  return out.join("\n");
}

export function renderBacktestMarkdown(r: BacktestReport): string {
  const lines: string[] = [];
  const rows = [...r.methods, ...r.matched.map((m) => m.model)];
  lines.push(`# Backtest: model ${r.model.version}, ${r.period.from} – ${r.period.to}`, "");
  lines.push(
    `Daily replay of ${r.period.days} days over ${r.enterprises} enterprises in ${r.areas.length} areas (${r.enterpriseDays.toLocaleString("en")} enterprise-days), ` +
      `features as of each day from what was reported by its end. Outcome: an incident recorded in the incidents table within ${r.horizonDays} days. ` +
      `${r.incidentsInPeriod} incidents started in the period.` +
      (r.truth ? ` Simulator truth: ${r.truth.incidents} incidents, ${r.truth.unreported} of them never reported.` : ""),
    "",
  );
  lines.push(
    "| method | recall | caught / incidents | alerts | false alarms / area / month (worst area) | alert precision | day precision | flagged enterprise-days | median lead (quartiles), days | median lead within horizon |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|");
  for (const m of rows) {
    lines.push(
      `| ${label(m)} | ${pct(m.recall)} | ${m.caught} / ${m.incidents} | ${m.alerts} | ${num(m.falseAlarmsPerAreaMonth)} (${num(m.falseAlarmsPerAreaMonthMax)}) | ${pct(m.alertPrecision)} | ${pct(m.dayPrecision, 2)} | ${pct(m.flaggedShare)} | ` +
        `${m.leadTimeMedian === null ? "–" : m.leadTimeMedian.toFixed(0)}${m.leadTimeQuartiles ? ` (${m.leadTimeQuartiles[0].toFixed(0)}–${m.leadTimeQuartiles[1].toFixed(0)})` : ""} | ${m.leadTimeWithinHorizonMedian === null ? "–" : m.leadTimeWithinHorizonMedian.toFixed(0)} |`,
    );
  }
  lines.push("");
  lines.push("Baselines:", "");
  lines.push(
    `- **insurance arrears rule**: flag while the enterprise has ${r.insuranceMonths} or more months of insurance arrears (the rule of the Chinese wage-arrears early-warning platforms).`,
  );
  lines.push(
    `- **grievance count rule**: flag while ${r.grievanceK} or more new grievances were reported in the last 30 days (k chosen as the smallest count whose flag volume does not exceed the model's).`,
  );
  lines.push(
    `- **matched**: the model with its high threshold moved (same hysteresis ratio) to the operating point whose false alarms per area per month come closest to the baseline's without exceeding them.`,
    "",
  );
  lines.push("How to read it:", "");
  lines.push(`- _recall_: share of incidents that had a flag on at least one of the ${r.horizonDays} days before they started.`);
  lines.push(
    `- _alert_: a run of consecutive flagged days at one enterprise (one alert e-mail). A _false alarm_ is an alert with no incident at the enterprise while flagged or within ${r.horizonDays} days after; alerts starting after ${r.period.judgedUntil} are not judged (their outcome window is incomplete), over ${r.period.judgedMonths.toFixed(1)} judged months.`,
  );
  lines.push(`- _day precision_: share of flagged enterprise-days followed by an incident within ${r.horizonDays} days.`);
  lines.push(
    `- _lead time_: days from the first day of the alert that was on before the incident to the incident; _within horizon_: from the first flagged day among the ${r.horizonDays} days before it.`,
    "",
  );
  lines.push("## Lead time distribution (days, caught incidents)", "");
  const binsBy = rows.slice(0, 3).map((m) => leadTimeBins(m.leadTimes));
  lines.push(`| days | ${rows.slice(0, 3).map(label).join(" | ")} |`);
  lines.push(
    `|---|${rows
      .slice(0, 3)
      .map(() => "---")
      .join("|")}|`,
  );
  binsBy[0]?.forEach((b, i) => {
    lines.push(`| ${b.to === null ? `${b.from}+` : `${b.from}–${b.to}`} | ${binsBy.map((bins) => bins[i]!.count).join(" | ")} |`);
  });
  lines.push("", "## False alarms per area per month", "");
  lines.push(`| area | ${rows.slice(0, 3).map(label).join(" | ")} |`);
  lines.push(
    `|---|${rows
      .slice(0, 3)
      .map(() => "---")
      .join("|")}|`,
  );
  for (const a of r.areas)
    lines.push(
      `| ${a} | ${rows
        .slice(0, 3)
        .map((m) => num(m.falseAlarmsByArea[a] ?? 0))
        .join(" | ")} |`,
    );
  if (rows.slice(0, 3).some((m) => m.falseAlarmsByReceivingUnit)) {
    // Who would have received them: the unit responsible on each alert's day (2021 districts, then communes).
    const units = [...new Set(rows.slice(0, 3).flatMap((m) => Object.keys(m.falseAlarmsByReceivingUnit ?? {})))].sort();
    lines.push("", "## False alarms per receiving unit (count over the judged period)", "");
    lines.push(`| unit | ${rows.slice(0, 3).map(label).join(" | ")} |`);
    lines.push(
      `|---|${rows
        .slice(0, 3)
        .map(() => "---")
        .join("|")}|`,
    );
    for (const u of units)
      lines.push(
        `| ${u} | ${rows
          .slice(0, 3)
          .map((m) => String(m.falseAlarmsByReceivingUnit?.[u] ?? 0))
          .join(" | ")} |`,
      );
  }
  if (rows.slice(0, 3).some((m) => m.alertsInterventionNoIncident !== undefined)) {
    // On history with recorded interventions (case_actions): a category of their own beside the false
    // alarms, which still count them (the headline definitions above are unchanged).
    lines.push("", "## Interventions (recorded case actions)", "");
    lines.push(`| | ${rows.slice(0, 3).map(label).join(" | ")} |`);
    lines.push(
      `|---|${rows
        .slice(0, 3)
        .map(() => "---")
        .join("|")}|`,
    );
    lines.push(
      `| false alarms | ${rows
        .slice(0, 3)
        .map((m) => String(m.falseAlarms))
        .join(" | ")} |`,
      `| of which followed by an intervention (no incident) | ${rows
        .slice(0, 3)
        .map((m) => String(m.alertsInterventionNoIncident ?? 0))
        .join(" | ")} |`,
      `| incidents that followed an intervention (of all incidents) | ${rows
        .slice(0, 3)
        .map((m) => `${m.incidentsAfterIntervention ?? 0} / ${m.incidents}`)
        .join(" | ")} |`,
    );
  }
  if (rows.some((m) => m.flaggedByState)) {
    lines.push("", "## Simulator truth", "");
    const states = ["healthy", "strained", "distressed", "collapsing", "closed"];
    lines.push(`| method | recall over all incidents (incl. unreported) | ${states.map((s) => `flagged days ${s}`).join(" | ")} |`);
    lines.push(`|---|---|${states.map(() => "---").join("|")}|`);
    for (const m of rows.slice(0, 3))
      lines.push(`| ${label(m)} | ${pct(m.recallAllIncidents)} | ${states.map((s) => pct(m.flaggedByState?.[s] ?? 0)).join(" | ")} |`);
  }
  lines.push("", "## Model levels", "");
  lines.push("| level | enter at score ≥ | stay while score ≥ |", "|---|---|---|");
  for (const l of ["watch", "high", "critical"] as const)
    lines.push(`| ${l} | ${r.model.thresholds[l].enter.toPrecision(3)} | ${r.model.thresholds[l].exit.toPrecision(3)} |`);
  lines.push("", "Charts: `precision-recall.svg`, `lead-time.svg`.", "");
  lines.push(
    `Features ${(r.timings.featuresMs / 1000).toFixed(1)} s, total ${(r.timings.totalMs / 1000).toFixed(1)} s. Generated ${r.generatedAt}.`,
    "",
  );
  return alignTables(lines.join("\n"));
}

// ---------------------------------------------------------------- SVG

export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
export const COLORS = { model: "#1f5fbf", insurance_rule: "#d9534f", grievance_rule: "#e69500", matched: "#2e8b57" };

export interface Frame {
  w: number;
  h: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}
export const FRAME: Frame = { w: 720, h: 480, left: 70, right: 200, top: 50, bottom: 60 };

export function axes(
  title: string,
  xLabel: string,
  yLabel: string,
  xTicks: Array<[number, string]>,
  yTicks: Array<[number, string]>,
  f: Frame,
  x: (v: number) => number,
  y: (v: number) => number,
): string[] {
  const out: string[] = [];
  out.push(`<rect width="${f.w}" height="${f.h}" fill="white"/>`);
  out.push(
    `<text x="${f.w / 2 - f.right / 2 + f.left / 2}" y="28" font-size="17" text-anchor="middle" font-weight="bold">${esc(title)}</text>`,
  );
  const x0 = f.left,
    x1 = f.w - f.right,
    y0 = f.h - f.bottom,
    y1 = f.top;
  for (const [v, t] of yTicks) {
    out.push(`<line x1="${x0}" x2="${x1}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    out.push(`<text x="${x0 - 8}" y="${y(v) + 4}" font-size="12" text-anchor="end">${esc(t)}</text>`);
  }
  for (const [v, t] of xTicks) {
    out.push(`<line x1="${x(v)}" x2="${x(v)}" y1="${y0}" y2="${y1}" stroke="#eee"/>`);
    out.push(`<text x="${x(v)}" y="${y0 + 18}" font-size="12" text-anchor="middle">${esc(t)}</text>`);
  }
  out.push(`<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(x0 + x1) / 2}" y="${f.h - 15}" font-size="13" text-anchor="middle">${esc(xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${(y0 + y1) / 2}) rotate(-90)" font-size="13" text-anchor="middle">${esc(yLabel)}</text>`);
  return out;
}

export function legend(items: Array<{ color: string; text: string; marker?: boolean }>, f: Frame): string[] {
  const out: string[] = [];
  const x = f.w - f.right + 15;
  // Each item takes as many lines as its words need, so long labels never run into the next one.
  let y = f.top + 10;
  for (const it of items) {
    out.push(
      it.marker
        ? `<circle cx="${x + 8}" cy="${y}" r="6" fill="${it.color}"/>`
        : `<rect x="${x}" y="${y - 6}" width="16" height="12" fill="${it.color}"/>`,
    );
    const words = it.text.split(" ");
    let line = "";
    let k = 0;
    for (const w of words) {
      if (`${line} ${w}`.length > 24 && line) {
        out.push(`<text x="${x + 22}" y="${y + 4 + k * 14}" font-size="12">${esc(line)}</text>`);
        line = w;
        k++;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) out.push(`<text x="${x + 22}" y="${y + 4 + k * 14}" font-size="12">${esc(line)}</text>`);
    y += Math.max(40, (k + 1) * 14 + 16);
  }
  return out;
}

export const svg = (f: Frame, title: string, body: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}" viewBox="0 0 ${f.w} ${f.h}" font-family="DejaVu Sans, Arial, sans-serif" role="img">\n<title>${esc(title)}</title>\n${body.join("\n")}\n</svg>\n`;

/** Precision (flagged enterprise-days followed by an incident) against recall (incidents caught), the model's curve and the baselines as points. */
export function precisionRecallSvg(r: BacktestReport): string {
  const f = FRAME;
  const methods = r.methods;
  const maxP = Math.max(0.02, ...r.prCurve.map((p) => p.dayPrecision), ...methods.map((m) => m.dayPrecision ?? 0));
  const yMax = Math.ceil(maxP * 1.1 * 50) / 50;
  const x = (v: number) => f.left + v * (f.w - f.left - f.right);
  const y = (v: number) => f.h - f.bottom - (v / yMax) * (f.h - f.top - f.bottom);
  const xTicks: Array<[number, string]> = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => [v, `${v * 100} %`]);
  const yTicks: Array<[number, string]> = [];
  const step = yMax / 5;
  for (let v = 0; v <= yMax + 1e-9; v += step) yTicks.push([v, `${(v * 100).toFixed(1)} %`]);
  const title = `Precision–recall, ${r.period.from} – ${r.period.to}`;
  const body = axes(title, "recall: incidents with a flag within the horizon before them", "day precision", xTicks, yTicks, f, x, y);
  const pts = [...r.prCurve].sort((a, b) => a.recall - b.recall || b.dayPrecision - a.dayPrecision);
  if (pts.length)
    body.push(
      `<polyline fill="none" stroke="${COLORS.model}" stroke-width="2.5" points="${pts.map((p) => `${x(p.recall).toFixed(1)},${y(p.dayPrecision).toFixed(1)}`).join(" ")}"/>`,
    );
  for (const p of pts)
    body.push(`<circle cx="${x(p.recall).toFixed(1)}" cy="${y(p.dayPrecision).toFixed(1)}" r="2.5" fill="${COLORS.model}"/>`);
  const items: Array<{ color: string; text: string; marker?: boolean }> = [{ color: COLORS.model, text: "lrew model, score thresholds" }];
  for (const m of methods) {
    const color = COLORS[m.name as keyof typeof COLORS] ?? "#555";
    if (m.recall === null || m.dayPrecision === null) continue;
    body.push(`<circle cx="${x(m.recall).toFixed(1)}" cy="${y(m.dayPrecision).toFixed(1)}" r="7" fill="${color}" stroke="black"/>`);
    items.push({
      color,
      text: m.name === "model" ? "lrew model at its levels (hysteresis)" : label(m).replace("Baseline: ", ""),
      marker: true,
    });
  }
  body.push(...legend(items, f));
  return svg(f, title, body);
}

/** Lead times of caught incidents, grouped bars per method. */
export function leadTimeSvg(r: BacktestReport): string {
  return leadTimeBarsSvg(`Lead time before incidents, ${r.period.from} – ${r.period.to}`, r.methods);
}

/** Grouped bars of lead-time bins, one colour per method (a single backtest or pooled seeds). */
export function leadTimeBarsSvg(
  title: string,
  methods: ReadonlyArray<Pick<MethodResult, "name" | "leadTimes" | "leadTimeMedian">>,
): string {
  const f = FRAME;
  const bins = methods.map((m) => leadTimeBins(m.leadTimes));
  const nb = bins[0]?.length ?? 0;
  const maxC = Math.max(1, ...bins.flat().map((b) => b.count));
  const x = (v: number) => f.left + (v / Math.max(1, nb)) * (f.w - f.left - f.right);
  const y = (v: number) => f.h - f.bottom - (v / maxC) * (f.h - f.top - f.bottom);
  const yTicks: Array<[number, string]> = [];
  const step = Math.max(1, Math.ceil(maxC / 6));
  for (let v = 0; v <= maxC; v += step) yTicks.push([v, String(v)]);
  const xTicks: Array<[number, string]> = (bins[0] ?? []).map((b, i) => [i + 0.5, b.to === null ? `${b.from}+` : `${b.from}`]);
  const body = axes(title, "days from first flag to the incident (bin start)", "incidents", xTicks, yTicks, f, x, y);
  const bw = (x(1) - x(0)) / (methods.length + 1);
  methods.forEach((m, k) => {
    const color = COLORS[m.name as keyof typeof COLORS] ?? "#555";
    bins[k]!.forEach((b, i) => {
      if (b.count === 0) return;
      const bx = x(i) + bw * (k + 0.5);
      body.push(
        `<rect x="${bx.toFixed(1)}" y="${y(b.count).toFixed(1)}" width="${(bw * 0.95).toFixed(1)}" height="${(y(0) - y(b.count)).toFixed(1)}" fill="${color}"/>`,
      );
    });
  });
  body.push(
    ...legend(
      methods.map((m) => ({
        color: COLORS[m.name as keyof typeof COLORS] ?? "#555",
        text: `${shortLabel(m.name)}: median ${m.leadTimeMedian === null ? "–" : m.leadTimeMedian.toFixed(0)} d`,
      })),
      f,
    ),
  );
  return svg(f, title, body);
}

/** Label without the "Baseline:" prefix, for legends. */
export function shortLabel(name: string): string {
  if (name === "model") return "lrew model";
  return (LABELS[name] ?? name).replace("Baseline: ", "");
}

/** Writes precision-recall.svg and lead-time.svg into dir; returns their paths. */
export async function writeBacktestCharts(report: BacktestReport, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Array<[string, string]> = [
    [join(dir, "precision-recall.svg"), precisionRecallSvg(report)],
    [join(dir, "lead-time.svg"), leadTimeSvg(report)],
  ];
  for (const [path, text] of files) await writeFile(path, text);
  return files.map(([p]) => p);
}
