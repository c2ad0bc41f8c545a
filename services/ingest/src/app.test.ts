import { afterEach, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { hmacRef } from "@lrew/anonymity";
import { apiErrorSchema, ingestResponseSchema, MAX_LISTED_REJECTIONS, STREAM_NAMES } from "@lrew/contracts";
import { KafkaUnavailableError, readDeadLetterReason } from "@lrew/kafka";
import { createLogger } from "@lrew/telemetry";
import { buildIngestApp } from "./app.ts";
import { startIngest } from "./server.ts";
import { grievance, HMAC_KEY, KEYS, MemoryPublisher, testConfig, uuid } from "./test-fixtures.ts";

const GRIEVANCES = "lrew.grievances.v1";
const GRIEVANCES_DLQ = "lrew.grievances.v1.dead-letter";
const auth = (key = KEYS.all.key) => ({ authorization: `Bearer ${key}` });
const json = { "content-type": "application/json" };
const ndjson = { "content-type": "application/x-ndjson" };

let apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.map((a) => a.close()));
  apps = [];
});

const logger = createLogger("ingest-test");
logger.level = "silent";

function setup(env: Record<string, string> = {}) {
  const publisher = new MemoryPublisher();
  const app = buildIngestApp({
    config: testConfig(env),
    secrets: { apiKeys: [KEYS.all, KEYS.bhxh], hmacKey: HMAC_KEY },
    publisher,
    logger,
  });
  apps.push(app);
  return { app, publisher };
}

function expectApiError(body: unknown, code: string) {
  const parsed = apiErrorSchema.parse(body);
  expect(parsed.error).toBe(code);
  expect(parsed.message.length).toBeGreaterThan(0);
  return parsed;
}

