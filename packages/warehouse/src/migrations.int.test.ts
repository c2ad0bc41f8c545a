// Migration bookkeeping against real ClickHouse: embedded chDB in a data directory of this file's
// own, or the server the test infra provides.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FatalError } from "@lrew/errors";
import { openWarehouse, type Warehouse } from "./client.ts";
import { MIGRATIONS_DIR, migrate } from "./migrations.ts";
import { closeTestWarehouse, openTestWarehouse, providedClickHouseUrl } from "./test-warehouse.ts";

let wh: Warehouse;
let root: string;

beforeAll(async () => {
  ({ wh, root } = await openTestWarehouse("migrations"));
});

afterAll(async () => {
  await closeTestWarehouse(wh);
});

describe("migrate", () => {
  it("applies only new files, records them, and refuses an applied file that changed", async () => {
    const dir = join(root, "migrations");
    // The mechanics are tested on the first two files; later migrations (scoring…) have tests of their own.
    cpSync(MIGRATIONS_DIR, dir, { recursive: true, filter: (src) => !/\/0(?!00[12])\d{3}_[^/]*\.sql$/.test(src) });
    expect(await migrate(wh, { migrationsDir: dir })).toEqual(["0001_events.sql", "0002_latest_views.sql"]);
    // every table the sink inserts into remembers insert tokens
    const created = await wh.client.query({
      query:
        "SELECT name, create_table_query FROM system.tables WHERE database = {db:String} AND engine LIKE '%MergeTree' AND name != 'schema_migrations' ORDER BY name",
      query_params: { db: wh.database },
      format: "JSONEachRow",
    });
    const tables = await created.json<{ name: string; create_table_query: string }>();
    expect(tables.map((t) => t.name)).toEqual(["enterprises", "grievances", "incidents", "insurance_contributions", "wage_arrears"]);
    const setting = wh.cluster ? "replicated_deduplication_window = 10000" : "non_replicated_deduplication_window = 10000";
    for (const t of tables) expect(t.create_table_query, t.name).toContain(setting);

    writeFileSync(
      join(dir, "0003_extra.sql"),
      "-- a later migration\nCREATE TABLE IF NOT EXISTS {{db}}.extra{{on_cluster}} (x UInt8) ENGINE = {{MergeTree()}} ORDER BY x;\n",
    );
    expect(await migrate(wh, { migrationsDir: dir })).toEqual(["0003_extra.sql"]);
    expect(await migrate(wh, { migrationsDir: dir })).toEqual([]);

    const rs = await wh.client.query({
      query: `SELECT name, length(checksum) AS len FROM ${wh.database}.schema_migrations ORDER BY name`,
      format: "JSONEachRow",
    });
    expect(await rs.json()).toEqual([
      { name: "0001_events.sql", len: 64 },
      { name: "0002_latest_views.sql", len: 64 },
      { name: "0003_extra.sql", len: 64 },
    ]);

    const file = join(dir, "0002_latest_views.sql");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n-- edited after the fact\n`);
    const err = await migrate(wh, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FatalError);
    expect((err as Error).message).toContain("0002_latest_views.sql");
  });

  it.skipIf(providedClickHouseUrl() !== undefined)(
    "refuses a second, different data directory in the same process with a FatalError",
    async () => {
      const other = openWarehouse({ username: "default", password: "", database: "lrew_mig", embeddedPath: join(root, "other") });
      await expect(other).rejects.toBeInstanceOf(FatalError);
      await expect(other).rejects.toThrow(/one active data directory/);
    },
  );

  it("stops with a FatalError naming the statement ClickHouse refuses", async () => {
    const dir = mkdtempSync(join(root, "broken-"));
    writeFileSync(join(dir, "0001_broken.sql"), "CREATE TABLE {{db}}.broken (x UInt8) ENGINE = NoSuchEngine;");
    await expect(migrate(wh, { migrationsDir: dir })).rejects.toThrow(/0001_broken\.sql statement 1/);
  });
});
