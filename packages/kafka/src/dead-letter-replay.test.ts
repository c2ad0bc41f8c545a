import { describe, expect, it } from "vitest";
import { deadLetter } from "./dead-letter.ts";
import { planReplay } from "./dead-letter-replay.ts";
import type { TopicRecord } from "./read-topic.ts";

const valid = {
  event_id: "21111111-2222-4333-8444-555555555555",
  enterprise_id: "5600123456",
  reported_at: "2026-12-21T00:00:00Z",
  period: "2026-11",
  amount_owed_vnd: 1_242_000_000,
  workers_affected: 300,
  status: "partially_paid",
  source: "union",
};

function record(value: unknown, offset: string, stage: "ingest" | "sink" = "sink"): TopicRecord {
  const m = deadLetter(
    { key: "5600123456", value: typeof value === "string" ? value : JSON.stringify(value) },
    { stream: "wage-arrears", stage, error: "ClickHouse refused the row", sourceTopic: "lrew.wage-arrears.v1", partition: 0, offset: "7" },
    new Date("2026-12-01T00:00:00Z"),
  );
  return {
    partition: 1,
    offset,
    key: Buffer.from(m.key),
    value: Buffer.from(String(m.value)),
    headers: m.headers as Record<string, string>,
    timestamp: "0",
  };
}

describe("planReplay", () => {
  it("sends back what is valid now, keyed by enterprise, and keeps what still fails with its reason", () => {
    const plan = planReplay(
      "wage-arrears",
      [
        record(valid, "0"),
        record({ ...valid, period: "2026-13" }, "1", "ingest"),
        record("not json", "2"),
        record({ ...valid, amount_owed_vnd: 5 }, "3"),
      ],
      "lrew",
      "en",
    );
    expect(plan.replay.map((m) => m.key)).toEqual(["5600123456", "5600123456"]);
    // A dead letter without received_at gets the time ingest first had it (failed-at), not the replay's.
    expect(JSON.parse(String(plan.replay[0]!.value))).toEqual({ ...valid, received_at: "2026-12-01T07:00:00.000+07:00" });
    expect(plan.replay[0]!.headers).toMatchObject({ event_id: valid.event_id, "lrew-replayed-from": "1/0" });
    expect(plan.replayed.map((e) => [e.offset, e.reason.stage, e.eventId])).toEqual([
      ["0", "sink", valid.event_id],
      ["3", "sink", valid.event_id],
    ]);
    expect(plan.stillInvalid.map((s) => [s.entry.offset, s.errors.map((e) => e.path)])).toEqual([
      ["1", ["period"]],
      ["2", [""]],
    ]);
    expect(plan.stillInvalid[0]!.entry.failedAt).toBe("2026-12-01T00:00:00.000Z");
  });

  it("keeps the received_at a dead letter had, and refuses one later than its first receipt", () => {
    const replayedLater = new Date("2027-03-01T00:00:00Z");
    const plan = planReplay(
      "wage-arrears",
      [
        record({ ...valid, received_at: "2026-11-30T09:00:00+07:00" }, "0"),
        // Refused at ingest on 1 December for a received_at in the future: still refused after that day.
        record({ ...valid, received_at: "2026-12-20T09:00:00+07:00" }, "1", "ingest"),
      ],
      "lrew",
      "en",
      replayedLater,
    );
    expect(plan.replay.map((m) => JSON.parse(String(m.value)).received_at)).toEqual(["2026-11-30T09:00:00+07:00"]);
    expect(plan.stillInvalid.map((s) => [s.entry.offset, s.errors.map((e) => e.path)])).toEqual([["1", ["received_at"]]]);
  });
});
