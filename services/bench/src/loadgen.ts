// The HTTP load generator, run as its own process (child_process.fork) so that it does not share
// a CPU scheduler queue or event loop with the ingest server it measures. It posts NDJSON batches
// over keep-alive connections, `concurrency` requests in flight, and times every request from the
// first byte written to the last byte of the response (ingest answers only after Kafka's acks=all).
//
// Protocol: the parent sends one LoadRequest; the child answers with one LoadResult and exits.
import http from "node:http";
import { readFileSync } from "node:fs";
import type { IngestResponse } from "@lrew/contracts";

export interface LoadRequest {
  url: string;
  apiKey: string;
  /** NDJSON file: one event per line. */
  file: string;
  batchSize: number;
  concurrency: number;
  /** Requests sent first and not measured (connection set-up, JIT). */
  warmupRequests: number;
  /**
   * Offered load in events per second: requests start on a fixed schedule (open loop, `concurrency`
   * ignored) instead of as fast as possible. Default: as fast as possible.
   */
  eventsPerSecond?: number;
}

export interface LoadResult {
  ok: boolean;
  error?: string;
  events: number;
  requests: number;
  ms: number;
  latenciesMs: number[];
  rejected: number;
  /** Wall-clock time (Unix ms, fractional) each request's 2xx answer was complete, by request index; only with eventsPerSecond. */
  acceptedAtMs?: number[];
}

/** Pure: when request `i` of a paced run starts, in ms after the first, for `batchSize` events per request at `eventsPerSecond`. */
export function scheduledStartMs(i: number, batchSize: number, eventsPerSecond: number): number {
  return (i * batchSize * 1000) / eventsPerSecond;
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

export async function runLoad(o: LoadRequest): Promise<LoadResult> {
  const lines = readFileSync(o.file, "utf8").split("\n").filter(Boolean);
  const bodies: string[] = [];
  for (let i = 0; i < lines.length; i += o.batchSize) bodies.push(`${lines.slice(i, i + o.batchSize).join("\n")}\n`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const url = new URL(o.url);
  let rejected = 0;
  const send = async (body: string): Promise<void> => {
    const r = await post(agent, url, o.apiKey, body);
    if (r.status < 200 || r.status > 299) throw new Error(`ingest answered ${r.status}: ${r.text.slice(0, 300)}`);
    rejected += (JSON.parse(r.text) as IngestResponse).rejected_total;
  };
  try {
    for (let i = 0; i < o.warmupRequests; i++) await send(bodies[i % bodies.length]!);
    rejected = 0;
    const latenciesMs: number[] = [];
    let next = 0;
    let events = 0;
    const started = performance.now();
    if (o.eventsPerSecond !== undefined) {
      const acceptedAtMs: number[] = new Array<number>(bodies.length).fill(Number.NaN);
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < bodies.length; i++) {
        const wait = started + scheduledStartMs(i, o.batchSize, o.eventsPerSecond) - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        inFlight.push(
          (async () => {
            const t0 = performance.now();
            await send(bodies[i]!);
            acceptedAtMs[i] = nowUnixMs();
            latenciesMs.push(performance.now() - t0);
            events += Math.min(o.batchSize, lines.length - i * o.batchSize);
          })(),
        );
      }
      await Promise.all(inFlight);
      const ms = performance.now() - started;
      return { ok: true, events, requests: latenciesMs.length, ms, latenciesMs, rejected, acceptedAtMs };
    }
    const worker = async (): Promise<void> => {
      while (next < bodies.length) {
        const i = next++;
        const t0 = performance.now();
        await send(bodies[i]!);
        latenciesMs.push(performance.now() - t0);
        events += Math.min(o.batchSize, lines.length - i * o.batchSize);
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, bodies.length) }, worker));
    const ms = performance.now() - started;
    return { ok: true, events, requests: latenciesMs.length, ms, latenciesMs, rejected };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), events: 0, requests: 0, ms: 0, latenciesMs: [], rejected };
  } finally {
    agent.destroy();
  }
}

if (import.meta.main && process.send) {
  process.once("message", (req: LoadRequest) => {
    void runLoad(req).then((result) => process.send!(result, () => process.exit(0)));
  });
}
