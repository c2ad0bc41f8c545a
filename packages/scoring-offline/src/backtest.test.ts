import { describe, expect, it } from "vitest";
import { daysSinceEventSeries, evaluateBacktest, hysteresisFlags, runsOf, type BacktestSeries, type EnterpriseSeries } from "./backtest.ts";
import { dateRange } from "@lrew/contracts";
import type { Model } from "@lrew/scoring";
import { leadTimeBins, leadTimeSvg, precisionRecallSvg, renderBacktestMarkdown } from "./report.ts";

const T = { watch: { enter: 0.02, exit: 0.01 }, high: { enter: 0.1, exit: 0.05 }, critical: { enter: 0.5, exit: 0.4 } };
const model: Model = {
  version: "t",
  createdAt: "2026-01-01T00:00:00Z",
  horizonDays: 10,
  intercept: 0,
  features: [{ name: "workforce", mean: 0, std: 1, weight: 1 }],
  thresholds: T,
};

function series(id: string, area: string, scores: number[], insMonths: number[] = [], g30: number[] = []): EnterpriseSeries {
  const n = scores.length;
  return {
    id,
    area,
    present: new Uint8Array(n).fill(1),
    score: Float32Array.from(scores),
    insMonths: Float32Array.from({ length: n }, (_, i) => insMonths[i] ?? 0),
    g30: Float32Array.from({ length: n }, (_, i) => g30[i] ?? 0),
  };
}

describe("backtest building blocks", () => {
  it("counts days since the last event known by each day, as the scorer would have read them", () => {
    const dates = dateRange("2026-03-01", "2026-03-05");
    const since = daysSinceEventSeries(
      [
        { enterprise_id: "A", known_day: "2026-01-10", last_day: "2026-01-10" },
        // A backlog reported for 1 March reaches lrew only on 4 March: it counts from the 4th on.
        { enterprise_id: "A", known_day: "2026-03-04", last_day: "2026-03-01" },
        { enterprise_id: "B", known_day: "2026-03-03", last_day: "2026-03-03" },
        { enterprise_id: "B", known_day: "2026-03-09", last_day: "2026-03-09" },
      ],
      dates,
    );
    expect([...since.get("A")!]).toEqual([50, 51, 52, 3, 4]);
    expect([...since.get("B")!]).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0, 1, 2]);
  });

  it("finds runs of flagged days", () => {
    expect(runsOf([0, 1, 1, 0, 1, 0, 0, 1])).toEqual([
      [1, 2],
      [4, 4],
      [7, 7],
    ]);
    expect(runsOf([])).toEqual([]);
  });

  it("applies hysteresis day by day and resets on days an enterprise is not scored", () => {
    expect([...hysteresisFlags([0.12, 0.07, 0.06, 0.04, 0.09, 0.11], [1, 1, 1, 1, 1, 1], T)]).toEqual([1, 1, 1, 0, 0, 1]);
    expect([...hysteresisFlags([0.12, 0.07, 0.07], [1, 0, 1], T)]).toEqual([1, 0, 0]);
  });
});

