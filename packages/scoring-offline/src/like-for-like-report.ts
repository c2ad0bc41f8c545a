// The like-for-like comparison as people read it: one table (every method through the one policy, at
// one e-mail budget), the model against the oracle, the curve of recall against e-mails per area per
// month, and calibration (reliability diagram, Brier skill). Markdown, JSON and SVG.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { calibrationOf, applyPlatt, fitPlattOn, reliabilitySvg, type Calibration, type Platt } from "./calibration.ts";
import {
  HORIZON_DAYS,
  likeForLike,
  type LikeForLikeOptions,
  type LikeForLikeReport,
  type MethodFigures,
  type MethodName,
  type SeedMethods,
} from "./like-for-like.ts";
import { alignTables, axes, COLORS, legend, num, pct, svg, FRAME } from "./report.ts";

const COLOR: Record<string, string> = { ...COLORS, oracle: "#555555" };
const SHORT: Record<MethodName, string> = {
  model: "lrew model",
  insurance_rule: "insurance rule",
  grievance_rule: "grievance rule",
  oracle: "oracle (simulator's hazard)",
};

export interface CalibrationReport {
  /** The model's scores against the label they state (its training label's horizon). */
  model: Calibration;
  /** The same scores judged at the alert horizon (60 days). */
  modelAtHorizon: Calibration;
  /** Platt scaling fitted on the selection seeds, judged on the evaluation seeds (60 days); absent without selection seeds. */
  modelPlatt?: { platt: Platt; calibration: Calibration };
  oracle?: Calibration;
}

export interface FullLikeForLike extends LikeForLikeReport {
  calibration: CalibrationReport;
}

/** The comparison and the calibration, from the provinces' scores. Pure. */
export function evaluateLikeForLike(
  selection: readonly SeedMethods[],
  evaluation: readonly SeedMethods[],
  opts: LikeForLikeOptions & { modelLabelHorizonDays: number },
): FullLikeForLike {
  const report = likeForLike(selection, evaluation, opts);
  const calibration: CalibrationReport = {
    model: calibrationOf(evaluation, "model", opts.modelLabelHorizonDays),
    modelAtHorizon: calibrationOf(evaluation, "model", HORIZON_DAYS),
  };
  if (selection.length > 0) {
    const platt = fitPlattOn(selection, "model", HORIZON_DAYS);
    calibration.modelPlatt = { platt, calibration: calibrationOf(evaluation, "model", HORIZON_DAYS, (x) => applyPlatt(platt, x)) };
  }
  if (report.methods.some((m) => m.method === "oracle")) calibration.oracle = calibrationOf(evaluation, "oracle", HORIZON_DAYS);
  return { ...report, calibration };
}

const days = (x: number | null) => (x === null ? "–" : `${Math.round(x)}`);

function row(label: string, f: MethodFigures): string {
  return `| ${label} | ${pct(f.recall, 0)} (${f.caught}/${f.incidents}) | ${num(f.falsePerAreaMonth)} (worst area ${num(f.falsePerAreaMonthMax)}) | ${num(f.emailsPerAreaMonth)} | ${pct(f.precision)} | ${days(f.leadMedian)} | ${pct(f.flaggedShare)} | ${f.maxOpenPerArea} | ${days(f.earliestWarningMedian)} |`;
}

const HEADER =
  "| method | recall (caught / incidents) | false e-mails / area / month | e-mails / area / month | e-mail precision | median lead, days (≤ 60) | open load: enterprise-days at high + critical | most open in one area on one day | earliest warning, days (not the headline) |\n|---|---|---|---|---|---|---|---|---|";

function calibrationLine(name: string, c: Calibration): string {
  return `| ${name} | ${c.horizonDays} | ${c.pairs.toLocaleString("en-US")} | ${pct(c.baseRate, 2)} | ${c.brier.toFixed(5)} | ${c.brierReference.toFixed(5)} | **${c.skill.toFixed(3)}** | ${c.meanScoreOverRate.toFixed(2)} |`;
}

