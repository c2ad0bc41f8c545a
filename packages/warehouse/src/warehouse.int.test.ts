// Against real ClickHouse: embedded chDB in a data directory of this file's own (chDB binds one per
// process), or the server the test infra provides.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicOf, type StreamName } from "@lrew/contracts";
import { BadInputError, FatalError } from "@lrew/errors";
import type { Warehouse } from "./client.ts";
import { dedupToken } from "./dedup.ts";
import { loadMigrations, migrate } from "./migrations.ts";
import { countEvents, insertRows, storedEventIds, storedOffsets, toRow, type Row } from "./rows.ts";
import { selectLatestEnterprises } from "./tables/enterprises.ts";
import { selectLatestGrievances } from "./tables/grievances.ts";
import { selectIncidentStarts } from "./tables/daily-aggregates.ts";
import { selectIncidents } from "./tables/incidents.ts";
import { selectInsuranceContributions } from "./tables/insurance-contributions.ts";
import { selectWageArrears } from "./tables/wage-arrears.ts";
import { closeTestWarehouse, openTestWarehouse } from "./test-warehouse.ts";
import { enterprise, grievance, incident, insuranceContribution, meta, VIETNAMESE_NAME, wageArrears } from "./test-fixtures.ts";

let wh: Warehouse;

beforeAll(async () => {
  ({ wh } = await openTestWarehouse("warehouse"));
});

afterAll(async () => {
  await closeTestWarehouse(wh);
});

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

async function insert(stream: StreamName, rows: Row[], first: string, last: string): Promise<string> {
  const token = dedupToken(topicOf(stream), 0, first, last);
  await insertRows(wh, stream, rows, { dedupToken: token });
  return token;
}

describe("migrate", () => {
  it("applies every migration once; running again applies nothing", async () => {
    const seen: string[] = [];
    const first = await migrate(wh, { onApplied: (n) => seen.push(n) });
    expect(first).toEqual(loadMigrations().map((m) => m.name));
    expect(first.slice(0, 2)).toEqual(["0001_events.sql", "0002_latest_views.sql"]);
    expect(seen).toEqual(first);
    expect(await migrate(wh)).toEqual([]);

    const rs = await wh.client.query({
      query: "SELECT name, engine FROM system.tables WHERE database = {db:String} ORDER BY name",
      query_params: { db: wh.database },
      format: "JSONEachRow",
    });
    // The tables of 0001 and 0002 (later migrations add their own, tested where they are used).
    expect(await rs.json()).toEqual(
      expect.arrayContaining([
        { name: "enterprises", engine: "ReplacingMergeTree" },
        { name: "enterprises_latest", engine: "View" },
        { name: "grievances", engine: "ReplacingMergeTree" },
        { name: "grievances_latest", engine: "View" },
        { name: "incidents", engine: "ReplacingMergeTree" },
        { name: "insurance_contributions", engine: "ReplacingMergeTree" },
        { name: "schema_migrations", engine: "MergeTree" },
        { name: "wage_arrears", engine: "ReplacingMergeTree" },
      ]),
    );
  });
});

