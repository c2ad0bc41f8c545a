// The sink: Kafka stream topics → ClickHouse. Per partition batch, in chunks of at most
// `batchRows` (the broker's fetch wait is the time bound):
//   1. decode and check each message against its contract, once (decode.ts); what cannot be stored
//      goes to the dead-letter topic with the reason,
//   2. clear the grievances an erasure covers (the erasure list, migration 0070: summary and
//      complainant reference dropped, the provider's id replaced), so a replay or a restored
//      pipeline re-reading Kafka never brings erased data back; the list is kept in memory and read
//      again whenever its version in ClickHouse moved (checked before every chunk of grievances),
//   3. drop events whose event_id is already stored (a provider's resend, or a redelivery after a
//      crash between insert and commit). All events of an enterprise share a partition, and a
//      partition is handled by one sink at a time, so this check cannot race,
//   4. insert with a deterministic insert_deduplication_token, retrying while ClickHouse is down or
//      refuses inserts for lack of disk space (then not ready, reason disk_full),
//   5. only then commit the offset.
// Order matters only within a partition: the partitions' batches are handled concurrently, and
// within one, step 1 of the next chunk runs while ClickHouse inserts the current one (ClickHouse
// works on threads of its own, the JavaScript thread is free meanwhile).
import { deadLetterTopicOf, streamOfTopic, STREAM_NAMES, topicOf, type StreamName } from "@lrew/contracts";
import { BadInputError, FatalError } from "@lrew/errors";
import {
  BatchConsumer,
  EventProducer,
  StoppingError,
  chunkMessages,
  deadLetter,
  retrying,
  type BatchControl,
  type ConsumedBatch,
  type ConsumedMessage,
  type KafkaSettings,
  type OutgoingMessage,
} from "@lrew/kafka";
import { counter, createLogger, faultPoint, gauge, histogram } from "@lrew/telemetry";
import {
  ErasureList,
  clearErasedRows,
  dedupToken,
  erasureListVersion,
  insertErasures,
  insertRows,
  isOutOfSpace,
  selectErasures,
  storedEventIds,
  toRow,
  warehouseAnswers,
  type Row,
  type RowOf,
  type Warehouse,
} from "@lrew/warehouse";
import { decodeMessage } from "./decode.ts";
import { sinkReadiness, type Readiness } from "./readiness.ts";

export interface SinkSettings {
  kafka: KafkaSettings;
  groupId: string;
  batchRows: number;
  batchMs: number;
  sessionTimeoutMs?: number;
  /** Every HMAC key, current first then retired: what the erasure list is matched under. */
  hmacKeys: readonly string[];
}

/** How much one fetch may bring per partition: enough for inserts of `batchRows` rows of events of a few hundred bytes. */
const FETCH_BYTES_PER_PARTITION = 8 * 1024 * 1024;

/** Lets what waits on the event loop run (the insert just started reaches ClickHouse) before going on. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const log = createLogger("sink");
const inserted = counter("lrew_sink_rows_inserted_total", "Rows inserted into ClickHouse", ["stream"]);
const skipped = counter("lrew_sink_events_already_stored_total", "Events not inserted because their event_id was already stored", [
  "stream",
]);
const erased = counter("lrew_sink_events_erased_total", "Grievance events stored de-identified because an erasure covers them", ["stream"]);
const erasureListReads = counter(
  "lrew_sink_erasure_list_reads_total",
  "Times the sink read the whole erasure list (only when its version moved)",
);
const deadLettered = counter("lrew_sink_dead_letters_total", "Messages sent to the dead-letter topic by the sink", ["stream"]);
const retries = counter("lrew_sink_retries_total", "Retries while a dependency was unavailable", ["dependency"]);
const insertSeconds = histogram("lrew_sink_insert_seconds", "ClickHouse insert latency", ["stream"]);
const waitingForSpace = gauge(
  "lrew_sink_partitions_waiting_for_disk_space",
  "Partitions whose insert ClickHouse refuses for lack of disk space (the sink waits and retries; nothing is committed or lost)",
);
const chunkRows = histogram("lrew_sink_chunk_rows", "Rows per insert", ["stream"], [1, 10, 100, 500, 1000, 2500, 5000, 10000, 50000]);

interface PlannedRow {
  row: Row;
  /** The Kafka message it came from: its offset, and its original bytes should ClickHouse refuse the row. */
  message: ConsumedMessage;
}