describe("backtest evaluation", () => {
  // 40 days from 2026-01-01; horizon 10 → alerts starting after day 29 are not judged.
  const dates = dateRange("2026-01-01", "2026-02-09");
  const n = dates.length;
  const flat = (v: number) => Array(n).fill(v) as number[];
  const a = flat(0.01);
  for (let d = 5; d < 20; d++) a[d] = 0.2; // flagged days 5..19, incident on day 15: caught, lead 10
  const b = flat(0.01);
  for (let d = 8; d < 12; d++) b[d] = 0.2; // an alert with no incident: a false alarm in area Y
  const c = flat(0.01); // incident on day 30 never flagged by the model
  const replay: BacktestSeries = {
    from: dates[0]!,
    dates,
    featuresMs: 0,
    series: [series("A", "X", a, flat(4), flat(0)), series("B", "Y", b, flat(0), flat(5)), series("C", "Y", c, flat(0), flat(0))],
  };
  const incidents = [
    { enterprise_id: "A", started_day: dates[15]!, incidents: 1 },
    { enterprise_id: "C", started_day: dates[30]!, incidents: 1 },
  ];
  const r = evaluateBacktest(replay, incidents, model, { from: dates[0]!, to: dates[n - 1]!, grievanceK: 5 });
  const [m, ins, griev] = r.methods;

  it("measures recall, lead time, alerts and false alarms of the model", () => {
    expect(r.incidentsInPeriod).toBe(2);
    expect(m!.incidents).toBe(2);
    expect(m!.caught).toBe(1);
    expect(m!.recall).toBe(0.5);
    expect(m!.leadTimes).toEqual([10]);
    expect(m!.leadTimeMedian).toBe(10);
    expect(m!.leadTimeWithinHorizonMedian).toBe(10);
    expect(m!.alerts).toBe(2);
    expect(m!.falseAlarms).toBe(1);
    expect(m!.alertPrecision).toBe(0.5);
    expect(m!.falseAlarmsByArea.Y).toBeGreaterThan(0);
    expect(m!.falseAlarmsByArea.X).toBe(0);
    // 1 false alarm / 2 areas / (30 judged days / 30.4375)
    expect(m!.falseAlarmsPerAreaMonth).toBeCloseTo(1 / 2 / (30 / 30.4375));
    expect(m!.falseAlarmsByReceivingUnit).toBeUndefined();
  });

  it("also counts false alarms per receiving unit on the alert's day, leaving the per-area figures as they were", () => {
    const seen: string[] = [];
    const byUnit = evaluateBacktest(replay, incidents, model, {
      from: dates[0]!,
      to: dates[n - 1]!,
      grievanceK: 5,
      receivingUnit: (id, area, day) => {
        seen.push(`${id}/${area}/${day}`);
        return day < dates[10]! ? `LDLD-${area}` : `CD-${area}`;
      },
    });
    const [mu] = byUnit.methods;
    expect(mu!.falseAlarmsByArea).toEqual(m!.falseAlarmsByArea);
    expect(Object.values(mu!.falseAlarmsByReceivingUnit!).reduce((a, b) => a + b, 0)).toBe(mu!.falseAlarms);
    expect(seen.length).toBeGreaterThan(0);
  });

  it("counts alerts followed by an intervention and no incident, and incidents after an intervention, beside the unchanged headline", () => {
    expect(m!.alertsInterventionNoIncident).toBeUndefined(); // no interventions recorded: no such figures
    const withActions = evaluateBacktest(replay, incidents, model, {
      from: dates[0]!,
      to: dates[n - 1]!,
      grievanceK: 5,
      interventions: [
        { enterprise_id: "B", day: dates[14]! }, // within B's false alarm's window (days 8..11 + 10)
        { enterprise_id: "A", day: dates[12]! }, // 3 days before A's incident on day 15
        { enterprise_id: "C", day: dates[2]! }, // long before C's incident on day 30: not "followed"
      ],
    });
    const [mi, insi, grievi] = withActions.methods;
    // The headline stays as it was.
    for (const [x, y] of [
      [mi!, m!],
      [insi!, ins!],
      [grievi!, griev!],
    ] as const) {
      expect(x.falseAlarms).toBe(y.falseAlarms);
      expect(x.recall).toBe(y.recall);
      expect(x.alertPrecision).toBe(y.alertPrecision);
      expect(x.falseAlarmsPerAreaMonth).toBe(y.falseAlarmsPerAreaMonth);
    }
    expect(mi!.alertsInterventionNoIncident).toBe(1); // B's alert: acted on, no incident
    expect(mi!.incidentsAfterIntervention).toBe(1); // A's incident; C's intervention was too early
    expect(griev!.falseAlarms).toBe(1);
    expect(grievi!.alertsInterventionNoIncident).toBe(1); // the grievance rule's alert at B, the same intervention
    const md = renderBacktestMarkdown(withActions);
    expect(md).toContain("## Interventions (recorded case actions)");
    expect(md).toMatch(/\| incidents that followed an intervention \(of all incidents\) +\| 1 \/ 2 +\|/);
    expect(renderBacktestMarkdown(r)).not.toContain("## Interventions");
  });

  it("measures the baselines the same way", () => {
    // Insurance rule: A flagged every day from day 0: lead 15 days.
    expect(ins!.caught).toBe(1);
    expect(ins!.leadTimes).toEqual([15]);
    expect(ins!.leadTimeWithinHorizonMedian).toBe(10);
    expect(ins!.falseAlarms).toBe(0);
    // Grievance rule with k = 5: B flagged all period, never followed by an incident.
    expect(griev!.caught).toBe(0);
    expect(griev!.falseAlarms).toBe(1);
    expect(r.grievanceK).toBe(5);
  });

  it("renders the report and charts", () => {
    const md = renderBacktestMarkdown(r);
    expect(md).toMatch(/\| lrew model \(high or critical\) +\| 50\.0 % +\| 1 \/ 2 +\|/);
    // Tables come out aligned, as the formatter writes them.
    const table = md.split("\n").filter((l) => l.startsWith("| method") || l.startsWith("| lrew model (high"));
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(precisionRecallSvg(r)).toContain("<polyline");
    expect(leadTimeSvg(r)).toContain("<rect");
    expect(
      leadTimeBins([0, 14, 15, 200])
        .map((b) => b.count)
        .filter(Boolean),
    ).toEqual([2, 1, 1]);
  });
});
