// What a started broker leaves in its dataDir (broker.pid, broker.json), and the lock (start.lock)
// that lets one process at a time start or stop the broker of a dataDir.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import fs from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { RetryableError } from "@lrew/errors";
import { brokerFiles, type LocalKafkaOptions } from "./options.ts";
import { isAlive } from "./processes.ts";

export interface BrokerState {
  pid: number;
  port: number;
  controllerPort: number;
  startedAt: string;
}

/** Alive, and (where /proc can tell) really a Kafka broker started with this dataDir's properties. */
export function isOurBroker(pid: number, o: LocalKafkaOptions): boolean {
  if (!isAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
  return cmdline.includes("kafka.Kafka") && cmdline.includes(brokerFiles(o).properties);
}

export async function readPid(o: LocalKafkaOptions): Promise<number | undefined> {
  try {
    const pid = Number((await fs.readFile(brokerFiles(o).pid, "utf8")).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function readState(o: LocalKafkaOptions): Promise<BrokerState | undefined> {
  try {
    return JSON.parse(await fs.readFile(brokerFiles(o).state, "utf8")) as BrokerState;
  } catch {
    return undefined;
  }
}

export async function removeRunFiles(o: LocalKafkaOptions): Promise<void> {
  const f = brokerFiles(o);
  await fs.rm(f.pid, { force: true });
  await fs.rm(f.state, { force: true });
}

/** Runs fn holding the dataDir's start lock (a lock left by a dead process is taken over). */
export async function withLock<T>(o: LocalKafkaOptions, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const lock = brokerFiles(o).lock;
  await fs.mkdir(o.dataDir, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let holder = NaN;
      try {
        holder = Number(readFileSync(lock, "utf8").trim());
      } catch {
        // vanished or half-written; look again
      }
      if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
        try {
          unlinkSync(lock); // left by a process that died
        } catch {
          // someone else removed it first
        }
        continue;
      }
      if (Date.now() > deadline) {
        throw new RetryableError(
          `another process (pid ${holder}) is starting or stopping the local Kafka broker in ${o.dataDir}; try again, or remove ${lock} if that process is gone`,
        );
      }
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}
