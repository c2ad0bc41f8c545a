// The insert_deduplication_token of a batch: the Kafka coordinates of the records it holds, so a
// batch retried after a crash carries the same token and ClickHouse stores it once. Pure.
import { FatalError } from "@lrew/errors";

const OFFSET = /^\d+$/;

export function dedupToken(topic: string, partition: number, firstOffset: string, lastOffset: string): string {
  if (topic.length === 0 || !Number.isInteger(partition) || partition < 0) {
    throw new FatalError(`dedupToken: bad topic/partition ${JSON.stringify(topic)}/${partition}`);
  }
  if (!OFFSET.test(firstOffset) || !OFFSET.test(lastOffset) || BigInt(firstOffset) > BigInt(lastOffset)) {
    throw new FatalError(`dedupToken: bad offset range ${JSON.stringify(firstOffset)}..${JSON.stringify(lastOffset)}`);
  }
  // Kafka topic names are [a-zA-Z0-9._-], so "/" cannot be confused with part of a topic.
  return `${topic}/${partition}/${BigInt(firstOffset)}-${BigInt(lastOffset)}`;
}
