// What every event table family shares: the source metadata columns and the arrival (received_at). The events a table family maps
// have passed their contract already (the sink decodes each message with validateRecord): they are
// checked once, there, not again here.
import { BadInputError } from "@lrew/errors";
import { formatUtc, toUtcText } from "../time.ts";

/** Where a record came from, as the sink read it from Kafka. */
export interface SourceMeta {
  topic: string;
  partition: number;
  /** Kafka offset, decimal string (as kafkajs gives it). */
  offset: string;
  ingestedAt: Date;
}

/** The source metadata columns every fact table carries. */
export interface MetaColumns {
  _topic: string;
  _partition: number;
  /** UInt64 as a decimal string, exact beyond 2^53. */
  _offset: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC. */
  _ingested_at: string;
  /**
   * 'YYYY-MM-DD hh:mm:ss.sss' UTC: when the record reached lrew, or the provider first had it (a
   * backfill's received_at). Features see a fact from the later of its own day and this one's.
   */
  received_at: string;
}

/**
 * The source columns of an event read from Kafka, and its arrival: the event's received_at (ingest
 * stamps every event; a message produced before received_at existed has none, and then the sink's
 * own write time stands for it: never earlier than the truth, so never a look-ahead).
 */
export function metaColumns(meta: SourceMeta, receivedAt: string | undefined): MetaColumns {
  if (typeof meta.topic !== "string" || meta.topic.length === 0) throw new BadInputError("source topic is empty");
  if (!Number.isInteger(meta.partition) || meta.partition < 0 || meta.partition > 65535) {
    throw new BadInputError(`source partition ${meta.partition} is not a UInt16`);
  }
  if (typeof meta.offset !== "string" || !/^\d{1,20}$/.test(meta.offset) || BigInt(meta.offset) > 18446744073709551615n) {
    throw new BadInputError(`source offset ${JSON.stringify(meta.offset)} is not a UInt64`);
  }
  if (!(meta.ingestedAt instanceof Date)) throw new BadInputError("source ingestedAt is not a Date");
  return {
    _topic: meta.topic,
    _partition: meta.partition,
    _offset: String(BigInt(meta.offset)),
    _ingested_at: formatUtc(meta.ingestedAt, "ingestedAt"),
    received_at: receivedAt !== undefined ? toUtcText(receivedAt, "received_at") : formatUtc(meta.ingestedAt, "ingestedAt"),
  };
}