describe("POST /v1/events/:stream: accepted records", () => {
  it("publishes a valid grievance anonymised, keyed by enterprise, with diacritics intact", async () => {
    const { app, publisher } = setup();
    const g = grievance();
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json },
      payload: JSON.stringify(g),
    });
    expect(res.statusCode).toBe(202);
    expect(ingestResponseSchema.parse(res.json())).toEqual({ accepted: 1, rejected: [], rejected_total: 0 });

    const [msg] = publisher.on(GRIEVANCES);
    expect(msg).toBeDefined();
    expect(msg!.key).toBe("5600123456");
    expect(msg!.headers).toEqual({ event_id: g.event_id, "content-type": "application/json", "lrew-schema": GRIEVANCES });
    const published = JSON.parse(Buffer.from(msg!.value).toString("utf8")) as Record<string, unknown>;
    expect(published.complainant_ref).toBe(hmacRef("Nguyễn Thị Hương", HMAC_KEY));
    expect(published.summary).toBe(
      "Người lao động xưởng may phản ánh thưởng Tết 1.500.000 đồng chưa trả; liên hệ chị [tên] [số điện thoại], [email]",
    );
    expect(publisher.on(GRIEVANCES_DLQ)).toHaveLength(0);
    for (const secret of ["Nguyễn Thị Hương", "0912 345 678", "huong.nt@gmail.com"]) expect(publisher.allText()).not.toContain(secret);
  });

  it("stamps its receive time as received_at, keeps a backfill's own, and refuses one in the future to the dead letters", async () => {
    const { app, publisher } = setup();
    const before = Date.now();
    const live = grievance();
    const backfill = grievance({ received_at: "2025-03-04T09:00:00+07:00" });
    const future = grievance({ received_at: new Date(before + 3_600_000).toISOString() });
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json, "accept-language": "en" },
      payload: JSON.stringify([live, backfill, future]),
    });
    const after = Date.now();
    expect(res.statusCode).toBe(202);
    const body = ingestResponseSchema.parse(res.json());
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([{ index: 2, errors: [{ path: "received_at", message: expect.stringContaining("later than") }] }]);
    const published = publisher.on(GRIEVANCES).map((m) => JSON.parse(m.value.toString()) as { received_at: string });
    const stamped = Date.parse(published[0]!.received_at);
    expect(published[0]!.received_at).toMatch(/\+07:00$/);
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(after);
    expect(published[1]!.received_at).toBe("2025-03-04T09:00:00+07:00");
    const [dead] = publisher.on(GRIEVANCES_DLQ);
    expect(JSON.parse(dead!.value.toString()).event_id).toBe(future.event_id);
    expect(readDeadLetterReason(dead!.headers as Record<string, string>).error).toContain("received_at");
  });

  it("NFC-normalises text sent decomposed", async () => {
    const { app, publisher } = setup();
    const g = grievance({ summary: "Công nhân phản ánh tăng ca".normalize("NFD") });
    await app.inject({ method: "POST", url: "/v1/events/grievances", headers: { ...auth(), ...json }, payload: JSON.stringify(g) });
    const value = publisher.on(GRIEVANCES)[0]!.value.toString();
    expect(value).toContain("Công nhân phản ánh tăng ca");
  });

  it("accepts the valid records of a mixed batch and names the fields of the others", async () => {
    const { app, publisher } = setup();
    const bad = grievance({ severity: 9, mood: "angry", complainant_ref: "0987654321", summary: "CCCD 001203004567" });
    const batch = [grievance(), bad, grievance({ enterprise_id: "5600123456-001" })];
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json },
      payload: JSON.stringify(batch),
    });
    expect(res.statusCode).toBe(202);
    const body = ingestResponseSchema.parse(res.json());
    expect(body.accepted).toBe(2);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]!.index).toBe(1);
    expect(body.rejected[0]!.errors.map((e) => e.path).sort()).toEqual(["mood", "severity"]);

    expect(publisher.on(GRIEVANCES).map((m) => m.key)).toEqual(["5600123456", "5600123456-001"]);
    const [dl] = publisher.on(GRIEVANCES_DLQ);
    expect(dl!.key).toBe("5600123456");
    const reason = readDeadLetterReason(dl!.headers!);
    expect(reason).toMatchObject({ stream: "grievances", stage: "ingest" });
    expect((JSON.parse(reason.error) as Array<{ path: string }>).map((e) => e.path).sort()).toEqual(["mood", "severity"]);
    const dlValue = JSON.parse(dl!.value.toString()) as Record<string, unknown>;
    expect(dlValue.complainant_ref).toBe(hmacRef("0987654321", HMAC_KEY));
    expect(dlValue.summary).toBe("CCCD [số định danh]");
    expect(dlValue.severity).toBe(9);
    expect(publisher.allText()).not.toContain("0987654321");
    expect(publisher.allText()).not.toContain("001203004567");
  });

  it("takes NDJSON line by line: a broken line is rejected by its line number, the others accepted", async () => {
    const { app, publisher } = setup();
    const lines = [
      JSON.stringify(grievance()),
      `{"event_id": "${uuid()}", "complainant_ref": "Lò Văn Sáng", "summary": "gọi 0987 654 321`,
      "",
      JSON.stringify(grievance()),
      "",
    ].join("\r\n");
    const res = await app.inject({ method: "POST", url: "/v1/events/grievances", headers: { ...auth(), ...ndjson }, payload: lines });
    expect(res.statusCode).toBe(202);
    const body = ingestResponseSchema.parse(res.json());
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([{ index: 1, errors: [{ path: "", message: expect.stringContaining("Dòng 2") }] }]);
    const [dl] = publisher.on(GRIEVANCES_DLQ);
    expect(dl!.key).toBe("");
    const text = JSON.parse(dl!.value.toString()) as string;
    expect(typeof text).toBe("string");
    expect(text).toContain(hmacRef("Lò Văn Sáng", HMAC_KEY));
    expect(text).toContain("[số điện thoại]");
    expect(publisher.allText()).not.toContain("Lò Văn Sáng");
    expect(publisher.allText()).not.toContain("0987 654 321");
  });

  it("answers in English when Accept-Language prefers it", async () => {
    const { app } = setup();
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json, "accept-language": "en-GB,en;q=0.9,vi;q=0.5" },
      payload: JSON.stringify([{ ...grievance(), enterprise_id: "12" }]),
    });
    const body = ingestResponseSchema.parse(res.json());
    expect(body.rejected[0]!.errors).toEqual([{ path: "enterprise_id", message: expect.stringContaining("invalid tax code") }]);
    const vi = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json },
      payload: JSON.stringify([{ ...grievance(), enterprise_id: "12" }]),
    });
    expect(ingestResponseSchema.parse(vi.json()).rejected[0]!.errors[0]!.message).toContain("mã số thuế");
  });

  it("treats an empty body or an empty array as an empty batch", async () => {
    const { app, publisher } = setup();
    for (const [headers, payload] of [
      [json, ""],
      [json, "[]"],
      [ndjson, "\n\n"],
    ] as const) {
      const res = await app.inject({ method: "POST", url: "/v1/events/grievances", headers: { ...auth(), ...headers }, payload });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ accepted: 0, rejected: [], rejected_total: 0 });
    }
    const noBody = await app.inject({ method: "POST", url: "/v1/events/grievances", headers: auth() });
    expect(noBody.statusCode).toBe(202);
    expect(publisher.sent.filter((s) => s.messages.length > 0)).toHaveLength(0);
  });

  it("derives event_id for enterprise updates and puts it in the header", async () => {
    const { app, publisher } = setup();
    const ent = {
      enterprise_id: "5600123456",
      name: "Công ty TNHH May mặc Điện Biên",
      area_code: "DB-TP",
      sector: "garment",
      ownership: "fdi",
      workforce: 850,
      has_union: true,
      union_unit_id: "CD-DBP-01",
      updated_at: "2026-11-01T00:00:00+07:00",
    };
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/enterprises",
      headers: { ...auth(), ...json },
      payload: JSON.stringify(ent),
    });
    expect(res.json()).toEqual({ accepted: 1, rejected: [], rejected_total: 0 });
    const [msg] = publisher.on("lrew.enterprises.v1");
    expect(msg!.headers!.event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(msg!.value.toString()).toContain("Công ty TNHH May mặc Điện Biên");
  });
});

