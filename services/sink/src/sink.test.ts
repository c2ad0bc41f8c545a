import { describe, expect, it } from "vitest";
import { DLQ_HEADERS, type ConsumedMessage } from "@lrew/kafka";
import { firstOfEachEvent, planChunk } from "./sink.ts";

const incident = (over: Record<string, unknown> = {}) => ({
  event_id: "0b8f2a6e-4a51-4c1e-9d51-4a5c2f1e9b10",
  enterprise_id: "5600123456",
  started_at: "2026-01-20T07:00:00+07:00",
  kind: "strike",
  lawful: false,
  workers_involved: 420,
  causes: ["bonus"],
  ...over,
});

const message = (offset: string, value: unknown): ConsumedMessage => ({
  offset,
  key: Buffer.from("5600123456"),
  value: Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
  headers: {},
  timestamp: "0",
});

describe("planChunk", () => {
  const now = new Date("2026-11-23T00:00:00Z");

  it("maps valid messages to rows carrying their Kafka position", () => {
    const plan = planChunk("incidents", "lrew.incidents.v1", 2, [message("7", incident())], now);
    expect(plan.deadLetters).toEqual([]);
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0]!.row).toMatchObject({ event_id: incident().event_id, started_at: "2026-01-20 00:00:00.000", _partition: 2 });
    expect(plan.rows[0]!.message.offset).toBe("7");
  });

  it("sends what cannot be stored to the dead letters with its position and reason, keeping the rest", () => {
    const plan = planChunk(
      "incidents",
      "lrew.incidents.v1",
      1,
      [
        message("10", "not json"),
        message("11", incident({ event_id: "1b8f2a6e-4a51-4c1e-9d51-4a5c2f1e9b10" })),
        message("12", incident({ kind: "riot" })),
        // valid by the contract, but outside what ClickHouse's DateTime64 can hold: a poison record
        message("13", incident({ event_id: "2b8f2a6e-4a51-4c1e-9d51-4a5c2f1e9b10", started_at: "2400-01-01T00:00:00Z" })),
      ],
      now,
    );
    expect(plan.rows.map((r) => r.message.offset)).toEqual(["11"]);
    expect(plan.deadLetters.map((d) => d.headers?.[DLQ_HEADERS.offset])).toEqual(["10", "12", "13"]);
    for (const d of plan.deadLetters) {
      expect(d.headers?.[DLQ_HEADERS.stage]).toBe("sink");
      expect(d.headers?.[DLQ_HEADERS.sourceTopic]).toBe("lrew.incidents.v1");
      expect(d.headers?.[DLQ_HEADERS.partition]).toBe("1");
      expect(d.headers?.[DLQ_HEADERS.error]?.length).toBeGreaterThan(5);
    }
    expect(plan.deadLetters[1]!.headers?.[DLQ_HEADERS.error]).toContain("kind");
    expect(plan.deadLetters[0]!.value.toString()).toBe("not json");
  });
});

describe("firstOfEachEvent", () => {
  it("keeps the first row of each event_id", () => {
    const plan = planChunk(
      "incidents",
      "t",
      0,
      [message("1", incident()), message("2", incident()), message("3", incident({ event_id: "1b8f2a6e-4a51-4c1e-9d51-4a5c2f1e9b10" }))],
      new Date(),
    );
    expect(firstOfEachEvent(plan.rows).map((r) => r.message.offset)).toEqual(["1", "3"]);
  });
});