interface Planned {
  rows: PlannedRow[];
  deadLetters: OutgoingMessage[];
}

/** Pure: splits a chunk into rows to insert and dead letters, with the reason for each. */
export function planChunk(stream: StreamName, topic: string, partition: number, messages: ConsumedMessage[], now: Date): Planned {
  const planned: Planned = { rows: [], deadLetters: [] };
  for (const m of messages) {
    const decoded = decodeMessage(stream, m.value);
    if (!decoded.ok) {
      planned.deadLetters.push(
        deadLetter(m, { stream, stage: "sink", sourceTopic: topic, partition, offset: m.offset, error: decoded.error }),
      );
      continue;
    }
    try {
      planned.rows.push({
        row: toRow(stream, decoded.event as never, { topic, partition, offset: m.offset, ingestedAt: now }),
        message: m,
      });
    } catch (err) {
      if (!(err instanceof BadInputError)) throw err;
      planned.deadLetters.push(
        deadLetter(m, { stream, stage: "sink", sourceTopic: topic, partition, offset: m.offset, error: err.message }),
      );
    }
  }
  return planned;
}

function eventIdOf(row: Row): string {
  return String((row as { event_id: unknown }).event_id);
}

/** Pure: keeps the first row of each event_id, so an event sent twice in one chunk is stored once. */
export function firstOfEachEvent(rows: PlannedRow[]): PlannedRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const id = eventIdOf(r.row);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export class Sink {
  #consumer: BatchConsumer | undefined;
  #producer: EventProducer;
  #wh: Warehouse;
  #s: SinkSettings;
  /** Partitions (topic/partition) whose insert in hand ClickHouse refuses for lack of disk space. */
  #waitingForSpace = new Set<string>();
  /** The erasure list as last read and the version it was read at (#currentErasures). */
  #erasures: { version: string; list: ErasureList } | undefined;

  private constructor(settings: SinkSettings, wh: Warehouse, producer: EventProducer) {
    this.#s = settings;
    this.#wh = wh;
    this.#producer = producer;
  }

  static async start(settings: SinkSettings, wh: Warehouse): Promise<Sink> {
    const producer = await EventProducer.connect(settings.kafka, "sink");
    const sink = new Sink(settings, wh, producer);
    sink.#consumer = await BatchConsumer.start({
      settings: settings.kafka,
      component: "sink",
      groupId: settings.groupId,
      topics: STREAM_NAMES.map((s) => topicOf(s, settings.kafka.topicPrefix)),
      maxWaitMs: settings.batchMs,
      maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
      // Order matters only within a partition (one enterprise's events): several are handled at once.
      partitionsConsumedConcurrently: settings.kafka.partitions,
      ...(settings.sessionTimeoutMs ? { sessionTimeoutMs: settings.sessionTimeoutMs } : {}),
      handle: (batch, control) => sink.#handle(batch, control),
    });
    log.info({ groupId: settings.groupId, batchRows: settings.batchRows, batchMs: settings.batchMs }, "sink consuming");
    return sink;
  }

  async #handle(batch: ConsumedBatch, control: BatchControl): Promise<void> {
    const stream = streamOfTopic(batch.topic, this.#s.kafka.topicPrefix);
    if (!stream) throw new FatalError(`sink subscribed to a topic it cannot map: ${batch.topic}`);
    const chunks = chunkMessages(batch.messages, this.#s.batchRows);
    const plan = (i: number) => planChunk(stream, batch.topic, batch.partition, chunks[i]!, new Date());
    let next = chunks.length > 0 ? plan(0) : undefined;
    for (let i = 0; i < chunks.length; i++) {
      if (!control.isActive()) return;
      const planned = next!;
      const last = chunks[i]!.at(-1)!.offset;
      try {
        if (planned.deadLetters.length > 0) await this.#sendDeadLetters(stream, planned.deadLetters, control);
        const cleared = stream === "grievances" ? await this.#withErasuresApplied(planned.rows, control) : planned.rows;
        const rows = await this.#withoutStoredEvents(stream, cleared, control);
        if (rows.length < planned.rows.length) {
          skipped.inc({ stream }, planned.rows.length - rows.length);
          log.debug(
            {
              where: `${batch.topic}/${batch.partition}`,
              first: chunks[i]![0]!.offset,
              last,
              alreadyStored: planned.rows.length - rows.length,
            },
            "events already stored; not inserting them again",
          );
        }
        const inserting = rows.length > 0 ? this.#insert(stream, batch.topic, batch.partition, rows, control) : undefined;
        inserting?.catch(() => undefined); // awaited below; a failure meanwhile is not unhandled
        // The next chunk is decoded and checked while ClickHouse inserts this one.
        if (i + 1 < chunks.length) {
          if (inserting) await yieldToEventLoop();
          next = plan(i + 1);
        }
        await inserting;
        faultPoint("sink.after-insert");
        await control.commit(last);
      } catch (err) {
        if (err instanceof StoppingError) return;
        throw err;
      }
    }
  }

  /**
   * The erasure list as it stands now. The list is read again only when its version (erasureListVersion)
   * moved since it was last read — an erasure made by `./lrew erase`, or entries another sink added —
   * and the version is checked before every chunk of grievances, so no chunk is stored against a list
   * older than the one ClickHouse holds when the chunk is handled (as when the whole list was read for
   * every chunk). The version is read first: entries read after it hold at least what it stands for,
   * and anything added meanwhile moves the version again, so the next chunk reads the list again.
   */
  async #currentErasures(control: BatchControl): Promise<ErasureList> {
    const version = await this.#retrying("clickhouse", control, () => erasureListVersion(this.#wh));
    if (this.#erasures?.version !== version) {
      const entries = await this.#retrying("clickhouse", control, () => selectErasures(this.#wh));
      this.#erasures = { version, list: new ErasureList(entries, this.#s.hmacKeys) };
      erasureListReads.inc();
    }
    return this.#erasures.list;
  }

  /** Grievances an erasure covers, de-identified; grievances found through their complainant join the list first. */
  async #withErasuresApplied(rows: PlannedRow[], control: BatchControl): Promise<PlannedRow[]> {
    if (rows.length === 0) return rows;
    const list = await this.#currentErasures(control);
    if (list.size === 0) return rows;
    const cleared = clearErasedRows(
      rows.map((r) => r.row as RowOf<"grievances">),
      list,
    );
    if (cleared.added.length > 0) await this.#retrying("clickhouse", control, () => insertErasures(this.#wh, cleared.added));
    const changed = cleared.rows.filter((r, i) => r !== rows[i]!.row).length;
    if (changed > 0) erased.inc({ stream: "grievances" }, changed);
    return rows.map((r, i) => ({ ...r, row: cleared.rows[i]! }));
  }

  async #withoutStoredEvents(stream: StreamName, rows: PlannedRow[], control: BatchControl): Promise<PlannedRow[]> {
    const unique = firstOfEachEvent(rows);
    if (unique.length === 0) return unique;
    const stored = await this.#retrying("clickhouse", control, () =>
      storedEventIds(
        this.#wh,
        stream,
        unique.map((r) => r.row),
      ),
    );
    return unique.filter((r) => !stored.has(eventIdOf(r.row)));
  }

  /** Inserts rows; when ClickHouse refuses the data itself, splits the chunk to find the poison rows. */
  async #insert(stream: StreamName, topic: string, partition: number, rows: PlannedRow[], control: BatchControl): Promise<void> {
    const token = `${dedupToken(topic, partition, rows[0]!.message.offset, rows.at(-1)!.message.offset)}#${rows.length}`;
    try {
      const stop = insertSeconds.startTimer({ stream });
      const where = `${topic}/${partition}`;
      try {
        await this.#retrying("clickhouse", control, () =>
          this.#watchingSpace(where, () =>
            insertRows(
              this.#wh,
              stream,
              rows.map((r) => r.row),
              { dedupToken: token },
            ),
          ),
        );
      } finally {
        stop();
        this.#spaceBack(where);
      }
      inserted.inc({ stream }, rows.length);
      chunkRows.observe({ stream }, rows.length);
    } catch (err) {
      if (!(err instanceof BadInputError)) throw err;
      if (rows.length === 1) {
        const m = rows[0]!.message;
        const reason = {
          stream,
          stage: "sink" as const,
          error: `ClickHouse refused the row: ${err.message}`,
          sourceTopic: topic,
          partition,
          offset: m.offset,
        };
        await this.#sendDeadLetters(stream, [deadLetter(m, reason)], control);
        return;
      }
      const mid = Math.ceil(rows.length / 2);
      await this.#insert(stream, topic, partition, rows.slice(0, mid), control);
      await this.#insert(stream, topic, partition, rows.slice(mid), control);
    }
  }

  /** Runs an insert, noting when ClickHouse refuses it for lack of disk space (the retry waits it out). */
  async #watchingSpace<T>(where: string, insert: () => Promise<T>): Promise<T> {
    try {
      return await insert();
    } catch (err) {
      if (isOutOfSpace(err) && !this.#waitingForSpace.has(where)) {
        this.#waitingForSpace.add(where);
        waitingForSpace.set(this.#waitingForSpace.size);
        log.error(
          { where },
          "ClickHouse refuses inserts: not enough disk space. Pausing this partition (nothing committed, nothing lost) until space returns",
        );
      }
      throw err;
    }
  }

  #spaceBack(where: string): void {
    if (!this.#waitingForSpace.delete(where)) return;
    waitingForSpace.set(this.#waitingForSpace.size);
    log.info({ where }, "ClickHouse accepts inserts again; partition resumed");
  }

  async #sendDeadLetters(stream: StreamName, messages: OutgoingMessage[], control: BatchControl): Promise<void> {
    const topic = deadLetterTopicOf(stream, this.#s.kafka.topicPrefix);
    await this.#retrying("kafka", control, () => this.#producer.send(topic, messages));
    deadLettered.inc({ stream }, messages.length);
    log.warn({ stream, count: messages.length, topic }, "messages sent to the dead-letter topic");
  }

  /** Runs fn until it succeeds, waiting with backoff while the dependency is unavailable. Never drops. */
  #retrying<T>(dependency: string, control: BatchControl, fn: () => Promise<T>): Promise<T> {
    return retrying({ dependency, control, log, retries }, fn);
  }

  /** Ready when both dependencies answer now (the Kafka cluster and ClickHouse) and ClickHouse has room for the inserts; else why not. */
  async readiness(): Promise<Readiness> {
    const [kafka, clickhouse] = await Promise.all([this.#producer.isReady(), warehouseAnswers(this.#wh)]);
    return sinkReadiness({ kafka, clickhouse, waitingForSpace: this.#waitingForSpace.size > 0 });
  }

  async isReady(): Promise<boolean> {
    return (await this.readiness()).ready;
  }

  /** Graceful: finish the chunk in hand (its offsets are committed), leave the group, disconnect. */
  async stop(): Promise<void> {
    await this.#consumer?.stop();
    await this.#producer.disconnect();
    log.info("sink stopped");
  }
}