describe("POST /v1/events/:stream: refusals", () => {
  it("400 when the body is not JSON, or not an object or array", async () => {
    const { app, publisher } = setup();
    const broken = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json },
      payload: '{"a": 0912345678,',
    });
    expect(broken.statusCode).toBe(400);
    const err = expectApiError(broken.json(), "invalid_body");
    expect(err.message).toContain("JSON");
    expect(err.message).not.toContain("0912345678");
    const scalar = await app.inject({ method: "POST", url: "/v1/events/grievances", headers: { ...auth(), ...json }, payload: '"hello"' });
    expect(scalar.statusCode).toBe(400);
    expect(publisher.sent).toHaveLength(0);
  });

  it("401 without a key, with an unknown key, or with another scheme", async () => {
    const { app } = setup();
    for (const headers of [{}, auth("k_all_0123456789abcdeX"), { authorization: `Basic ${KEYS.all.key}` }, auth("short")]) {
      const res = await app.inject({ method: "POST", url: "/v1/events/grievances", headers: { ...headers, ...json }, payload: "{}" });
      expect(res.statusCode).toBe(401);
      expect(res.headers["www-authenticate"]).toBe('Bearer realm="lrew"');
      expect(expectApiError(res.json(), "unauthorized").message).toContain("Authorization: Bearer");
    }
  });

  it("403 when the key may not post to the stream", async () => {
    const { app } = setup();
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(KEYS.bhxh.key), ...json },
      payload: "{}",
    });
    expect(res.statusCode).toBe(403);
    expect(expectApiError(res.json(), "forbidden").message).toContain("bhxh");
    const ok = await app.inject({
      method: "POST",
      url: "/v1/events/insurance-contributions",
      headers: { ...auth(KEYS.bhxh.key), ...json },
      payload: "[]",
    });
    expect(ok.statusCode).toBe(202);
  });

  it("404 for an unknown stream, listing the valid ones; 404 for other paths", async () => {
    const { app } = setup();
    const res = await app.inject({ method: "POST", url: "/v1/events/strikes", headers: { ...auth(), ...json }, payload: "{}" });
    expect(res.statusCode).toBe(404);
    const err = expectApiError(res.json(), "unknown_stream");
    for (const s of STREAM_NAMES) expect(err.message).toContain(s);
    const other = await app.inject({ method: "GET", url: "/nope" });
    expect(other.statusCode).toBe(404);
    expectApiError(other.json(), "not_found");
  });

  it("413 when the body exceeds the limit", async () => {
    const { app, publisher } = setup({ LREW_INGEST_MAX_BODY_BYTES: "2048" });
    const big = JSON.stringify(Array.from({ length: 20 }, () => grievance()));
    const res = await app.inject({ method: "POST", url: "/v1/events/grievances", headers: { ...auth(), ...json }, payload: big });
    expect(res.statusCode).toBe(413);
    expect(expectApiError(res.json(), "payload_too_large").message).toContain("2 KiB");
    expect(publisher.sent).toHaveLength(0);
  });

  it("413 naming the count and the limit when a body has more records than allowed, nothing published", async () => {
    const { app, publisher } = setup({ LREW_INGEST_MAX_RECORDS: "1000" });
    const lines = (n: number) => Array.from({ length: n }, () => JSON.stringify(grievance())).join("\n");
    const over = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...ndjson },
      payload: lines(1001),
    });
    expect(over.statusCode).toBe(413);
    expect(expectApiError(over.json(), "too_many_records").message).toBe(
      "Lô có 1.001 bản ghi, vượt giới hạn 1.000 bản ghi mỗi yêu cầu. Hãy chia thành nhiều lô nhỏ hơn",
    );
    const array = JSON.stringify(Array.from({ length: 1001 }, () => grievance()));
    const en = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json, "accept-language": "en" },
      payload: array,
    });
    expect(expectApiError(en.json(), "too_many_records").message).toContain("above the limit of 1,000 records per request");
    expect(publisher.sent).toHaveLength(0);
    const at = await app.inject({ method: "POST", url: "/v1/events/grievances", headers: { ...auth(), ...ndjson }, payload: lines(1000) });
    expect(at.json()).toEqual({ accepted: 1000, rejected: [], rejected_total: 0 });
  });

  it("415 for other content types and charsets", async () => {
    const { app } = setup();
    for (const ct of ["text/plain", "application/xml", "application/json; charset=iso-8859-1"]) {
      const res = await app.inject({
        method: "POST",
        url: "/v1/events/grievances",
        headers: { ...auth(), "content-type": ct },
        payload: "{}",
      });
      expect(res.statusCode, ct).toBe(415);
      expectApiError(res.json(), "unsupported_media_type");
    }
    const utf8 = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), "content-type": "application/json; charset=UTF-8" },
      payload: "[]",
    });
    expect(utf8.statusCode).toBe(202);
  });

  it("429 per API key once its rate is used up, with Retry-After", async () => {
    const { app } = setup({ LREW_INGEST_RATE_LIMIT: "2", LREW_INGEST_RATE_WINDOW_MS: "60000" });
    const post = (key: string, stream = "insurance-contributions") =>
      app.inject({ method: "POST", url: `/v1/events/${stream}`, headers: { ...auth(key), ...json }, payload: "[]" });
    expect((await post(KEYS.all.key)).statusCode).toBe(202);
    expect((await post(KEYS.all.key)).statusCode).toBe(202);
    const limited = await post(KEYS.all.key);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    const err = expectApiError(limited.json(), "rate_limited");
    expect(err.retry_after_seconds).toBeGreaterThan(0);
    // Another key has its own budget.
    expect((await post(KEYS.bhxh.key)).statusCode).toBe(202);
    // Unauthenticated requests are refused before they count against anyone.
    const anon = await app.inject({ method: "POST", url: "/v1/events/grievances", headers: json, payload: "[]" });
    expect(anon.statusCode).toBe(401);
  });

  it("503 with Retry-After when Kafka is unavailable; nothing counted as accepted", async () => {
    const { app, publisher } = setup();
    publisher.failWith = new KafkaUnavailableError("no broker");
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json },
      payload: JSON.stringify([grievance(), { bad: true }]),
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    const err = expectApiError(res.json(), "kafka_unavailable");
    expect(err.retry_after_seconds).toBe(5);
    expect(err.message).toContain("event_id");
  });

  it("503 also when only the dead-letter topic fails", async () => {
    const { app, publisher } = setup();
    publisher.failWith = new KafkaUnavailableError("dlq down");
    publisher.failOn = (t) => t.endsWith(".dead-letter");
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json, "accept-language": "en" },
      payload: JSON.stringify([grievance(), { bad: true }]),
    });
    expect(res.statusCode).toBe(503);
    expect(expectApiError(res.json(), "kafka_unavailable").message).toContain("Resend");
  });

  it("500 when publishing fails otherwise, without leaking the error", async () => {
    const { app, publisher } = setup();
    publisher.failWith = new Error("secret internals");
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json },
      payload: JSON.stringify(grievance()),
    });
    expect(res.statusCode).toBe(500);
    expect(expectApiError(res.json(), "internal").message).not.toContain("secret");
  });
});

