// Risk levels with hysteresis: entering a level needs a higher score than staying in it, so a score
// hovering around a threshold does not flap between levels (and alerts). Pure.
import { z } from "zod";

export const LEVELS = ["low", "watch", "high", "critical"] as const;
export type Level = (typeof LEVELS)[number];

export interface LevelBand {
  /** Score at or above which an enterprise below this level enters it. */
  enter: number;
  /** Score below which an enterprise at (or above) this level leaves it. exit <= enter. */
  exit: number;
}

export interface LevelThresholds {
  watch: LevelBand;
  high: LevelBand;
  critical: LevelBand;
}

const band = z.strictObject({ enter: z.number().min(0).max(1), exit: z.number().min(0).max(1) });
export const levelThresholdsSchema = z.strictObject({ watch: band, high: band, critical: band }).superRefine((t, ctx) => {
  for (const l of ["watch", "high", "critical"] as const) {
    if (t[l].exit > t[l].enter) ctx.addIssue({ code: "custom", path: [l, "exit"], message: `${l}: exit must not exceed enter` });
  }
  if (!(t.watch.enter <= t.high.enter && t.high.enter <= t.critical.enter)) {
    ctx.addIssue({ code: "custom", path: [], message: "enter thresholds must rise: watch <= high <= critical" });
  }
  if (!(t.watch.exit <= t.high.exit && t.high.exit <= t.critical.exit)) {
    ctx.addIssue({ code: "custom", path: [], message: "exit thresholds must rise: watch <= high <= critical" });
  }
});

export function levelRank(l: Level): number {
  return LEVELS.indexOf(l);
}

export function isLevel(s: unknown): s is Level {
  return typeof s === "string" && (LEVELS as readonly string[]).includes(s);
}

/** True for the levels that raise alerts (high and critical). */
export function isFlagged(l: Level): boolean {
  return l === "high" || l === "critical";
}

/**
 * The level for `score` given the previous level: from the top, an enterprise already at or above a
 * level keeps it while the score stays at or above that level's exit threshold; one below it needs
 * the enter threshold. No previous level behaves like `low`.
 */
export function nextLevel(previous: Level | undefined | null, score: number, t: LevelThresholds): Level {
  const prev = previous ? levelRank(previous) : 0;
  for (const l of ["critical", "high", "watch"] as const) {
    const threshold = prev >= levelRank(l) ? t[l].exit : t[l].enter;
    if (score >= threshold) return l;
  }
  return "low";
}

/** Levels of a score sequence, starting from `initial`. */
export function levelSequence(scores: readonly number[], t: LevelThresholds, initial?: Level): Level[] {
  const out: Level[] = [];
  let prev = initial;
  for (const s of scores) {
    prev = nextLevel(prev, s, t);
    out.push(prev);
  }
  return out;
}
