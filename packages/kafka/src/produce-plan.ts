// Pure: how the producer's queue of sends becomes produce requests. A produce request carries the
// queued messages of each topic in the order they were sent, taking from the topics in turn, one
// message each, so that a long queue on one topic (the dead letters of a large careless batch) does
// not hold back another topic's sends; it stops at the first message that would pass a bound (a
// send larger than one request is spread over several). Kafka keeps order per partition, and every
// partition belongs to one topic: within a topic nothing is reordered. Two bounds:
// - bytes: Kafka refuses a record batch above its `message.max.bytes` (about 1 MB by default); a
//   request holds one batch per partition, so a request below that size keeps every batch below it;
// - messages: kafkajs encodes a request in one go on the event loop (tens of microseconds a record),
//   so a bound on records keeps that pause short for whatever else the process serves.
import type { OutgoingMessage } from "./producer.ts";

/** What one produce request may carry, in approximate wire bytes: below Kafka's default limit of 1,048,588. */
export const MAX_PRODUCE_REQUEST_BYTES = 1_000_000;
/** What one produce request may carry, in messages. */
export const MAX_PRODUCE_REQUEST_MESSAGES = 1000;

/** Pure: approximate wire size of a message (key, value, headers and the record's own framing). */
export function messageBytes(m: OutgoingMessage): number {
  let bytes = Buffer.byteLength(m.key) + (typeof m.value === "string" ? Buffer.byteLength(m.value) : m.value.length) + 64;
  for (const k in m.headers) bytes += Buffer.byteLength(k) + Buffer.byteLength(m.headers[k]!) + 8;
  return bytes;
}

/** A queued send as the plan sees it: its topic, its messages' sizes, and how many of them earlier requests carried. */
export interface QueuedSizes {
  topic: string;
  sizes: readonly number[];
  sent: number;
}

/** Messages `from` (inclusive) to `to` (exclusive) of queued send number `send`. */
export interface RequestPart {
  send: number;
  from: number;
  to: number;
}

/**
 * Pure: the parts of the queued sends that the next produce request carries (by send, in queue
 * order): from each topic in turn one message, in that topic's order, until the next message would
 * pass `maxBytes` or `maxMessages`; always at least one.
 */
export function planProduceRequest(
  queue: readonly QueuedSizes[],
  maxBytes = MAX_PRODUCE_REQUEST_BYTES,
  maxMessages = MAX_PRODUCE_REQUEST_MESSAGES,
): RequestPart[] {
  // Per topic (in the order of its first queued send), the sends with messages left, in order.
  const topics = new Map<string, number[]>();
  queue.forEach((s, i) => {
    if (s.sent < s.sizes.length) topics.set(s.topic, [...(topics.get(s.topic) ?? []), i]);
  });
  const cursors = [...topics.values()].map((sends) => ({ sends, k: 0, at: queue[sends[0]!]!.sent }));
  const taken = new Map<number, RequestPart>();
  let total = 0;
  let count = 0;
  for (let active = cursors.length; active > 0; ) {
    active = 0;
    for (const c of cursors) {
      if (c.k >= c.sends.length) continue;
      const send = c.sends[c.k]!;
      const size = queue[send]!.sizes[c.at]!;
      if (count > 0 && (total + size > maxBytes || count >= maxMessages)) return partsInOrder(taken);
      const part = taken.get(send) ?? { send, from: c.at, to: c.at };
      part.to = c.at + 1;
      taken.set(send, part);
      total += size;
      count++;
      active++;
      if (++c.at >= queue[send]!.sizes.length && ++c.k < c.sends.length) c.at = queue[c.sends[c.k]!]!.sent;
    }
  }
  return partsInOrder(taken);
}

function partsInOrder(taken: Map<number, RequestPart>): RequestPart[] {
  return [...taken.values()].sort((a, b) => a.send - b.send);
}