describe("operations endpoints", () => {
  it("/healthz is always 200; /readyz follows the publisher", async () => {
    const { app, publisher } = setup();
    expect((await app.inject("/healthz")).statusCode).toBe(200);
    expect((await app.inject("/readyz")).statusCode).toBe(200);
    publisher.ready = false;
    const notReady = await app.inject("/readyz");
    expect(notReady.statusCode).toBe(503);
    expectApiError(notReady.json(), "not_ready");
    publisher.isReady = async () => {
      throw new Error("boom");
    };
    expect((await app.inject("/readyz")).statusCode).toBe(503);
  });

  it("/metrics exposes request and record counters and latency histograms", async () => {
    const { app } = setup();
    await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...json },
      payload: JSON.stringify([grievance(), {}]),
    });
    const res = await app.inject("/metrics");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.body).toMatch(/lrew_ingest_requests_total\{route="\/v1\/events\/:stream",status="202"\} \d+/);
    expect(res.body).toMatch(/lrew_ingest_records_total\{stream="grievances",outcome="accepted"\} \d+/);
    expect(res.body).toMatch(/lrew_ingest_records_total\{stream="grievances",outcome="rejected"\} \d+/);
    expect(res.body).toContain("lrew_ingest_request_duration_seconds_bucket");
    expect(res.body).toContain("lrew_ingest_kafka_ack_seconds_bucket");
    expect(res.body).not.toContain(KEYS.all.key);
  });
});

