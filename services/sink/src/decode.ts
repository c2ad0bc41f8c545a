// Pure: from a Kafka message to a contract-valid event, or the reason it cannot be one.
// The sink validates even though ingest already did: anything can write to a topic (the simulator,
// another provider's connector), and the warehouse must only hold valid events. This is the sink's
// one contract check: the warehouse's row mapping takes the event as checked here.
import { validateRecord, type AnyStreamEvent, type StreamName } from "@lrew/contracts";

export type Decoded = { ok: true; event: AnyStreamEvent } | { ok: false; error: string };

/** Refuses bytes that are not UTF-8 instead of replacing them; stateless between calls, so one serves every message. */
const utf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeMessage(stream: StreamName, value: Buffer | null): Decoded {
  if (value === null || value.length === 0) return { ok: false, error: "empty message value (tombstone) on an event topic" };
  let text: string;
  try {
    text = utf8.decode(value);
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
