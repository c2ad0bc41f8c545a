// `./lrew chaos` itself, run as an operator would, kept short: one round of the sink-kill scenario
// against this run's broker. The command must stop by itself, print the verdict table and exit 0
// only when nothing was lost, doubled or altered. (The other scenarios' short versions are
// broker-restart.int.test.ts and clickhouse-outage.int.test.ts; the broker-restart scenario of the
// command needs a broker of its own.)
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { testEnv } from "../infra/index.ts";
import { ROOT } from "../support/processes.ts";

const run = promisify(execFile);

describe("./lrew chaos (short)", () => {
  it("runs the sink-kill scenario to a passing verdict table", async () => {
    const env = { ...process.env, ...testEnv({ LREW_LANG: "en" }) };
    const { stdout, stderr } = await run(
      process.execPath,
      [
        path.join(ROOT, "services/cli/src/main.ts"),
        "chaos",
        "--scenarios",
        "sink-kill",
        "--rounds",
        "1",
        "--events",
        "300",
        "--seed",
        "11",
      ],
      { cwd: ROOT, env, timeout: 400_000 },
    );
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^scenario\s+faults\s+acknowledged\s+stored\s+unique\s+lost\s+doubled\s+intact\s+verdict$/);
    const rows = lines.slice(2).map((l) => l.split(/\s{2,}/));
    expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8]])).toEqual([
      ["sink-kill", "300", "300", "300", "0", "0", "yes", "PASS"],
    ]);
    expect(stderr).toMatch(/\[sink-kill\] round 1\/1: sink SIGKILLed/);
  }, 420_000);
});
