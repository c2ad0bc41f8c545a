// Migration 0010 on a database that already holds events (an upgrade): the events stored before it
// read received_at as the time the sink wrote them, and the re-created daily aggregates are filled
// again from them, each fact under its known day, so no feature loses its history.
import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "./client.ts";
import { MIGRATIONS_DIR, migrate } from "./migrations.ts";
import { selectRows } from "./query.ts";
import { insertRows, toRow } from "./rows.ts";
import { grievance, incident } from "./test-fixtures.ts";
import { closeTestWarehouse, openTestWarehouse } from "./test-warehouse.ts";

let wh: Warehouse;
let root: string;

beforeAll(async () => {
  ({ wh, root } = await openTestWarehouse("known_day"));
});

afterAll(async () => {
  await closeTestWarehouse(wh);
});

describe("migration 0010 (known day) on stored events", () => {
  it("reads received_at of older rows as their write time and refills the aggregates by known day", async () => {
    const before0010 = join(root, "migrations");
    cpSync(MIGRATIONS_DIR, before0010, { recursive: true, filter: (src) => !/\/(00(1\d|[2-9]\d)|0[1-9]\d\d)_[^/]*\.sql$/.test(src) });
    const applied = await migrate(wh, { migrationsDir: before0010 });
    expect(applied).toContain("0003_daily_aggregates.sql");
    expect(applied).not.toContain("0010_known_day.sql");

    // Rows as the sink wrote them before received_at existed: reported on 23 November, stored on 2 December.
    const ingestedAt = new Date("2026-12-02T03:00:00Z");
    const strip = <T extends { received_at?: string }>(row: T) => {
      const { received_at: _, ...old } = row;
      return old;
    };
    const meta = { topic: "t", partition: 0, offset: "1", ingestedAt };
    await insertRows(wh, "grievances", [strip(toRow("grievances", grievance(), meta))] as never, { dedupToken: "g" });
    await insertRows(wh, "incidents", [strip(toRow("incidents", incident(), meta))] as never, { dedupToken: "i" });

    expect(await migrate(wh)).toContain("0010_known_day.sql");
    const stored = await selectRows<{ received: string }>(wh, "SELECT toString(received_at) AS received FROM {{db}}.grievances", {});
    expect(stored).toEqual([{ received: "2026-12-02 03:00:00.000" }]);
    const daily = await selectRows<{ day: string; known_day: string; opened: number }>(
      wh,
      `SELECT toString(day) AS day, toString(known_day) AS known_day, uniqExactIfMerge(opened) AS opened
       FROM {{db}}.grievance_daily GROUP BY day, known_day`,
      {},
    );
    expect(daily).toEqual([{ day: "2026-11-23", known_day: "2026-12-02", opened: 1 }]);
    const incidents = await selectRows<{ known_day: string; n: number }>(
      wh,
      "SELECT toString(known_day) AS known_day, toUInt32(uniqExactMerge(incidents)) AS n FROM {{db}}.incident_daily GROUP BY known_day",
      {},
    );
    expect(incidents).toEqual([{ known_day: "2026-12-02", n: 1 }]);
  });
});
