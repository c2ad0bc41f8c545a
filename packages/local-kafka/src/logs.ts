// The broker's logs, as far as error messages quote them.
import fs from "node:fs/promises";
import { brokerFiles, type LocalKafkaOptions } from "./options.ts";
import { lastLines } from "./properties.ts";

async function tail(file: string, n: number): Promise<string | undefined> {
  try {
    const fh = await fs.open(file, "r");
    try {
      const { size } = await fh.stat();
      const len = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, size - len);
      return lastLines(buf.toString("utf8"), n);
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

/** The last lines of broker.log and logs/server.log, for error messages. */
export async function brokerLogTail(o: LocalKafkaOptions, lines = 25): Promise<string> {
  const f = brokerFiles(o);
  const parts: string[] = [];
  const out = await tail(f.brokerLog, lines);
  if (out) parts.push(`--- last lines of ${f.brokerLog} ---\n${out}`);
  const server = await tail(f.serverLog, lines);
  if (server) parts.push(`--- last lines of ${f.serverLog} ---\n${server}`);
  return parts.length ? parts.join("\n") : `(no broker log yet in ${o.dataDir})`;
}
