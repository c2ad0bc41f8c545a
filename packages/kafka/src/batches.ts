// Pure decisions of the consumer loop, kept apart from kafkajs so they can be tested alone.

export interface ConsumedMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

/** Splits a batch into consecutive chunks of at most `maxRows`, preserving order. */
export function chunkMessages<T>(messages: readonly T[], maxRows: number): T[][] {
  if (maxRows < 1) throw new RangeError("maxRows must be at least 1");
  const chunks: T[][] = [];
  for (let i = 0; i < messages.length; i += maxRows) chunks.push(messages.slice(i, i + maxRows));
  return chunks;
}

/** The offset to commit after `offset` is durable: Kafka commits name the next offset to read. */
export function commitOffsetAfter(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/** Kafka headers arrive as Buffers (or arrays of them); the pipeline uses plain strings. */
export function decodeHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined && first !== null) out[k] = Buffer.isBuffer(first) ? first.toString("utf8") : String(first);
  }
  return out;
}

/** Exponential backoff with a cap, for waiting on a dependency that is down. */
export function backoffMs(attempt: number, baseMs = 250, capMs = 15_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
}
