// Fault points for the reliability tests (sink, notifier, warehouse, …). Unset in normal operation,
// where each costs one comparison.
//
// - `LREW_FAULT=<point>:<n>` makes this process die with SIGKILL the n-th time it reaches <point>,
//   exactly as a power cut or an OOM kill would. The points: sink.after-insert (ClickHouse insert
//   done, offsets not committed), notifier.after-send (e-mail sent, not recorded),
//   scoring.after-features, scoring.after-insert, scoring.before-complete (inside a scoring run).
// - `LREW_FAULT_DIR=<dir>`: the switchable fault <name> is on while the file `<dir>/<name>` exists, so a
//   test (or `./lrew chaos`) in another process can start and end an outage by creating and removing
//   a file, e.g. `clickhouse-down` or `clickhouse-disk-full` (see packages/warehouse/src/outage.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";

const spec = process.env.LREW_FAULT;
const [faultName, faultCount] = spec ? spec.split(":") : [];
let remaining = Number(faultCount ?? 1);

export function faultPoint(name: string): void {
  if (faultName !== name) return;
  remaining -= 1;
  if (remaining <= 0) process.kill(process.pid, "SIGKILL");
}

/** Names of the switchable faults (files under LREW_FAULT_DIR). */
export const SWITCHABLE_FAULTS = ["clickhouse-down", "clickhouse-disk-full"] as const;
export type SwitchableFault = (typeof SWITCHABLE_FAULTS)[number];

/** True while the switchable fault is on for this process (read at every call: it may change at any time). */
export function faultOn(name: SwitchableFault, dir: string | undefined = process.env.LREW_FAULT_DIR): boolean {
  if (!dir) return false;
  return existsSync(join(dir, name));
}
