// The scoring service: on a schedule, score the enterprises with new events (frequent) or all of
// them (nightly), as of today in Vietnam time. Runs never overlap; each is recorded in
// scoring_runs by @lrew/scoring, with its errors.
import cron, { type ScheduledTask } from "node-cron";
import { addDays, VIETNAM_TIME_ZONE, vietnamDate } from "@lrew/contracts";
import { ConfigError, describe as describeError } from "@lrew/errors";
import { runScoring, type Model, type PolicySettings, type ScoringRunResult } from "@lrew/scoring";
import { counter, createLogger, gauge } from "@lrew/telemetry";
import { enterprisesWithEventsSince, selectLastCompletedRunStart, type Warehouse } from "@lrew/warehouse";
import type { AlertPublisher } from "./alert-publisher.ts";

export interface ScorerSettings {
  /** Cron expression of the frequent run (enterprises with new events). */
  frequent: string;
  /** Cron expression of the nightly run (all enterprises). */
  nightly: string;
}

export type Scope = "changed" | "all";

const log = createLogger("scorer");
const runs = counter("lrew_scorer_runs_total", "Scoring runs by scope and outcome", ["scope", "outcome"]);
const lastRun = gauge("lrew_scorer_last_run_timestamp_seconds", "When the last scoring run completed", ["scope"]);
const scoredGauge = gauge("lrew_scorer_last_run_enterprises", "Enterprises scored by the last run", ["scope"]);

export class Scorer {
  #wh: Warehouse;
  #model: Model;
  #alerts: AlertPublisher | undefined;
  #policy: PolicySettings | undefined;
  #running: Promise<unknown> | undefined;
  #tasks: ScheduledTask[] = [];

  /**
   * With `alerts`, every run's e-mail decisions become alert events (see AlertPublisher). `policy`:
   * the configured alert policy (policySettingsOf); without it, the defaults (capacity 5 per area).
   */
  constructor(wh: Warehouse, model: Model, alerts?: AlertPublisher, policy?: PolicySettings) {
    this.#wh = wh;
    this.#model = model;
    this.#alerts = alerts;
    this.#policy = policy;
  }

  get model(): Model {
    return this.#model;
  }

  /** Starts both schedules. */
  schedule(s: ScorerSettings): void {
    for (const [name, expr] of [
      ["LREW_SCORER_FREQUENT", s.frequent],
      ["LREW_SCORER_NIGHTLY", s.nightly],
    ]) {
      if (!cron.validate(expr!)) throw new ConfigError(`invalid configuration:\n  ${name}: not a cron expression: ${expr}`);
    }
    for (const [expr, scope] of [
      [s.frequent, "changed"],
      [s.nightly, "all"],
    ] as const) {
      this.#tasks.push(
        cron.schedule(expr, () => void this.run(scope).catch(() => undefined), { timezone: VIETNAM_TIME_ZONE, name: `scorer-${scope}` }),
      );
    }
    log.info({ frequent: s.frequent, nightly: s.nightly, model: this.#model.version, timezone: VIETNAM_TIME_ZONE }, "scorer scheduled");
  }

  /**
   * One run now. Returns "skipped" when another run is in progress (runs never overlap) or, for
   * the frequent scope, when no enterprise has new events.
   */
  async run(
    scope: Scope,
    asOf: string = vietnamDate(new Date()),
    opts: { publishAlerts?: boolean } = {},
  ): Promise<ScoringRunResult | "skipped"> {
    if (this.#running) {
      log.info({ scope }, "a scoring run is in progress; skipping this one");
      runs.inc({ scope, outcome: "skipped" });
      return "skipped";
    }
    const work = this.#run(scope, asOf, opts.publishAlerts ?? true);
    this.#running = work;
    try {
      return await work;
    } finally {
      this.#running = undefined;
    }
  }

  async #run(scope: Scope, asOf: string, publishAlerts: boolean): Promise<ScoringRunResult | "skipped"> {
    try {
      let enterpriseIds: string[] | undefined;
      if (scope === "changed") {
        const since = await selectLastCompletedRunStart(this.#wh);
        if (since) {
          enterpriseIds = await enterprisesWithEventsSince(this.#wh, since);
          if (enterpriseIds.length === 0) {
            runs.inc({ scope, outcome: "skipped" });
            return "skipped";
          }
        }
      }
      // Alerts go out before the run is recorded as completed: a run that dies or fails before its
      // alerts are out stays incomplete, so the next run decides the same e-mails (against the last
      // completed states) and publishes them; one that dies after publishing republishes the same
      // alert ids, which the alerts table folds, the cooldown holds back and the notifier's delivery
      // log recognises. (Completing first would lose the alerts of a run killed in between.)
      const alerts = this.#alerts;
      const result = await runScoring(this.#wh, this.#model, {
        asOf,
        ...(enterpriseIds ? { enterpriseIds } : {}),
        ...(this.#policy ? { policy: this.#policy } : {}),
        ...(alerts && publishAlerts ? { beforeComplete: async (emails) => void (await alerts.publish(emails)) } : {}),
      });
      runs.inc({ scope, outcome: "completed" });
      lastRun.set({ scope }, Date.now() / 1000);
      scoredGauge.set({ scope }, result.scored);
      log.info(
        {
          scope,
          asOf,
          runId: result.runId,
          scored: result.scored,
          stateChanges: result.stateChanges,
          emails: result.emails.length,
          model: this.#model.version,
        },
        "scoring run completed",
      );
      return result;
    } catch (err) {
      runs.inc({ scope, outcome: "failed" });
      log.error({ scope, asOf, error: describeError(err) }, "scoring run failed");
      throw err;
    }
  }

  /**
   * Scores every `stepDays` from `from` to `to` (inclusive): history for a fresh installation. Only
   * the last day's e-mail decisions become alerts: nobody should be e-mailed about last spring.
   */
  async backfill(
    from: string,
    to: string,
    stepDays: number,
    onProgress?: (done: number, total: number) => void,
    opts: { publishFrom?: string } = {},
  ): Promise<number> {
    const dates: string[] = [];
    for (let d = from; d <= to; d = addDays(d, stepDays)) dates.push(d);
    if (dates.at(-1) !== to) dates.push(to);
    // Alerts of the runs from `publishFrom` on (default: the last run's only): the demo publishes a
    // few weeks of them, so its cases have an age and some are overdue.
    const publishFrom = opts.publishFrom ?? to;
    for (const [i, d] of dates.entries()) {
      await this.run("all", d, { publishAlerts: i === dates.length - 1 || d >= publishFrom });
      onProgress?.(i + 1, dates.length);
    }
    return dates.length;
  }

  /** Stops the schedules and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    for (const t of this.#tasks) await t.stop();
    this.#tasks = [];
    await this.#running?.catch(() => undefined);
  }
}
