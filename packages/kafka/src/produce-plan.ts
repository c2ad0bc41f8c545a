// Pure: how the producer's queue of sends becomes produce requests. A produce request carries the
// queued messages in order, whole sends while they fit and, when the next one does not, as much of
// it as fits (a send larger than one request is spread over several). Kafka refuses a record batch
// above its `message.max.bytes` (about 1 MB by default); a request holds one batch per partition,
// so a request below that size keeps every batch below it.
import type { OutgoingMessage } from "./producer.ts";

/** What one produce request may carry, in approximate wire bytes: below Kafka's default limit of 1,048,588. */
export const MAX_PRODUCE_REQUEST_BYTES = 1_000_000;

/** Pure: approximate wire size of a message (key, value, headers and the record's own framing). */
export function messageBytes(m: OutgoingMessage): number {
  let bytes = Buffer.byteLength(m.key) + (typeof m.value === "string" ? Buffer.byteLength(m.value) : m.value.length) + 64;
  for (const k in m.headers) bytes += Buffer.byteLength(k) + Buffer.byteLength(m.headers[k]!) + 8;
  return bytes;
}

/** A queued send as the plan sees it: its messages' sizes, and how many of them earlier requests carried. */
export interface QueuedSizes {
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
 * Pure: the parts of the queued sends (from the head) that the next produce request carries: every
 * message in order until the next would pass `maxBytes`, and always at least one.
 */
export function planProduceRequest(queue: readonly QueuedSizes[], maxBytes = MAX_PRODUCE_REQUEST_BYTES): RequestPart[] {
  const parts: RequestPart[] = [];
  let total = 0;
  for (let send = 0; send < queue.length; send++) {
    const { sizes, sent } = queue[send]!;
    let to = sent;
    while (to < sizes.length && (total === 0 || total + sizes[to]! <= maxBytes)) total += sizes[to++]!;
    if (to > sent) parts.push({ send, from: sent, to });
    if (to < sizes.length) break;
  }
  return parts;
}
