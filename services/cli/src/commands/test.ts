// `./lrew test`: typecheck, then every test (unit, integration, end-to-end) with vitest; ends with
// one summary line "lrew: N passed, N failed, N skipped" that CI reads.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { CliContext } from "../context.ts";

function run(cmd: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: "inherit", env: process.env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

/** Lint and format check (Biome); with `fix`, applies the safe fixes and formats. */
export function lintCommand(ctx: CliContext, opts: { fix?: boolean }): Promise<number> {
  const biome = path.join(ctx.root, "node_modules/@biomejs/biome/bin/biome");
  return run(biome, ["check", ...(opts.fix ? ["--write"] : []), "."], ctx.root);
}

export async function testCommand(ctx: CliContext, opts: { unit?: boolean; typecheck?: boolean }, filters: string[]): Promise<number> {
  const node = process.execPath;
  const nm = path.join(ctx.root, "node_modules");
  if (opts.typecheck !== false) {
    console.error("lrew: typecheck (tsc) and lint (biome)");
    const tsc = await run(node, [path.join(nm, "typescript/bin/tsc"), "-p", "tsconfig.json"], ctx.root);
    if (tsc !== 0) {
      console.error("lrew: typecheck failed");
      return tsc;
    }
    const lint = await lintCommand(ctx, {});
    if (lint !== 0) {
      console.error("lrew: lint failed (./lrew lint --fix applies the safe fixes)");
      return lint;
    }
  }
  const outDir = path.join(ctx.config.home, "test");
  mkdirSync(outDir, { recursive: true });
  const report = path.join(outDir, "vitest-report.json");
  rmSync(report, { force: true });
  const args = [path.join(nm, "vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  if (opts.unit) args.push("--project", "unit");
  args.push(...filters);
  const code = await run(node, args, ctx.root);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8")) as VitestJson;
    console.log(`lrew: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  }
  return code;
}
