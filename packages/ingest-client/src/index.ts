// A client of lrew's own ingest API, for lrew's tools that act as data providers (the simulator,
// file import): NDJSON bodies, retries on 429 / 503 / connection failures honouring Retry-After,
// and the API's per-record answer returned as is.
import type { IngestResponse, StreamName } from "@lrew/contracts";
import { FatalError, RetryableError } from "@lrew/errors";

export interface IngestClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Attempts for one request while the API is busy or unreachable (default 30). */
  maxAttempts?: number;
  lang?: "vi" | "en";
}

/** Pure: how long to wait before the next attempt, from Retry-After (seconds) or exponential backoff. */
export function retryDelayMs(attempt: number, retryAfter: string | null): number {
  const seconds = Number(retryAfter);
  if (retryAfter !== null && Number.isFinite(seconds) && seconds > 0) return Math.min(seconds, 60) * 1000;
  return Math.min(15_000, 250 * 2 ** Math.max(0, attempt));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class IngestClient {
  retries = 0;
  #o: Required<Omit<IngestClientOptions, "lang">> & { lang: "vi" | "en" };

  constructor(o: IngestClientOptions) {
    this.#o = { maxAttempts: 30, lang: "vi", ...o, baseUrl: o.baseUrl.replace(/\/$/, "") };
  }

  /** Posts records (objects, or JSON lines already serialised) and returns the API's answer. */
  async post(stream: StreamName, records: ReadonlyArray<unknown>): Promise<IngestResponse> {
    const body = records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n");
    const url = `${this.#o.baseUrl}/v1/events/${stream}`;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: {
            authorization: `Bearer ${this.#o.apiKey}`,
            "content-type": "application/x-ndjson",
            "accept-language": this.#o.lang,
          },
          body,
        });
      } catch (err) {
        if (attempt + 1 >= this.#o.maxAttempts) {
          throw new RetryableError(`ingest API unreachable at ${this.#o.baseUrl}: ${(err as Error).message}`, { cause: err });
        }
        this.retries++;
        await sleep(retryDelayMs(attempt, null));
        continue;
      }
      if (res.status === 202) return (await res.json()) as IngestResponse;
      const text = await res.text();
      if ((res.status === 429 || res.status === 503) && attempt + 1 < this.#o.maxAttempts) {
        this.retries++;
        await sleep(retryDelayMs(attempt, res.headers.get("retry-after")));
        continue;
      }
      throw new FatalError(`ingest API answered ${res.status} for ${stream}: ${text.slice(0, 500)}`);
    }
  }
}
