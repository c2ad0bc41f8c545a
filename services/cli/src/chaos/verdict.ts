// Pure: the verdict of one chaos scenario from what was acknowledged and what came out. The same
// columns for every scenario: events stored in ClickHouse, alerts e-mailed, enterprises scored.
import type { Lang } from "@lrew/contracts";

export interface StoredCheck {
  /** What lrew took charge of: events ingest acknowledged (HTTP 202), alerts Kafka acknowledged, enterprises to score. */
  acknowledged: number;
  /** What came out: rows stored, e-mails captured, final scores (plus alert messages, for the scorer). */
  rows: number;
  /** Distinct ones among them (event_id, alert_id, enterprise). */
  unique: number;
  /** Acknowledged ones that never came out (lost). */
  missing: number;
  /** Answers that acknowledged part of what was sent (ingest 202 for fewer records; scores of an unfinished run shown as final). */
  partial: number;
  /** Held back on purpose, for an operator to decide (e-mails `uncertain` after a kill between send and record, or parked). */
  unsent: number;
  /** Stored events never sent at all (must be 0; sent-but-unacknowledged ones may be stored). */
  unknown: number;
  /** Stored events whose fields differ from what was sent (a sample of the lines in `differences`). */
  notIntact: number;
  differences: string[];
}

export interface ScenarioResult {
  scenario: string;
  check: StoredCheck | undefined;
  /** What went wrong running the scenario itself (timeout, a process that would not start). */
  error?: string;
  /** What the faults did, e.g. "3 kills", "2 outages, sink not ready during each". */
  faults: string;
}

export function passed(r: ScenarioResult): boolean {
  const c = r.check;
  return (
    r.error === undefined &&
    c !== undefined &&
    c.missing === 0 &&
    c.unknown === 0 &&
    c.rows === c.unique &&
    c.partial === 0 &&
    c.notIntact === 0
  );
}

const n = (x: number) => x.toLocaleString("vi-VN");

/** The final table: one row per scenario: acknowledged / stored / unique / lost / doubled / partial / unsent / intact / verdict. */
export function verdictTable(results: readonly ScenarioResult[], lang: Lang): string {
  const head =
    lang === "vi"
      ? ["kịch bản", "lỗi đã gây", "đã nhận", "đã ra", "khác nhau", "mất", "trùng", "dở dang", "chưa gửi", "nguyên vẹn", "kết luận"]
      : ["scenario", "faults", "acknowledged", "stored", "unique", "lost", "doubled", "partial", "unsent", "intact", "verdict"];
  const rows = results.map((r) => {
    const c = r.check;
    const ok = passed(r);
    const verdict = ok ? (lang === "vi" ? "ĐẠT" : "PASS") : `${lang === "vi" ? "KHÔNG ĐẠT" : "FAIL"}${r.error ? `: ${r.error}` : ""}`;
    if (!c) return [r.scenario, r.faults, "-", "-", "-", "-", "-", "-", "-", "-", verdict];
    const intact = c.notIntact === 0 ? (lang === "vi" ? "có" : "yes") : `${n(c.notIntact)} ${lang === "vi" ? "sai" : "differ"}`;
    return [
      r.scenario,
      r.faults,
      n(c.acknowledged),
      n(c.rows),
      n(c.unique),
      n(c.missing),
      n(c.rows - c.unique),
      n(c.partial),
      n(c.unsent),
      intact,
      verdict,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const last = head.length - 1;
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === last ? c : i >= 2 && i <= 8 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