describe("inserts", () => {
  it("stores all five streams and reads back exact values", async () => {
    await insert("enterprises", [toRow("enterprises", enterprise(), meta("10", topicOf("enterprises")))], "10", "10");
    await insert("grievances", [toRow("grievances", grievance(), meta("10", topicOf("grievances")))], "10", "10");
    await insert("wage-arrears", [toRow("wage-arrears", wageArrears(), meta("10", topicOf("wage-arrears")))], "10", "10");
    await insert(
      "insurance-contributions",
      [toRow("insurance-contributions", insuranceContribution(), meta("10", topicOf("insurance-contributions")))],
      "10",
      "10",
    );
    await insert("incidents", [toRow("incidents", incident(), meta("10", topicOf("incidents")))], "10", "10");

    expect(await selectLatestEnterprises(wh)).toEqual([
      {
        event_id: "0b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e01",
        enterprise_id: "5600123456",
        name: VIETNAMESE_NAME,
        area_code: "DBP",
        sector: "garment",
        ownership: "fdi",
        workforce: 850,
        has_union: false,
        union_unit_id: "ldld-dbp",
        investor_country: "",
        updated_at: "2026-11-23 01:30:00.000",
      },
    ]);
    expect(await selectWageArrears(wh, "5600123456")).toEqual([
      {
        event_id: "2b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e03",
        enterprise_id: "5600123456",
        reported_at: "2026-11-20 02:00:00.000",
        period: "2026-10-01",
        amount_owed_vnd: 4_021_500_000,
        workers_affected: 850,
        status: "outstanding",
        source: "labour_inspectorate",
      },
    ]);
    expect(await selectInsuranceContributions(wh, "5600123456")).toEqual([
      {
        event_id: "3b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e04",
        enterprise_id: "5600123456",
        period: "2026-10-01",
        scheme: "social",
        amount_due_vnd: 705_512_500,
        amount_paid_vnd: 0,
        insured_workers: 830,
        reported_at: "2026-11-05 00:00:00.000",
      },
    ]);
    expect(await selectIncidents(wh, { enterpriseId: "5600123456" })).toEqual([
      {
        event_id: "4b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e05",
        incident_id: "5600123456/2026-12-01/strike",
        enterprise_id: "5600123456",
        started_at: "2026-12-01 00:00:00.000",
        ended_at: null,
        reported_at: "2026-12-01 00:00:00.000",
        kind: "strike",
        lawful: false,
        workers_involved: 600,
        causes: ["wage_arrears", "social_insurance"],
      },
    ]);

    const rs = await wh.client.query({
      query: `SELECT summary, complainant_ref, toString(occurred_at) AS occurred_utc, _topic, _partition, toString(_offset) AS _offset,
                     toString(_ingested_at) AS _ingested_at, toTimeZone(occurred_at, 'Asia/Ho_Chi_Minh') AS local_time
              FROM ${wh.database}.grievances`,
      format: "JSONEachRow",
    });
    expect(await rs.json()).toEqual([
      {
        summary: "Công nhân chưa được trả lương tháng 10, liên hệ ***",
        complainant_ref: "a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778",
        occurred_utc: "2026-11-23 01:30:00.000",
        _topic: "lrew.grievances.v1",
        _partition: 0,
        _offset: "10",
        _ingested_at: "2026-11-23 02:00:00.123",
        local_time: "2026-11-23 08:30:00.000",
      },
    ]);
  });

  it("round-trips Vietnamese text byte for byte", async () => {
    const name = VIETNAMESE_NAME;
    await insert(
      "enterprises",
      [toRow("enterprises", enterprise({ enterprise_id: "5600999999", event_id: uuid(900), name }), meta("11", topicOf("enterprises")))],
      "11",
      "11",
    );
    const rs = await wh.client.query({
      query: `SELECT name, hex(name) AS hex, length(name) AS bytes FROM ${wh.database}.enterprises WHERE enterprise_id = '5600999999'`,
      format: "JSONEachRow",
    });
    const [r] = await rs.json<{ name: string; hex: string; bytes: string | number }>();
    expect(r?.name).toBe(name);
    expect(r?.hex).toBe(Buffer.from(name, "utf8").toString("hex").toUpperCase());
    expect(Number(r?.bytes)).toBe(Buffer.byteLength(name, "utf8"));
  });

  it("stores a batch retried with the same token once, across partitions", async () => {
    const rows = [0, 1, 2, 3].map((i) =>
      toRow(
        "incidents",
        incident({ event_id: uuid(100 + i), enterprise_id: "5600200000", started_at: `2026-0${i + 1}-15T08:00:00+07:00` }),
        meta(String(100 + i), topicOf("incidents")),
      ),
    );
    const before = await countEvents(wh, "incidents");
    const token = await insert("incidents", rows, "100", "103");
    await insertRows(wh, "incidents", rows, { dedupToken: token });
    const after = await countEvents(wh, "incidents");
    expect(after.rows - before.rows).toBe(4);
    expect(after.uniqueEventIds - before.uniqueEventIds).toBe(4);

    // a different token is a different insert: the copy is stored, and countEvents shows it
    await insertRows(wh, "incidents", rows.slice(0, 1), { dedupToken: `${token}#again` });
    const copied = await countEvents(wh, "incidents");
    expect(copied.rows).toBe(after.rows + 1);
    expect(copied.uniqueEventIds).toBe(after.uniqueEventIds);
    // ... which ReplacingMergeTree folds: FINAL sees each event_id once
    expect((await selectIncidents(wh, { enterpriseId: "5600200000" })).map((i) => i.event_id)).toEqual(rows.map((r) => r.event_id));
  });

  it("reports which offsets of a range are already stored", async () => {
    const stored = await storedOffsets(wh, "incidents", topicOf("incidents"), 0, "101");
    expect([...stored].sort()).toEqual(["101", "102", "103"]);
    expect((await storedOffsets(wh, "incidents", topicOf("incidents"), 1, "0")).size).toBe(0);
  });
});

