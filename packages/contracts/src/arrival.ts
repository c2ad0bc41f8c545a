// When a fact reached lrew: `received_at`, optional on every stream. It is the time the provider
// itself first had the record; a backfill of a backlog (an agency's old files, the simulator's past)
// sets it, live events leave it out and the receiving side (ingest) stamps its own time. It may never
// be later than the time lrew receives the record (up to RECEIVED_AT_MAX_SKEW_MS of clock skew): a
// provider cannot have had a record after sending it. Features as of a day D see a fact only when
// lrew had it by D (its known day: the later of its own day and the day of received_at, in Vietnam),
// so a fact that arrives late changes nothing about the days before its arrival. Pure.
import { instantMs } from "./common.ts";
import { vietnamTime } from "./days.ts";
import { message, type Lang } from "./messages.ts";
import type { StreamEvent, StreamName } from "./streams.ts";
import type { FieldError } from "./validate.ts";

/** How far a provider's clock may run ahead of lrew's: a received_at up to this much later than the receive time is accepted. */
export const RECEIVED_AT_MAX_SKEW_MS = 5 * 60_000;

export type Arrival<S extends StreamName> = { ok: true; event: StreamEvent<S> } | { ok: false; errors: FieldError[] };

/**
 * A valid event as lrew keeps it, received at `receivedAt` (lrew's own clock): its own received_at
 * when it has one that is not in the future, else stamped with `receivedAt` (Vietnam time). A
 * received_at later than `receivedAt` plus the allowed skew is refused, naming the field.
 */
export function stampArrival<S extends StreamName>(event: StreamEvent<S>, receivedAt: Date, lang: Lang = "vi"): Arrival<S> {
  const given = (event as { received_at?: string }).received_at;
  if (given === undefined) return { ok: true, event: { ...event, received_at: vietnamTime(receivedAt) } };
  if (instantMs(given) > receivedAt.getTime() + RECEIVED_AT_MAX_SKEW_MS) {
    return { ok: false, errors: [{ path: "received_at", message: message("received_at_future", lang) }] };
  }
  return { ok: true, event };
}

/**
 * The time a fact is about, from which its known day starts: reported_at (else occurred_at for a
 * grievance, started_at for an incident), updated_at for the registry. Undefined when the record has
 * none (it is then invalid anyway).
 */
export function ownTimeOf(stream: StreamName, event: Readonly<Record<string, unknown>>): string | undefined {
  const pick = (...fields: string[]) => fields.map((f) => event[f]).find((v): v is string => typeof v === "string");
  switch (stream) {
    case "enterprises":
      return pick("updated_at");
    case "grievances":
      return pick("reported_at", "occurred_at");
    case "incidents":
      return pick("reported_at", "started_at");
    default:
      return pick("reported_at");
  }
}