export function renderLikeForLikeMarkdown(r: FullLikeForLike, title = "Like-for-like backtest"): string {
  const L: string[] = [];
  L.push(`# ${title}`, "");
  L.push(
    `Every method's daily scores go through the same alert policy — ${r.policy.description} — and only the immediate e-mails are judged, at ${r.horizonDays} days: an e-mail is true when an incident starts at that enterprise within ${r.horizonDays} days after it; an incident is caught when an e-mail was sent within the ${r.horizonDays} days before it, and its lead is its start minus the first such e-mail.`,
    "",
  );
  L.push(
    r.inSample
      ? `Operating points: each method's at most **${r.budget} false e-mail per area per month**, chosen **on the same seeds it is judged on** (${r.evaluationSeeds.join(", ")}; no selection seeds): in-sample, read the rows as the best each method can do here.`
      : `Operating points: each method's threshold is the one with the highest recall within **${r.budget} false e-mail per area per month** on the selection seeds ${r.selectionSeeds.join(", ")}; the table judges it on the evaluation seeds ${r.evaluationSeeds.join(", ")}, which no choice saw.`,
    "",
  );
  L.push(HEADER);
  for (const m of r.methods) L.push(row(`${m.label} (enters high at ${m.threshold.toPrecision(3)})`, m.evaluation));
  L.push(row("insurance rule as defined (≥ 3 months), same policy", r.insuranceRuleAsDefined));
  L.push("");
  if (r.modelShareOfOracle !== null)
    L.push(
      `**The model's recall is ${pct(r.modelShareOfOracle, 0)} of the oracle's** at this budget: the oracle scores each enterprise by the simulator's own monthly incident hazard (hidden state × sector, ownership, size, Tết, contagion), the limit of what any method could know in this world.`,
      "",
    );
  if (!r.inSample) {
    L.push("On the selection seeds (where the thresholds were chosen):", "", HEADER);
    for (const m of r.methods) if (m.selection) L.push(row(m.label, m.selection));
    L.push("");
  }
  L.push(
    `Diagnostic, in-sample: the best point within the budget on the evaluation seeds themselves (what each method could do with a threshold tuned on them):`,
    "",
    HEADER,
  );
  for (const m of r.methods)
    if (m.bestWithinBudgetOnEvaluation)
      L.push(row(`${m.label} (at ${m.bestWithinBudgetOnEvaluation.threshold.toPrecision(3)})`, m.bestWithinBudgetOnEvaluation));
  L.push("");
  L.push("## Recall against e-mails per area per month (`recall-curve.svg`)", "");
  L.push(
    "Each method at its own thresholds on the evaluation seeds: a federation picks its operating point by the e-mails its offices can follow.",
    "",
  );
  L.push(`| method | ${[0.5, 1, 2, 4, 8].map((b) => `recall at ≤ ${b} e-mails / area / month`).join(" | ")} |`);
  L.push(`|---|${[0.5, 1, 2, 4, 8].map(() => "---").join("|")}|`);
  for (const m of r.methods) {
    const at = (b: number) => {
      const ok = m.curve.filter((p) => p.emailsPerAreaMonth <= b);
      return ok.length ? pct(Math.max(...ok.map((p) => p.recall)), 0) : "–";
    };
    L.push(`| ${m.label} | ${[0.5, 1, 2, 4, 8].map(at).join(" | ")} |`);
  }
  L.push("");
  const c = r.calibration;
  L.push("## Calibration (`reliability.svg`)", "");
  L.push(
    "Brier score of the scores against the outcome they state, on the evaluation seeds; skill = 1 − Brier / Brier of always forecasting the base rate (> 0 beats it). Mean score ÷ observed rate: 1 when calibrated on average.",
    "",
  );
  L.push(
    "| scores | label horizon, days | enterprise-days | base rate | Brier | reference | skill | mean score ÷ rate |",
    "|---|---|---|---|---|---|---|---|",
  );
  L.push(calibrationLine("model (its stated label)", c.model));
  L.push(calibrationLine("model, judged at 60 days", c.modelAtHorizon));
  if (c.modelPlatt)
    L.push(
      calibrationLine(
        `model, Platt on selection seeds (a ${c.modelPlatt.platt.a.toFixed(3)}, b ${c.modelPlatt.platt.b.toFixed(3)})`,
        c.modelPlatt.calibration,
      ),
    );
  if (c.oracle) L.push(calibrationLine("oracle (60-day chance from the month's hazard)", c.oracle));
  L.push("");
  L.push("| model score bin | enterprise-days | mean score | observed |", "|---|---|---|---|");
  for (const b of c.model.bins)
    if (b.n > 0) L.push(`| ${pct(b.from, 2)} – ${pct(b.to, 2)} | ${b.n} | ${pct(b.meanScore, 2)} | ${pct(b.observed, 2)} |`);
  L.push("");
  return alignTables(L.join("\n"));
}

