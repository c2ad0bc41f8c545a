// Erasure and retention against real ClickHouse: what an erasure clears, what it keeps (counts,
// features' aggregates), that a rebuild brings nothing back, and that the summary TTL clears old text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicOf } from "@lrew/contracts";
import type { Warehouse } from "./client.ts";
import { dedupToken } from "./dedup.ts";
import { migrate } from "./migrations.ts";
import { runCommand, selectRows } from "./query.ts";
import { insertRows, toRow } from "./rows.ts";
import { rebuildDailyAggregates } from "./tables/daily-aggregates.ts";
import { ERASED_PREFIX, applyErasures, complainantErasure, insertErasures, selectErasures } from "./tables/erasures.ts";
import { applySummaryRetention } from "./tables/grievances.ts";
import { grievance, meta } from "./test-fixtures.ts";
import { closeTestWarehouse, openTestWarehouse } from "./test-warehouse.ts";

let wh: Warehouse;
const OLD_KEY = "retired-key-0123456789abcdef0123456789";
const KEY = "current-key-0123456789abcdef0123456789";
const HOA = `h1:${"a".repeat(64)}`;
const OTHER = `h1:${"b".repeat(64)}`;
const withoutText = ({ complainant_ref: _ref, summary: _summary, ...rest }: ReturnType<typeof grievance>) => rest;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

beforeAll(async () => {
  ({ wh } = await openTestWarehouse("erasure"));
  await migrate(wh);
  const topic = topicOf("grievances");
  const events = [
    // Hoa's two grievances, one with a later status; another complainant's grievance at the same enterprise
    grievance({ event_id: uuid(1), grievance_id: "KN-HOA-1", complainant_ref: HOA, summary: "Chị Lò Thị Hoa, SĐT ***" }),
    grievance({
      event_id: uuid(2),
      grievance_id: "KN-HOA-1",
      complainant_ref: HOA,
      status: "resolved",
      occurred_at: "2026-11-25T08:00:00+07:00",
    }),
    grievance({ event_id: uuid(3), grievance_id: "KN-HOA-2", complainant_ref: HOA, category: "wages", workers_involved: 1 }),
    grievance({ event_id: uuid(4), grievance_id: "KN-OTHER-1", complainant_ref: OTHER, summary: "Anh Tú phản ánh" }),
    withoutText(grievance({ event_id: uuid(5), grievance_id: "KN-HOA-1", status: "in_progress" })),
  ];
  const rows = events.map((e, i) => toRow("grievances", e, meta(String(i), topic)));
  await insertRows(wh, "grievances", rows, { dedupToken: dedupToken(topic, 0, "0", "4") });
});

afterAll(async () => {
  await closeTestWarehouse(wh);
});

const counts = () =>
  selectRows<{ opened: number; opened_pay: number; closed: number; lifecycle: number; rows: number }>(
    wh,
    `SELECT
       (SELECT uniqExactIfMerge(opened) FROM {{db}}.grievance_daily) AS opened,
       (SELECT uniqExactIfMerge(opened_pay) FROM {{db}}.grievance_daily) AS opened_pay,
       (SELECT uniqExactIfMerge(closed) FROM {{db}}.grievance_daily) AS closed,
       (SELECT count() FROM (SELECT grievance_id FROM {{db}}.grievance_lifecycle GROUP BY enterprise_id, grievance_id)) AS lifecycle,
       (SELECT count() FROM {{db}}.grievances) AS rows`,
  ).then((r) => r[0]!);

/** Every stored text value of the grievance tables and views, to search for what was erased. */
async function storedText(): Promise<string> {
  const parts = await selectRows<{ t: string }>(
    wh,
    `SELECT toJSONString(tuple(*)) AS t FROM {{db}}.grievances
     UNION ALL SELECT toJSONString(tuple(*)) FROM {{db}}.grievances_latest
     UNION ALL SELECT toJSONString(tuple(enterprise_id, grievance_id)) FROM {{db}}.grievance_lifecycle
     UNION ALL SELECT toJSONString(tuple(*)) FROM {{db}}.erasures`,
  );
  return parts.map((p) => p.t).join("\n");
}

