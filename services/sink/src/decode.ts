// Pure: from a Kafka message to a contract-valid event, or the reason it cannot be one.
// The sink validates again even though ingest already did: anything can write to a topic
// (the simulator, another provider's connector), and the warehouse must only hold valid events.
import { validateRecord, type AnyStreamEvent, type StreamName } from "@lrew/contracts";

export type Decoded = { ok: true; event: AnyStreamEvent } | { ok: false; error: string };

export function decodeMessage(stream: StreamName, value: Buffer | null): Decoded {
  if (value === null || value.length === 0) return { ok: false, error: "empty message value (tombstone) on an event topic" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(value);
  } catch {
    return { ok: false, error: "message value is not valid UTF-8" };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `message value is not JSON: ${(err as Error).message}` };
  }
  const v = validateRecord(stream, json, "vi");
  if (!v.ok) return { ok: false, error: JSON.stringify(v.errors) };
  return { ok: true, event: v.event };
}
