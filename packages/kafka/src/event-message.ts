// The one way an incoming event becomes a Kafka message, whoever sends it: ingest's HTTP API and the
// simulator's straight-to-Kafka delivery. Strings are NFC-normalised, the record is checked against
// its stream's contract (what is sent is what the contract parsed, with a derived event_id where an
// enterprise update has none), stamped with the time lrew received it unless it carries its own
// received_at (which may not lie in the future: stampArrival), grievances are anonymised (free text masked, complainant HMAC'd), and
// the message is keyed by enterprise_id with the event_id, content type and schema in its headers.
import { anonymizeCaseAction, anonymizeGrievance, type GrievanceLike } from "@lrew/anonymity";
import { stampArrival, topicOf, validateRecord, type FieldError, type Lang, type StreamName } from "@lrew/contracts";
import type { OutgoingMessage } from "./producer.ts";

/** Deeper than any contract nests (objects of scalars and arrays of scalars): left as it is for validation to refuse. */
const MAX_NORMALISE_DEPTH = 16;

/**
 * Every string (and field name) NFC-normalised, so one name is stored one way whatever the sender's
 * keyboard did. Runs before validation: NFC can change a string's length, and the limits must hold
 * for what is stored. Only the first levels are walked, so a hostile, deeply nested body cannot
 * exhaust the stack.
 */
export function normaliseStrings<T>(value: T, depth = 0): T {
  // Most records are already NFC (ASCII ids, codes and times; text typed on most keyboards): those
  // are taken as they are, without being copied.
  return changesUnderNfc(value, depth) ? nfcCopy(value, depth) : value;
}

function nfcCopy<T>(value: T, depth: number): T {
  if (typeof value === "string") return nfc(value) as T;
  if (depth >= MAX_NORMALISE_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => nfcCopy(v, depth + 1)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [nfc(k), nfcCopy(v, depth + 1)])) as T;
  }
  return value;
}

/** Whether NFC changes a string (or field name) within the levels nfcCopy walks. */
function changesUnderNfc(value: unknown, depth: number): boolean {
  if (typeof value === "string") return nfc(value) !== value;
  if (depth >= MAX_NORMALISE_DEPTH || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => changesUnderNfc(v, depth + 1));
  for (const [k, v] of Object.entries(value)) if (nfc(k) !== k || changesUnderNfc(v, depth + 1)) return true;
  return false;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** NFC of s; ASCII text is its own NFC, and most of an event is ASCII (ids, codes, times), so it is not passed to ICU. */
function nfc(s: string): string {
  return NON_ASCII.test(s) ? s.normalize("NFC") : s;
}

export interface EventMessageOptions {
  /** Topic prefix of the deployment (`<prefix>.<stream>.v1`). */
  topicPrefix: string;
  /** Key of the complainant reference HMAC. */
  hmacKey: string;
  /** Language of the errors of a refused record. */
  lang: Lang;
  /** When lrew received the record (its own clock): stamped as received_at when the record has none. */
  receivedAt: Date;
}

export type EventAcceptance =
  | { ok: true; message: OutgoingMessage }
  /** Refused by the contract: its errors, and the record as it was checked (normalised). */
  | { ok: false; errors: FieldError[]; normalised: unknown };

/** Pure: an incoming record of `stream` → the message for the stream's topic, or why the contract refuses it. */
export function acceptEvent(stream: StreamName, record: unknown, o: EventMessageOptions): EventAcceptance {
  const normalised = normaliseStrings(record);
  const result = validateRecord(stream, normalised, o.lang);
  if (!result.ok) return { ok: false, errors: result.errors, normalised };
  const arrival = stampArrival(result.event, o.receivedAt, o.lang);
  if (!arrival.ok) return { ok: false, errors: arrival.errors, normalised };
  let e = arrival.event as { event_id?: string; enterprise_id: string } & GrievanceLike;
  if (stream === "grievances") e = anonymizeGrievance(e, o.hmacKey);
  else if (stream === "case-actions") e = anonymizeCaseAction(e as typeof e & { note?: string });
  return {
    ok: true,
    message: {
      key: e.enterprise_id,
      value: JSON.stringify(e),
      headers: { event_id: e.event_id ?? "", "content-type": "application/json", "lrew-schema": topicOf(stream, o.topicPrefix) },
    },
  };
}
