// For integration tests: a warehouse on a fresh database. A ClickHouse server when the test infra
// provides one (inject("clickhouseUrl")) or CLICKHOUSE_URL is set; else embedded chDB in a fresh
// temp directory (one per test file: chDB binds one data directory per process).
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { dropDatabase, openWarehouse, type Warehouse } from "./client.ts";

export function providedClickHouseUrl(): string | undefined {
  let provided: string | null | undefined;
  try {
    provided = inject("clickhouseUrl" as never) as string | null | undefined;
  } catch {
    provided = undefined;
  }
  return provided ?? process.env.CLICKHOUSE_URL ?? undefined;
}

export async function openTestWarehouse(name: string): Promise<{ wh: Warehouse; root: string }> {
  const root = mkdtempSync(join(tmpdir(), `lrew-${name}-`));
  const url = providedClickHouseUrl();
  const database = url ? `lrew_${name}_${randomBytes(4).toString("hex")}` : `lrew_${name}`;
  const wh = await openWarehouse({
    ...(url ? { url } : {}),
    username: process.env.CLICKHOUSE_USER ?? "default",
    password: process.env.CLICKHOUSE_PASSWORD ?? "",
    database,
    embeddedPath: join(root, "chdb"),
  });
  return { wh, root };
}

/** Drops a server test database; embedded data dies with the temp directory. */
export async function closeTestWarehouse(wh: Warehouse | undefined): Promise<void> {
  if (!wh) return;
  if (!wh.embedded) await dropDatabase(wh).catch(() => undefined);
  await wh.close();
}
