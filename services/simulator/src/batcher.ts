// Pure: groups a stream of events into per-stream batches of bounded size, in arrival order, so a
// simulated provider sends what a real one would: one request per stream per batch.
import type { StreamName } from "@lrew/contracts";

export interface Outgoing {
  stream: StreamName;
  /** enterprise_id: the Kafka key. */
  key: string;
  json: string;
}

export class StreamBatcher {
  #pending = new Map<StreamName, Outgoing[]>();
  #max: number;

  constructor(maxPerBatch: number) {
    if (maxPerBatch < 1) throw new RangeError("maxPerBatch must be at least 1");
    this.#max = maxPerBatch;
  }

  /** Adds one event; returns a full batch when this stream's batch reached the maximum. */
  add(item: Outgoing): Outgoing[] | undefined {
    const list = this.#pending.get(item.stream) ?? [];
    list.push(item);
    if (list.length >= this.#max) {
      this.#pending.delete(item.stream);
      return list;
    }
    this.#pending.set(item.stream, list);
    return undefined;
  }

  /** Everything still pending, one batch per stream. */
  drain(): Outgoing[][] {
    const all = [...this.#pending.values()].filter((l) => l.length > 0);
    this.#pending.clear();
    return all;
  }
}