describe("erasure", () => {
  it("clears a complainant's summaries, references and grievance ids (found under a retired key), keeping counts and aggregates", async () => {
    const before = await counts();
    expect(before.rows).toBe(5);
    await insertErasures(wh, complainantErasure([HOA], OLD_KEY, "2026-12-01 00:00:00.000"));
    const report = await applyErasures(wh, [KEY, OLD_KEY]);
    expect(report).toMatchObject({ grievances: 2, rows: 4, enterprises: ["5600123456"] });
    expect(report.kafka).toEqual([
      { topic: topicOf("grievances"), partition: 0, first_offset: "0", last_offset: "4", last_ingested_at: "2026-11-23 02:00:00.123" },
    ]);
    const text = await storedText();
    for (const gone of ["KN-HOA-1", "KN-HOA-2", HOA, "Lò Thị Hoa"]) expect(text).not.toContain(gone);
    // ClickHouse keeps the text of every mutation: the provider's ids must not be in it either
    const mutations = await selectRows<{ command: string }>(wh, "SELECT command FROM system.mutations WHERE database = {db:String}", {
      db: wh.database,
    });
    expect(mutations.length).toBeGreaterThan(0);
    for (const gone of ["KN-HOA", HOA]) expect(JSON.stringify(mutations)).not.toContain(gone);
    expect(text).toContain("KN-OTHER-1");
    expect(text).toContain("Anh Tú phản ánh");
    expect(await counts()).toEqual(before);
    const erased = await selectRows<{ grievance_id: string; status: string }>(
      wh,
      "SELECT grievance_id, status FROM {{db}}.grievances_latest WHERE startsWith(grievance_id, {p:String}) ORDER BY status",
      { p: ERASED_PREFIX },
    );
    expect(erased.map((g) => g.status)).toEqual(["open", "resolved"]);
    // the list holds the complainant and both grievances, as digests
    expect((await selectErasures(wh)).map((e) => e.kind).sort()).toEqual(["complainant", "grievance", "grievance"]);
  });

  it("is idempotent, and a rebuild of the aggregates brings nothing back", async () => {
    const before = await counts();
    expect(await applyErasures(wh, [KEY, OLD_KEY])).toMatchObject({ grievances: 0, rows: 0 });
    await rebuildDailyAggregates(wh, { truncate: true });
    expect(await counts()).toEqual(before);
    expect(await storedText()).not.toContain("KN-HOA");
  });
});

describe("retention of summaries", () => {
  it("clears summaries older than the period (TTL applied by OPTIMIZE … FINAL) and nothing else", async () => {
    const topic = topicOf("grievances");
    const old = grievance({
      event_id: uuid(10),
      grievance_id: "KN-OLD",
      occurred_at: "2024-01-10T08:00:00+07:00",
      summary: "văn bản cũ",
      complainant_ref: OTHER,
    });
    const recent = grievance({ event_id: uuid(11), grievance_id: "KN-NEW", occurred_at: new Date().toISOString(), summary: "văn bản mới" });
    await insertRows(wh, "grievances", [toRow("grievances", old, meta("10", topic)), toRow("grievances", recent, meta("11", topic))], {
      dedupToken: dedupToken(topic, 0, "10", "11"),
    });
    expect(await applySummaryRetention(wh, 400)).toBe(true);
    expect(await applySummaryRetention(wh, 400)).toBe(false);
    await runCommand(wh, "OPTIMIZE TABLE {{db}}.grievances FINAL", "optimize");
    const rows = await selectRows<{ grievance_id: string; summary: string | null; complainant_ref: string | null }>(
      wh,
      "SELECT grievance_id, summary, complainant_ref FROM {{db}}.grievances WHERE grievance_id IN ('KN-OLD', 'KN-NEW', 'KN-OTHER-1') ORDER BY grievance_id",
    );
    expect(rows).toEqual([
      { grievance_id: "KN-NEW", summary: "văn bản mới", complainant_ref: recent.complainant_ref },
      { grievance_id: "KN-OLD", summary: null, complainant_ref: OTHER },
      { grievance_id: "KN-OTHER-1", summary: "Anh Tú phản ánh", complainant_ref: OTHER },
    ]);
  });
});
