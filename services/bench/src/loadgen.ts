// The HTTP load generator, run as its own process (child_process.fork) so that it does not share
// a CPU scheduler queue or event loop with the ingest server it measures. It posts NDJSON batches
// over keep-alive connections and times every request from the first byte written to the last byte
// of the response (ingest answers only after Kafka's acks=all). Two ways to offer load:
// - closed loop: `concurrency` requests in flight, each sent as soon as one is answered, for
//   `seconds` (after `warmupSeconds` not measured) or for `requests` requests;
// - open loop (`eventsPerSecond`): requests start on a fixed schedule whatever the answers, until
//   the file is sent once, `seconds` have passed, or the parent says stop.
// Bodies are the file's lines, `batchSize` per request, taken round and round as long as needed.
//
// Protocol: the parent sends one LoadRequest (and may later send "stop"); the child answers with
// one LoadResult and exits.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { IngestResponse } from "@lrew/contracts";

export interface LoadRequest {
  url: string;
  apiKey: string;
  /** NDJSON file: one record per line. */
  file: string;
  batchSize: number;
  /** Requests in flight (closed loop). */
  concurrency: number;
  /** Seconds of requests sent first and not measured (connection set-up, JIT), closed loop only. */
  warmupSeconds?: number;
  /** Measure for this long; without it (and without `requests`), the file is sent once. */
  seconds?: number;
  /** Measure this many requests (closed loop). */
  requests?: number;
  /**
   * Offered load in events per second: requests start on a fixed schedule (open loop, `concurrency`
   * ignored) instead of as fast as possible.
   */
  eventsPerSecond?: number;
}

export interface LoadResult {
  ok: boolean;
  error?: string;
  /** Events of the measured requests. */
  events: number;
  /** Events of every request, warm-up included. */
  allEvents: number;
  requests: number;
  ms: number;
  /** Wall-clock time (Unix ms, fractional) the measured part started and ended. */
  startedAtMs: number;
  endedAtMs: number;
  /** Per measured request, in the order they were sent: its start (Unix ms) and its latency. */
  sentAtMs: number[];
  latenciesMs: number[];
  /** When each request's 2xx answer was complete (Unix ms), by request index. */
  acceptedAtMs: number[];
  /** Records the API refused (rejected_total of every answer). */
  rejected: number;
}

/** Pure: when request `i` of a paced run starts, in ms after the first, for `batchSize` events per request at `eventsPerSecond`. */
export function scheduledStartMs(i: number, batchSize: number, eventsPerSecond: number): number {
  return (i * batchSize * 1000) / eventsPerSecond;
}

/** Pure: the request bodies of a file's lines, `batchSize` lines each (the last may be shorter). */
export function requestBodies(lines: readonly string[], batchSize: number): Array<{ body: string; events: number }> {
  const bodies: Array<{ body: string; events: number }> = [];
  for (let i = 0; i < lines.length; i += batchSize) {
    const part = lines.slice(i, i + batchSize);
    bodies.push({ body: `${part.join("\n")}\n`, events: part.length });
  }
  return bodies;
}

const nowUnixMs = () => performance.timeOrigin + performance.now();

function post(agent: http.Agent, url: URL, apiKey: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${apiKey}`,
          "content-type": "application/x-ndjson",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export async function runLoad(o: LoadRequest, stopped: () => boolean = () => false): Promise<LoadResult> {
  const bodies = requestBodies(readFileSync(o.file, "utf8").split("\n").filter(Boolean), o.batchSize);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.eventsPerSecond === undefined ? o.concurrency : Infinity });
  const url = new URL(o.url);
  const r: LoadResult = {
    ok: true,
    events: 0,
    allEvents: 0,
    requests: 0,
    ms: 0,
    startedAtMs: 0,
    endedAtMs: 0,
    sentAtMs: [],
    latenciesMs: [],
    acceptedAtMs: [],
    rejected: 0,
  };
  let measuring = false;
  /** Sends body number n; measured when the measured part had begun as it was sent. */
  const send = async (n: number): Promise<void> => {
    const measured = measuring;
    const { body, events } = bodies[n % bodies.length]!;
    const sentAt = nowUnixMs();
    const t0 = performance.now();
    const answer = await post(agent, url, o.apiKey, body);
    if (answer.status < 200 || answer.status > 299) throw new Error(`ingest answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    r.allEvents += events;
    if (!measured) return;
    r.sentAtMs[n] = sentAt;
    r.latenciesMs[n] = performance.now() - t0;
    r.acceptedAtMs[n] = nowUnixMs();
    r.events += events;
    r.requests++;
    r.rejected += (JSON.parse(answer.text) as IngestResponse).rejected_total;
  };
  try {
    if (o.eventsPerSecond !== undefined) {
      measuring = true;
      const started = performance.now();
      r.startedAtMs = nowUnixMs();
      const total = o.seconds === undefined ? bodies.length : Number.POSITIVE_INFINITY;
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < total && !stopped(); i++) {
        const at = started + scheduledStartMs(i, o.batchSize, o.eventsPerSecond);
        if (o.seconds !== undefined && at - started >= o.seconds * 1000) break;
        const wait = at - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (stopped()) break;
        inFlight.push(send(i));
      }
      await Promise.all(inFlight);
    } else {
      let next = 0;
      let until = performance.now() + (o.warmupSeconds ?? 0) * 1000;
      const worker = async (): Promise<void> => {
        for (;;) {
          if (!measuring && performance.now() >= until) {
            measuring = true;
            next = 0;
            r.startedAtMs = nowUnixMs();
            until = performance.now() + (o.seconds ?? Number.POSITIVE_INFINITY) * 1000;
          }
          if (measuring) {
            const limit = o.requests ?? (o.seconds === undefined ? bodies.length : Number.POSITIVE_INFINITY);
            if (next >= limit || performance.now() >= until) return;
          }
          await send(next++);
        }
      };
      await Promise.all(Array.from({ length: o.concurrency }, worker));
    }
    r.endedAtMs = nowUnixMs();
    r.ms = r.endedAtMs - r.startedAtMs;
    // Requests are indexed by the order they were sent; drop the holes of a stopped run.
    r.sentAtMs = r.sentAtMs.filter((v) => v !== undefined);
    r.latenciesMs = r.latenciesMs.filter((v) => v !== undefined);
    return r;
  } catch (err) {
    return { ...r, ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    agent.destroy();
  }
}

if (import.meta.main && process.send) {
  let stop = false;
  process.on("message", (m: LoadRequest | "stop") => {
    if (m === "stop") {
      stop = true;
      return;
    }
    void runLoad(m, () => stop).then((result) => process.send!(result, () => process.exit(0)));
  });
}
