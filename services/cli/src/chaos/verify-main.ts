// Child process of `./lrew chaos`: opens the scenario's ClickHouse (embedded ClickHouse belongs to one
// process at a time, so the orchestrator never opens it) and prints the StoredCheck as JSON.
// argv: <acknowledged.ndjson> <sent-ids.txt>
import { readFileSync } from "node:fs";
import { parseConfig } from "@lrew/config";
import { openWarehouse } from "@lrew/warehouse";
import { checkStored } from "./verify.ts";

const [ackFile, sentFile] = process.argv.slice(2);
const config = parseConfig(process.env, process.env.LREW_ROOT ?? process.cwd());
const acknowledged = readFileSync(ackFile!, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const sentIds = new Set(readFileSync(sentFile!, "utf8").split("\n").filter(Boolean));
const wh = await openWarehouse(config.clickhouse);
try {
  process.stdout.write(`${JSON.stringify(await checkStored(wh, acknowledged, sentIds))}\n`);
} finally {
  await wh.close();
}
