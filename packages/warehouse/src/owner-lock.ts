// Embedded ClickHouse's data directory belongs to one process at a time: a second process opening
// it (say `./lrew score` beside a running `./lrew start`) would fight over the same files. A pid
// file claims the directory; a stale one (its process gone) is taken over.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FatalError } from "@lrew/errors";

const LOCK_FILE = "lrew-owner.pid";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Pure: whether an existing lock's content lets process `self` take the directory. */
export function mayTake(content: string | undefined, self: number, isAlive: (pid: number) => boolean): boolean {
  const pid = Number(content?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return true;
  return pid === self || !isAlive(pid);
}

/** Claims `dir` for this process; returns the release function. Several opens in one process share it. */
export function claimDataDirectory(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  let content: string | undefined;
  try {
    content = readFileSync(file, "utf8");
  } catch {
    content = undefined;
  }
  if (!mayTake(content, process.pid, alive)) {
    throw new FatalError(
      `embedded ClickHouse at ${dir} is in use by process ${content?.trim()} (a running \`./lrew start\`?). ` +
        "Stop it first, or run every lrew process against a ClickHouse server (CLICKHOUSE_URL).",
    );
  }
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}

/** The live process other than this one that owns `dir`, if any: then only it may open the data. */
export function otherOwnerOf(dir: string): number | undefined {
  let content: string | undefined;
  try {
    content = readFileSync(path.join(dir, LOCK_FILE), "utf8");
  } catch {
    return undefined;
  }
  if (mayTake(content, process.pid, alive)) return undefined;
  return Number(content.trim());
}
