// The ingest HTTP API: POST /v1/events/:stream → validate → anonymise → Kafka (acks=all) → 202.
// See services/ingest/README.md for the contract as providers see it.
import rateLimit from "@fastify/rate-limit";
import { fastify, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { ApiKey, LrewConfig, ResolvedSecrets } from "@lrew/config";
import { STREAM_NAMES, isStreamName, type IngestResponse, type Lang, type StreamName } from "@lrew/contracts";
import { BadInputError, isRetryable } from "@lrew/errors";
import type { EventPublisher, OutgoingMessage } from "@lrew/kafka";
import { createLogger, metricsText, type Logger } from "@lrew/telemetry";
import { bearerToken, openApiPath, pickLang } from "@lrew/http";
import { ApiKeyRing, mayPost } from "./auth.ts";
import { ACCEPTED_MEDIA_TYPES, parseBody } from "./body.ts";
import { prepareBatchInSlices } from "./batch.ts";
import { messages } from "./lang.ts";
import { OPENAPI } from "./openapi.ts";
import { publishSeconds, recordsTotal, requestSeconds, requestsTotal } from "./metrics.ts";

export interface IngestAppOptions {
  config: LrewConfig;
  secrets: Pick<ResolvedSecrets, "apiKeys" | "hmacKey">;
  publisher: EventPublisher;
  /** Language when Accept-Language expresses no preference between vi and en; also of dead-letter reasons. Default vi. */
  lang?: Lang;
  logger?: Logger;
  /** Seconds a client is told to wait (Retry-After) when Kafka is unavailable. Default 5. */
  kafkaRetryAfterSeconds?: number;
}

/** An HTTP error with the `{error, message}` body of the contract. */
export class HttpProblem extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly retryAfterSeconds: number | undefined;

  constructor(statusCode: number, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = "HttpProblem";
    this.statusCode = statusCode;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

interface RequestContext {
  lang: Lang;
  apiKey: ApiKey | undefined;
  stream: StreamName | undefined;
  accepted: number;
  rejected: number;
}

declare module "fastify" {
  interface FastifyRequest {
    lrew: RequestContext;
  }
  interface FastifyInstance {
    /** The routes registered on this server (method in lower case, OpenAPI path): what the OpenAPI document is checked against. */
    lrewRoutes: Array<{ method: string; path: string }>;
  }
}

/** Lets the event loop serve what else is waiting (other requests, health checks) before going on. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const EVENTS_ROUTE = "/v1/events/:stream";

export function buildIngestApp(options: IngestAppOptions): FastifyInstance {
  const { config, secrets, publisher } = options;
  const defaultLang = options.lang ?? "vi";
  const log = options.logger ?? createLogger("ingest");
  const keys = new ApiKeyRing(secrets.apiKeys);
  const kafkaRetryAfter = options.kafkaRetryAfterSeconds ?? 5;

  const app = fastify({
    bodyLimit: config.ingest.maxBodyBytes,
    // Requests are logged by the onResponse hook below (key name, stream, counts, duration), never payloads.
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: "idle",
    // Slow clients (slowloris): the whole request, body included, must arrive within requestTimeout
    // (Node answers 408 and closes), its headers within headersTimeout. Node checks these every
    // connectionsCheckingInterval, 30 s by default: a finer check keeps the limits close to what they say.
    // Waiting for Kafka's acknowledgement after the body is in is not limited by them.
    requestTimeout: config.ingest.requestTimeoutMs,
    http: {
      headersTimeout: config.ingest.headersTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.ingest.headersTimeoutMs / 4))),
    },
  });

  app.decorateRequest("lrew", null as unknown as RequestContext);
  const routes: Array<{ method: string; path: string }> = [];
  app.decorate("lrewRoutes", routes);
  app.addHook("onRoute", (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method])
      if (m !== "HEAD") routes.push({ method: m.toLowerCase(), path: openApiPath(r.url) });
  });

  const langOf = (req: FastifyRequest): Lang => req.lrew?.lang ?? pickLang(req.headers["accept-language"], defaultLang);

  const sendProblem = (reply: FastifyReply, p: HttpProblem) => {
    if (p.retryAfterSeconds !== undefined) reply.header("retry-after", String(p.retryAfterSeconds));
    if (p.statusCode === 401) reply.header("www-authenticate", 'Bearer realm="lrew"');
    return reply
      .code(p.statusCode)
      .type("application/json; charset=utf-8")
      .send({
        error: p.code,
        message: p.message,
        ...(p.retryAfterSeconds !== undefined ? { retry_after_seconds: p.retryAfterSeconds } : {}),
      });
  };

  app.addHook("onRequest", async (req) => {
    req.lrew = {
      lang: pickLang(req.headers["accept-language"], defaultLang),
      apiKey: undefined,
      stream: undefined,
      accepted: 0,
      rejected: 0,
    };
  });

  // Once close() has begun, answers to requests still in flight end their connection, so that
  // keep-alive clients do not hold the server open after their last answer.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_req, reply, payload) => {
    if (closing) reply.header("connection", "close");
    return payload;
  });

  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    const status = String(reply.statusCode);
    requestsTotal.inc({ route, status });
    requestSeconds.observe({ route }, reply.elapsedTime / 1000);
    if (route === EVENTS_ROUTE) {
      const ctx = req.lrew;
      log.info(
        {
          key: ctx.apiKey?.name,
          stream: ctx.stream ?? "(unknown)",
          status: reply.statusCode,
          accepted: ctx.accepted,
          rejected: ctx.rejected,
          ms: Math.round(reply.elapsedTime),
        },
        "ingest request",
      );
    }
  });

  app.setErrorHandler((err: FastifyError | HttpProblem, req, reply) => {
    const lang = langOf(req);
    if (err instanceof HttpProblem) return sendProblem(reply, err);
    const status = err.statusCode ?? 500;
    if (status === 413)
      return sendProblem(reply, new HttpProblem(413, "payload_too_large", messages.payloadTooLarge(config.ingest.maxBodyBytes)(lang)));
    if (status === 415)
      return sendProblem(reply, new HttpProblem(415, "unsupported_media_type", messages.unsupportedMediaType(ACCEPTED_MEDIA_TYPES)(lang)));
    if (status === 503) return sendProblem(reply, new HttpProblem(503, "shutting_down", messages.shuttingDown(lang), kafkaRetryAfter));
    if (status >= 400 && status < 500)
      return sendProblem(reply, new HttpProblem(status, "bad_request", `${messages.badRequest(lang)} (${err.code ?? status})`));
    log.error({ err: { name: err.name, message: err.message, code: err.code }, route: req.routeOptions.url }, "ingest request failed");
    return sendProblem(reply, new HttpProblem(500, "internal", messages.internal(lang)));
  });

  app.setNotFoundHandler((req, reply) => sendProblem(reply, new HttpProblem(404, "not_found", messages.notFound(langOf(req)))));

  // Bodies are parsed by parseBody (JSON, array or NDJSON); Fastify only collects the UTF-8 text.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...ACCEPTED_MEDIA_TYPES], { parseAs: "string" }, (req, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers["content-type"] ?? "")?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) {
      done(new HttpProblem(415, "unsupported_media_type", messages.unsupportedCharset(charset)(langOf(req))), undefined);
      return;
    }
    done(null, body);
  });

  void app.register(rateLimit, { global: false });

  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (req, reply) => {
    let ready = false;
    try {
      ready = await publisher.isReady();
    } catch {
      ready = false;
    }
    if (ready) return { status: "ready" };
    return sendProblem(reply, new HttpProblem(503, "not_ready", messages.notReady(langOf(req))));
  });

  app.get("/openapi.json", async (_req, reply) => reply.header("cache-control", "no-store").send(OPENAPI));

  app.get("/metrics", async (_req, reply) => {
    const { contentType, body } = await metricsText();
    return reply.type(contentType).send(body);
  });

  void app.register(async (scope) => {
    scope.post<{ Params: { stream: string } }>(EVENTS_ROUTE, {
      // Authentication and authorisation before the body is read; rate limiting (per key name) right after.
      onRequest: async (req) => {
        const lang = req.lrew.lang;
        const key = keys.find(bearerToken(req.headers.authorization));
        if (!key) throw new HttpProblem(401, "unauthorized", messages.unauthorized(lang));
        req.lrew.apiKey = key;
        const stream = req.params.stream;
        if (!isStreamName(stream)) throw new HttpProblem(404, "unknown_stream", messages.unknownStream(stream, STREAM_NAMES)(lang));
        req.lrew.stream = stream;
        if (!mayPost(key, stream)) throw new HttpProblem(403, "forbidden", messages.forbidden(key.name, stream)(lang));
      },
      config: {
        rateLimit: {
          max: config.ingest.rateLimit,
          timeWindow: config.ingest.rateWindowMs,
          keyGenerator: (req: FastifyRequest) => `key:${req.lrew.apiKey?.name ?? ""}`,
          errorResponseBuilder: (req: FastifyRequest, ctx: { ttl: number }) => {
            const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
            return new HttpProblem(429, "rate_limited", messages.rateLimited(seconds)(langOf(req)), seconds);
          },
        },
      },
      handler: async (req, reply) => {
        const { lang } = req.lrew;
        const stream = req.lrew.stream!;
        const parsed = parseBody(req.body as string | undefined, req.headers["content-type"]);
        if (!parsed.ok) {
          const message = parsed.reason === "invalid_json" ? messages.invalidJson(parsed.problem)(lang) : messages.notObjectOrArray(lang);
          throw new HttpProblem(400, "invalid_body", message);
        }
        if (parsed.records.length > config.ingest.maxRecords)
          throw new HttpProblem(413, "too_many_records", messages.tooManyRecords(parsed.records.length, config.ingest.maxRecords)(lang));
        const batch = await prepareBatchInSlices(
          stream,
          parsed.records,
          { lang, deadLetterLang: defaultLang, hmacKey: secrets.hmacKey, topicPrefix: config.kafka.topicPrefix },
          yieldToEventLoop,
        );
        const started = performance.now();
        try {
          await publishBatch(publisher, batch.topic, batch.events, batch.deadLetterTopic, batch.deadLetters);
          publishSeconds.observe({ stream, outcome: "ok" }, (performance.now() - started) / 1000);
        } catch (err) {
          publishSeconds.observe({ stream, outcome: "failed" }, (performance.now() - started) / 1000);
          const kind = isRetryable(err) ? "unavailable" : err instanceof BadInputError ? "refused" : "failed";
          log.warn(
            { err: { name: (err as Error)?.name, message: (err as Error)?.message }, stream, key: req.lrew.apiKey?.name, kind },
            "publishing to Kafka failed",
          );
          if (kind === "unavailable")
            throw new HttpProblem(503, "kafka_unavailable", messages.kafkaUnavailable(kafkaRetryAfter)(lang), kafkaRetryAfter);
          throw new HttpProblem(500, "internal", messages.internal(lang));
        }
        req.lrew.accepted = batch.events.length;
        req.lrew.rejected = batch.rejectedTotal;
        if (batch.events.length) recordsTotal.inc({ stream, outcome: "accepted" }, batch.events.length);
        if (batch.rejectedTotal) recordsTotal.inc({ stream, outcome: "rejected" }, batch.rejectedTotal);
        const answer: IngestResponse = { accepted: batch.events.length, rejected: batch.rejected, rejected_total: batch.rejectedTotal };
        return reply.code(202).send(answer);
      },
    });
  });

  return app as unknown as FastifyInstance;
}

/**
 * Sends the events (in order) and the dead letters, and resolves only when Kafka acknowledged all
 * of them. Both are awaited even when one fails, so nothing is left in flight behind the answer;
 * the first failure is then rethrown. (The publisher splits what is too large for one request.)
 */
export async function publishBatch(
  publisher: EventPublisher,
  topic: string,
  events: readonly OutgoingMessage[],
  deadLetterTopic: string,
  deadLetters: readonly OutgoingMessage[],
): Promise<void> {
  const sends = [
    { t: topic, msgs: events },
    { t: deadLetterTopic, msgs: deadLetters },
  ].filter((s) => s.msgs.length > 0);
  const results = await Promise.allSettled(sends.map((s) => publisher.send(s.t, [...s.msgs])));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as unknown);
  if (failures.length === 0) return;
  // A retryable failure wins: the client should retry the whole batch.
  throw failures.find((e) => isRetryable(e)) ?? failures[0];
}