describe("startIngest", () => {
  it("listens, and close() lets an in-flight request finish before stopping", async () => {
    const publisher = new MemoryPublisher();
    let release!: () => void;
    publisher.gate = new Promise((r) => (release = r));
    const ingest = await startIngest(testConfig(), {
      publisher,
      secrets: { apiKeys: [KEYS.all], hmacKey: HMAC_KEY },
      host: "127.0.0.1",
      port: 0,
    });
    const inFlight = fetch(`${ingest.url}/v1/events/grievances`, {
      method: "POST",
      headers: { ...auth(), ...json },
      body: JSON.stringify(grievance()),
    });
    await new Promise((r) => setTimeout(r, 100));
    const closed = ingest.close();
    let closedYet = false;
    void closed.then(() => (closedYet = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closedYet).toBe(false);
    release();
    const res = await inFlight;
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, rejected: [], rejected_total: 0 });
    await closed;
    await expect(fetch(`${ingest.url}/healthz`)).rejects.toThrow();
  });
});

describe("a large body of invalid records", () => {
  const invalid = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ ...grievance(), severity: 9, note: i })).join("\n");

  it("answers with the first 500 rejections and the count of all, and dead-letters every one", async () => {
    const { app, publisher } = setup();
    const res = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...ndjson },
      payload: invalid(2000),
    });
    expect(res.statusCode).toBe(202);
    const body = ingestResponseSchema.parse(res.json());
    expect(body.accepted).toBe(0);
    expect(body.rejected_total).toBe(2000);
    expect(body.rejected.map((r) => r.index)).toEqual(Array.from({ length: MAX_LISTED_REJECTIONS }, (_, i) => i));
    expect(publisher.on(GRIEVANCES_DLQ)).toHaveLength(2000);
  });

  it("is read in slices: a request that comes in meanwhile is served before it is done", async () => {
    const { app, publisher } = setup();
    let small: Promise<unknown> | undefined;
    // Once the large request is about to be handled, a single valid event comes in.
    app.addHook("preHandler", async (req) => {
      if (req.headers["x-test"] === "large")
        small = app.inject({
          method: "POST",
          url: "/v1/events/grievances",
          headers: { ...auth(), ...json },
          payload: JSON.stringify(grievance()),
        });
    });
    const large = await app.inject({
      method: "POST",
      url: "/v1/events/grievances",
      headers: { ...auth(), ...ndjson, "x-test": "large" },
      payload: invalid(5000),
    });
    await small;
    expect(large.statusCode).toBe(202);
    // The small request's event was published before the large request's dead letters: its turn
    // came between the slices, not after them.
    expect(publisher.sent.map((s) => `${s.topic}:${s.messages.length}`)).toEqual([`${GRIEVANCES}:1`, `${GRIEVANCES_DLQ}:5000`]);
  });
});
