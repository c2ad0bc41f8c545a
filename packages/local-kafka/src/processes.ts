// Child processes: whether a pid is alive, running a command to completion, and finding a Java
// recent enough for the broker.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { FatalError } from "@lrew/errors";
import { KAFKA_VERSION } from "./options.ts";
import { lastLines, parseJavaMajor } from "./properties.ts";

const MIN_JAVA = 17;

/** Whether a process with this pid exists (EPERM: it does, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion, capturing its output; FatalError naming `missing` when it is not installed. */
export function run(cmd: string, args: string[], missing: string, opts: { cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let output = "";
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") reject(new FatalError(missing));
      else reject(err);
    });
    child.once("close", (code) => resolve({ code, output }));
  });
}

function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  if (home) {
    const java = path.join(home, "bin", process.platform === "win32" ? "java.exe" : "java");
    if (existsSync(java)) return java;
  }
  return "java";
}

export const JAVA_MISSING = `java not found: install a JDK ${MIN_JAVA}+ (e.g. the openjdk-${MIN_JAVA}-jdk-headless package) or set JAVA_HOME`;

/** The java command, checked to be a JDK the broker runs on. */
export async function checkJava(): Promise<string> {
  const java = javaCommand();
  const { output } = await run(java, ["-version"], JAVA_MISSING);
  const major = parseJavaMajor(output);
  if (major === undefined) throw new FatalError(`could not tell the Java version from \`${java} -version\`:\n${lastLines(output, 5)}`);
  if (major < MIN_JAVA)
    throw new FatalError(`Java ${major} found (${java}); Kafka ${KAFKA_VERSION} needs a JDK ${MIN_JAVA}+ (install one or set JAVA_HOME)`);
  return java;
}
