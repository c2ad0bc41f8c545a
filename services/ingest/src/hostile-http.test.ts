// Hostile clients over real sockets (the in-memory publisher stands in for Kafka; no broker needed):
// slow headers and slow bodies are cut off by the server's own timeouts, a chunked body without
// content-length is held to the body limit, and a flood from one key is answered 429 with Retry-After
// while another key goes on unaffected.
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { createLogger } from "@lrew/telemetry";
import { buildIngestApp } from "./app.ts";
import { grievance, HMAC_KEY, KEYS, MemoryPublisher, testConfig } from "./test-fixtures.ts";

const logger = createLogger("ingest-test");
logger.level = "silent";

let apps: FastifyInstance[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(apps.map((a) => a.close()));
  apps = [];
});

async function listen(env: Record<string, string> = {}) {
  const publisher = new MemoryPublisher();
  const app = buildIngestApp({
    config: testConfig(env),
    secrets: { apiKeys: [KEYS.all, KEYS.bhxh], hmacKey: HMAC_KEY },
    publisher,
    logger,
  });
  apps.push(app);
  await app.listen({ host: "127.0.0.1", port: 0 });
  return { publisher, port: (app.server.address() as AddressInfo).port };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Writes `parts` one after another with `gapMs` between them, as a slow client does; resolves with what
 * the server answered and how many parts had been written when the server closed the connection.
 */
function trickle(port: number, parts: string[], gapMs: number): Promise<{ answer: string; written: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    sockets.push(socket);
    let answer = "";
    let written = 0;
    let closed = false;
    socket.on("data", (d) => (answer += d.toString()));
    socket.on("error", () => undefined); // a reset is one way of being cut off
    socket.on("close", () => {
      closed = true;
      resolve({ answer, written });
    });
    socket.on("connect", async () => {
      try {
        for (const p of parts) {
          if (closed) return;
          socket.write(p);
          written++;
          await sleep(gapMs);
        }
      } catch (err) {
        reject(err);
      }
    });
  });
}

describe("slow clients are cut off by the server", () => {
  it("headers that never finish: the connection is closed long before the client is done", async () => {
    const { port, publisher } = await listen({ LREW_INGEST_HEADERS_TIMEOUT_MS: "300", LREW_INGEST_REQUEST_TIMEOUT_MS: "1000" });
    const header = `POST /v1/events/grievances HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEYS.all.key}\r\nX-Slow: ${"a".repeat(200)}`;
    const parts = [...header];
    const { answer, written } = await trickle(port, parts, 25);
    expect(written).toBeLessThan(parts.length);
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(publisher.sent).toHaveLength(0);
  });

  it("a body sent a byte at a time: 408 and closed before the body is complete, nothing published", async () => {
    const { port, publisher } = await listen({ LREW_INGEST_HEADERS_TIMEOUT_MS: "300", LREW_INGEST_REQUEST_TIMEOUT_MS: "600" });
    const body = JSON.stringify(grievance());
    const head =
      `POST /v1/events/grievances HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEYS.all.key}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const parts = [head, ...body];
    const { answer, written } = await trickle(port, parts, 25);
    expect(written).toBeLessThan(parts.length);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(publisher.sent).toHaveLength(0);
  });

  it("a client that connects and sends nothing is closed", async () => {
    const { port } = await listen({ LREW_INGEST_HEADERS_TIMEOUT_MS: "300", LREW_INGEST_REQUEST_TIMEOUT_MS: "600" });
    const { written } = await trickle(
      port,
      Array.from({ length: 400 }, () => ""),
      25,
    );
    expect(written).toBeLessThan(400);
  });

  it("the timeouts are configuration, validated, and the headers limit never exceeds the request limit", () => {
    expect(testConfig().ingest).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 60_000 });
    expect(testConfig({ LREW_INGEST_HEADERS_TIMEOUT_MS: "5000", LREW_INGEST_REQUEST_TIMEOUT_MS: "2000" }).ingest.headersTimeoutMs).toBe(
      2000,
    );
    expect(() => testConfig({ LREW_INGEST_REQUEST_TIMEOUT_MS: "0" })).toThrow(/LREW_INGEST_REQUEST_TIMEOUT_MS/);
  });
});

describe("oversized bodies", () => {
  it("a chunked body without content-length is refused with 413 once it passes the limit, nothing published", async () => {
    const { port, publisher } = await listen({ LREW_INGEST_MAX_BODY_BYTES: "4096" });
    const line = `${JSON.stringify(grievance())}\n`;
    const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
    const head =
      `POST /v1/events/grievances HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEYS.all.key}\r\n` +
      "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n";
    // far more than the limit, and never the terminating chunk: the server must not wait for the end
    const parts = [head, ...Array.from({ length: 200 }, () => chunk(line))];
    const { answer, written } = await trickle(port, parts, 5);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('"payload_too_large"');
    expect(written).toBeLessThan(parts.length);
    expect(publisher.sent).toHaveLength(0);
  });
});

describe("a flood from one key", () => {
  it("gets 429 with Retry-After beyond its budget, while another key is served as usual", async () => {
    const { port } = await listen({ LREW_INGEST_RATE_LIMIT: "5", LREW_INGEST_RATE_WINDOW_MS: "600000" });
    const post = (key: string, stream: string) =>
      fetch(`http://127.0.0.1:${port}/v1/events/${stream}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: "[]",
      });
    const flood = await Promise.all(Array.from({ length: 40 }, () => post(KEYS.all.key, "grievances")));
    const statuses = flood.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    for (const r of flood.filter((x) => x.status === 429)) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await Promise.all(Array.from({ length: 5 }, () => post(KEYS.bhxh.key, "insurance-contributions")));
    expect(other.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    // and the flooding key cannot borrow another stream's budget
    expect((await post(KEYS.all.key, "wage-arrears")).status).toBe(429);
  });
});
