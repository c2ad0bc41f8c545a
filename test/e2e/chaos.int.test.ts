// `./lrew chaos` itself, run as an operator would, kept short: one round each of the sink, notifier
// and scorer kills against this run's broker. The command must stop by itself, print the verdict
// table and exit 0 only when nothing was lost, doubled, partially acknowledged or altered. (The
// scenarios that stop brokers need brokers of the command's own, so they are skipped here, as the
// table says; their short versions are broker-restart.int.test.ts, the notifier's and scorer's
// broker-stop.int.test.ts and cluster-failover.int.test.ts.)
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { testEnv } from "../infra/index.ts";
import { ROOT } from "../support/processes.ts";

const run = promisify(execFile);

describe("./lrew chaos (short)", () => {
  it("runs the sink, notifier and scorer kills to a passing verdict table", async () => {
    const env = { ...process.env, ...testEnv({ LREW_LANG: "en" }) };
    const { stdout, stderr } = await run(
      process.execPath,
      [
        path.join(ROOT, "services/cli/src/main.ts"),
        "chaos",
        "--scenarios",
        "sink-kill,notifier-kill,scorer-kill,broker-restart",
        "--rounds",
        "1",
        "--events",
        "300",
        "--seed",
        "11",
      ],
      { cwd: ROOT, env, timeout: 800_000 },
    );
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^scenario\s+faults\s+acknowledged\s+stored\s+unique\s+lost\s+doubled\s+partial\s+unsent\s+intact\s+verdict$/);
    const rows = new Map(
      lines
        .slice(2)
        .map((l) => l.split(/\s{2,}/))
        .map((r) => [r[0], r]),
    );
    // scenario, faults, acknowledged, stored, unique, lost, doubled, partial, unsent, intact, verdict
    expect(rows.get("sink-kill")!.slice(2)).toEqual(["300", "300", "300", "0", "0", "0", "0", "yes", "PASS"]);
    // 30 alerts, each e-mailed once; the one whose record the kill prevented is held as uncertain, not sent again
    expect(rows.get("notifier-kill")!.slice(2)).toEqual(["30", "30", "30", "0", "0", "0", "1", "yes", "PASS"]);
    const scorer = rows.get("scorer-kill")!;
    expect(Number(scorer[2])).toBeGreaterThan(0);
    expect(scorer.slice(5)).toEqual(["0", "0", "0", "0", "yes", "PASS"]);
    expect(rows.get("broker-restart")![10]).toMatch(/^FAIL: skipped: needs a single broker of its own/);
    expect(stderr).toMatch(/\[sink-kill\] round 1\/1: sink SIGKILLed/);
    expect(stderr).toMatch(/\[notifier-kill\] round 1\/1: notifier killed between e-mail \d and its record \(SIGKILL\)/);
    expect(stderr).toMatch(/\[scorer-kill\] round 1\/1: scorer killed at scoring\.\S+ \(SIGKILL\)/);
  }, 820_000);
});
