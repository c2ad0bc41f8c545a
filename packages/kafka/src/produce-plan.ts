// Pure: how a topic's queue of sends becomes produce requests. A produce request carries the queued
// messages in the order they were sent, whole sends while they fit and, when the next one does not,
// as much of it as fits (a send larger than one request is spread over several). Two bounds:
// - bytes: Kafka refuses a record batch above its `message.max.bytes` (about 1 MB by default); a
//   request holds one batch per partition, so a request below that size keeps every batch below it;
// - record parts: kafkajs encodes a request in one go on the event loop, with an encoder of its own
//   for every record and every header of it; a bound on those keeps that pause short for whatever
//   else the process serves (a request of events carries 500 of them, of dead letters, with their
//   reason in headers, about 250).
import type { OutgoingMessage } from "./producer.ts";

/** What one produce request may carry, in approximate wire bytes: below Kafka's default limit of 1,048,588. */
export const MAX_PRODUCE_REQUEST_BYTES = 1_000_000;
/** What one produce request may carry, in records and headers (each kafkajs encodes on its own). */
export const MAX_PRODUCE_REQUEST_PARTS = 2000;

/** Pure: approximate wire size of a message (key, value, headers and the record's own framing). */
export function messageBytes(m: OutgoingMessage): number {
  let bytes = Buffer.byteLength(m.key) + (typeof m.value === "string" ? Buffer.byteLength(m.value) : m.value.length) + 64;
  for (const k in m.headers) bytes += Buffer.byteLength(k) + Buffer.byteLength(m.headers[k]!) + 8;
  return bytes;
}

/** Pure: the parts kafkajs encodes a message with: the record and each of its headers. */
export function messageParts(m: OutgoingMessage): number {
  let parts = 1;
  for (const _ in m.headers) parts++;
  return parts;
}

/** A queued send as the plan sees it: its messages' sizes and parts, and how many of them earlier requests carried. */
export interface QueuedSizes {
  sizes: readonly number[];
  parts: readonly number[];
  sent: number;
}

/** Messages `from` (inclusive) to `to` (exclusive) of queued send number `send`. */
export interface RequestPart {
  send: number;
  from: number;
  to: number;
}

/**
 * Pure: the parts of the queued sends (from the head) that the next produce request carries: every
 * message in order until the next would pass `maxBytes` or `maxParts`, and always at least one.
 */
export function planProduceRequest(
  queue: readonly QueuedSizes[],
  maxBytes = MAX_PRODUCE_REQUEST_BYTES,
  maxParts = MAX_PRODUCE_REQUEST_PARTS,
): RequestPart[] {
  const plan: RequestPart[] = [];
  let bytes = 0;
  let parts = 0;
  for (let send = 0; send < queue.length; send++) {
    const { sizes, parts: partsOf, sent } = queue[send]!;
    let to = sent;
    while (to < sizes.length && (bytes === 0 || (bytes + sizes[to]! <= maxBytes && parts + partsOf[to]! <= maxParts))) {
      bytes += sizes[to]!;
      parts += partsOf[to]!;
      to++;
    }
    if (to > sent) plan.push({ send, from: sent, to });
    if (to < sizes.length) break;
  }
  return plan;
}

/**
 * Pure: the partitions a request's messages went to that Kafka did not acknowledge. kafkajs can
 * resolve a send without writing every partition of it: when a broker's request fails and the
 * partition's new leader is a broker that has already answered for this send, its retry sends that
 * partition nothing (it only retries brokers without an answer) and still reports success. Such a
 * send must fail, or ingest would answer 202 for events that may be on no replica.
 */
export function unacknowledgedPartitions(
  partitions: Iterable<number>,
  acks: ReadonlyArray<{ partition: number; errorCode: number }>,
): number[] {
  const acknowledged = new Set(acks.filter((a) => a.errorCode === 0).map((a) => a.partition));
  return [...new Set(partitions)].filter((p) => !acknowledged.has(p)).sort((a, b) => a - b);
}