/** Recall against e-mails per area per month, one line per method (log x axis). */
export function recallCurveSvg(r: LikeForLikeReport, title = "Recall against e-mails per area per month (dot: chosen point)"): string {
  const f = FRAME;
  const lo = 0.1;
  const hi = Math.max(20, ...r.methods.flatMap((m) => m.curve.map((p) => p.emailsPerAreaMonth)));
  const lx = (v: number) => (Math.log10(Math.max(lo, v)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  const x = (v: number) => f.left + lx(v) * (f.w - f.left - f.right);
  const y = (v: number) => f.h - f.bottom - v * (f.h - f.top - f.bottom);
  const xTicks: Array<[number, string]> = [0.1, 0.3, 1, 3, 10, 30, 100].filter((v) => v <= hi).map((v) => [v, String(v)]);
  const yTicks: Array<[number, string]> = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => [v, `${v * 100} %`]);
  const body = axes(
    title,
    "immediate e-mails per area per month (log)",
    `recall (an e-mail within ${r.horizonDays} days before)`,
    xTicks,
    yTicks,
    f,
    x,
    y,
  );
  for (const m of r.methods) {
    const color = COLOR[m.method] ?? "#555";
    const pts = m.curve.filter((p) => p.emailsPerAreaMonth > 0);
    if (pts.length > 1)
      body.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${x(p.emailsPerAreaMonth).toFixed(1)},${y(p.recall).toFixed(1)}`).join(" ")}"/>`,
      );
    const e = m.evaluation;
    if (e.recall !== null)
      body.push(`<circle cx="${x(e.emailsPerAreaMonth).toFixed(1)}" cy="${y(e.recall).toFixed(1)}" r="6" fill="${color}" stroke="black"/>`);
  }
  body.push(
    ...legend(
      r.methods.map((m) => ({ color: COLOR[m.method] ?? "#555", text: SHORT[m.method] })),
      f,
    ),
  );
  return svg(f, title, body);
}

/** like-for-like.md, like-for-like.json, recall-curve.svg, reliability.svg into dir; returns the Markdown. */
export async function writeLikeForLike(r: FullLikeForLike, dir: string, title?: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const md = renderLikeForLikeMarkdown(r, title);
  await writeFile(join(dir, "like-for-like.md"), md);
  await writeFile(join(dir, "like-for-like.json"), `${JSON.stringify(r, null, 2)}\n`);
  await writeFile(join(dir, "recall-curve.svg"), recallCurveSvg(r));
  const series = [
    { name: "model (stated label)", color: COLOR.model!, calibration: r.calibration.model },
    { name: "model at 60 days", color: "#7fa7e0", calibration: r.calibration.modelAtHorizon },
    ...(r.calibration.modelPlatt
      ? [{ name: "model, Platt (60 d)", color: COLORS.matched, calibration: r.calibration.modelPlatt.calibration }]
      : []),
    ...(r.calibration.oracle ? [{ name: "oracle", color: COLOR.oracle!, calibration: r.calibration.oracle }] : []),
  ];
  await writeFile(join(dir, "reliability.svg"), reliabilitySvg("Reliability on the evaluation seeds", series));
  return md;
}

/**
 * A report's figures as the READMEs quote them (the summary tables are made of these cells and
 * checked against the committed reports by readme-figures.test.ts). Pure.
 */
export function summaryOf(r: FullLikeForLike): {
  /** The evaluation seeds: "D … K" for a run of more than two, else listed. */
  seeds: string;
  incidents: number;
  /** Per method: "28 % (49/174)", false e-mails per area per month (worst area), median lead, open load. */
  methods: Record<string, { recall: string; falseEmails: string; worst: string; lead: string; openLoad: string }>;
  modelShareOfOracle: string;
  modelSkill: string;
} {
  const methods: ReturnType<typeof summaryOf>["methods"] = {};
  for (const m of r.methods) {
    const e = m.evaluation;
    methods[m.method] = {
      recall: `${pct(e.recall, 0)} (${e.caught}/${e.incidents})`,
      falseEmails: num(e.falsePerAreaMonth),
      worst: num(e.falsePerAreaMonthMax),
      lead: e.leadMedian === null ? "–" : String(Math.round(e.leadMedian)),
      openLoad: pct(e.flaggedShare),
    };
  }
  const seeds = r.evaluationSeeds;
  return {
    seeds: seeds.length > 2 ? `${seeds[0]} … ${seeds[seeds.length - 1]}` : seeds.join(", "),
    incidents: r.methods[0]?.evaluation.incidents ?? 0,
    methods,
    modelShareOfOracle: pct(r.modelShareOfOracle, 0),
    modelSkill: num(r.calibration.model.skill, 3),
  };
}