describe("incidents by incident_id (v1.1)", () => {
  const ENTERPRISE = "5600300000";
  const stored = (n: number, over: Parameters<typeof incident>[0]) =>
    insert(
      "incidents",
      [toRow("incidents", incident({ enterprise_id: ENTERPRISE, ...over }), meta(String(n), topicOf("incidents")))],
      String(n),
      String(n),
    );

  it("counts a corrected incident once, in its latest version, in every reader", async () => {
    // no incident_id: derived from the enterprise, the start day in Vietnam (23:30 UTC is the next day there) and the kind
    await stored(300, { event_id: uuid(300), started_at: "2026-03-10T23:30:00Z", kind: "work_stoppage", workers_involved: 40 });
    await stored(301, {
      event_id: uuid(301),
      started_at: "2026-03-11T07:00:00+07:00",
      ended_at: "2026-03-11T16:00:00+07:00",
      reported_at: "2026-03-12T09:00:00+07:00",
      kind: "work_stoppage",
      workers_involved: 55,
    });
    // a provider's incident_id: the correction moves the start day and still replaces it
    await stored(302, {
      event_id: uuid(302),
      incident_id: "TTLĐ-7",
      started_at: "2026-04-02T07:00:00+07:00",
      reported_at: "2026-04-02T08:00:00+07:00",
    });
    await stored(303, {
      event_id: uuid(303),
      incident_id: "TTLĐ-7",
      started_at: "2026-04-01T07:00:00+07:00",
      reported_at: "2026-04-05T08:00:00+07:00",
    });
    // the same kind on the same day without an incident_id is the same incident; another kind is another
    await stored(304, { event_id: uuid(304), started_at: "2026-05-20T08:00:00+07:00", kind: "mass_petition" });

    const incidents = await selectIncidents(wh, { enterpriseId: ENTERPRISE });
    expect(incidents.map((i) => [i.incident_id, i.event_id, i.workers_involved])).toEqual([
      [`${ENTERPRISE}/2026-03-11/work_stoppage`, uuid(301), 55],
      ["TTLĐ-7", uuid(303), 600],
      [`${ENTERPRISE}/2026-05-20/mass_petition`, uuid(304), 600],
    ]);
    const starts = (await selectIncidentStarts(wh)).filter((s) => s.enterprise_id === ENTERPRISE);
    expect(starts).toEqual([
      { enterprise_id: ENTERPRISE, started_day: "2026-03-11", incidents: 1 },
      { enterprise_id: ENTERPRISE, started_day: "2026-04-01", incidents: 1 },
      { enterprise_id: ENTERPRISE, started_day: "2026-05-20", incidents: 1 },
    ]);
    const [daily] = await (
      await wh.client.query({
        query: `SELECT toUInt32(uniqExactMerge(incidents)) AS n FROM ${wh.database}.incident_daily WHERE enterprise_id = {e:String} AND started_day < '2026-04-01'`,
        query_params: { e: ENTERPRISE },
        format: "JSONEachRow",
      })
    ).json<{ n: number }>();
    expect(daily?.n).toBe(1); // the first and its correction, reported on different days: one incident
    const [analysts] = await (
      await wh.client.query({
        query: `SELECT toUInt32(count()) AS n, toUInt32(uniqExact(incident_id)) AS ids FROM ${wh.database}_analytics.incidents WHERE enterprise_id = {e:String}`,
        query_params: { e: ENTERPRISE },
        format: "JSONEachRow",
      })
    ).json<{ n: number; ids: number }>();
    expect(analysts).toEqual({ n: 3, ids: 3 });
  });
});

describe("storedEventIds", () => {
  it("names exactly the event_ids of rows already stored, in the callers' spelling", async () => {
    const storedRow = toRow(
      "incidents",
      incident({ event_id: uuid(101), enterprise_id: "5600200000", started_at: "2026-02-15T08:00:00+07:00" }),
      meta("900"),
    );
    const upper = { ...storedRow, event_id: uuid(102).toUpperCase() };
    const fresh = toRow("incidents", incident({ event_id: uuid(199), enterprise_id: "5600200000" }), meta("901"));
    const elsewhere = toRow("incidents", incident({ event_id: uuid(101), enterprise_id: "5600777777" }), meta("902"));
    const found = await storedEventIds(wh, "incidents", [storedRow, upper, fresh, elsewhere]);
    expect([...found].sort()).toEqual([uuid(101), uuid(102).toUpperCase()].sort());
    expect((await storedEventIds(wh, "grievances", [])).size).toBe(0);
  });
});

describe("views", () => {
  it("enterprises_latest picks the latest updated_at, whatever the arrival order", async () => {
    const id = "5600300000";
    const v = (n: number, updated_at: string, workforce: number) =>
      toRow(
        "enterprises",
        enterprise({ enterprise_id: id, event_id: uuid(300 + n), updated_at, workforce }),
        meta(String(300 + n), topicOf("enterprises")),
      );
    await insert("enterprises", [v(2, "2026-06-01T00:00:00+07:00", 1200)], "302", "302");
    await insert("enterprises", [v(1, "2026-01-01T00:00:00+07:00", 900)], "301", "301");
    const [latest] = await selectLatestEnterprises(wh, { enterpriseId: id });
    expect(latest?.workforce).toBe(1200);
    expect(latest?.updated_at).toBe("2026-05-31 17:00:00.000");
  });

  it("grievances_latest gives the latest status of each grievance, without free text", async () => {
    const e = "5600400000";
    const g = (n: number, grievance_id: string, status: "open" | "in_progress" | "resolved", occurred_at: string, reported_at?: string) =>
      toRow(
        "grievances",
        grievance({ event_id: uuid(400 + n), grievance_id, enterprise_id: e, status, occurred_at, reported_at }),
        meta(String(400 + n), topicOf("grievances")),
      );
    await insert(
      "grievances",
      [
        g(3, "G-A", "resolved", "2026-11-10T08:00:00+07:00"),
        g(1, "G-A", "open", "2026-11-01T08:00:00+07:00"),
        g(2, "G-A", "in_progress", "2026-11-05T08:00:00+07:00"),
        g(4, "G-B", "open", "2026-11-02T08:00:00+07:00", "2026-11-02T09:00:00+07:00"),
        g(5, "G-B", "in_progress", "2026-11-02T08:00:00+07:00", "2026-11-03T09:00:00+07:00"),
      ],
      "401",
      "405",
    );
    const latest = await selectLatestGrievances(wh, { enterpriseId: e });
    expect(latest.map((l) => [l.grievance_id, l.status, l.occurred_at])).toEqual([
      ["G-A", "resolved", "2026-11-10 01:00:00.000"],
      ["G-B", "in_progress", "2026-11-02 01:00:00.000"],
    ]);
    const rs = await wh.client.query({
      query: "SELECT name FROM system.columns WHERE database = {db:String} AND table = 'grievances_latest'",
      query_params: { db: wh.database },
      format: "JSONEachRow",
    });
    const columns = (await rs.json<{ name: string }>()).map((c) => c.name);
    expect(columns).toContain("status");
    expect(columns).not.toContain("summary");
    expect(columns).not.toContain("complainant_ref");
  });
});

describe("errors from ClickHouse", () => {
  it("a row ClickHouse cannot parse is BadInputError", async () => {
    const row = toRow("incidents", incident({ event_id: uuid(500) }), meta("500", topicOf("incidents")));
    const broken = { ...row, workers_involved: "many" } as unknown as Row;
    const err = await insertRows(wh, "incidents", [broken], { dedupToken: "t-bad" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadInputError);
    const unknownDate = { ...row, started_at: "not a time" } as unknown as Row;
    await expect(insertRows(wh, "incidents", [unknownDate], { dedupToken: "t-bad2" })).rejects.toBeInstanceOf(BadInputError);
  });

  it("a missing table is FatalError", async () => {
    const other: Warehouse = { ...wh, database: "no_such_db" };
    const row = toRow("incidents", incident({ event_id: uuid(501) }), meta("501", topicOf("incidents")));
    await expect(insertRows(other, "incidents", [row], { dedupToken: "t-x" })).rejects.toBeInstanceOf(FatalError);
  });
});

describe("countEvents", () => {
  it("counts rows and distinct event ids of a stream", async () => {
    expect(await countEvents(wh, "wage-arrears")).toEqual({ rows: 1, uniqueEventIds: 1 });
    expect(await countEvents(wh, "insurance-contributions")).toEqual({ rows: 1, uniqueEventIds: 1 });
    const g = await countEvents(wh, "grievances");
    expect(g).toEqual({ rows: 6, uniqueEventIds: 6 });
  });
});
