// A minimal Kafka wire-protocol client, just enough to tell whether a broker is ready: it sends one
// Metadata request (v4, the oldest version Kafka 4.x still serves) for no topics and reads the
// brokers, cluster id and controller id from the answer. A broker lists itself there only once it
// has registered with the controller and been unfenced, which is when clients can use it.
import net from "node:net";

export interface KafkaMetadata {
  clusterId: string | null;
  controllerId: number;
  brokers: { nodeId: number; host: string; port: number }[];
}

const METADATA_API_KEY = 3;
const METADATA_VERSION = 4;
const CLIENT_ID = "lrew-local-kafka-probe";

/** A size-prefixed Metadata v4 request (request header v1) asking for no topics. Pure. */
export function encodeMetadataRequest(correlationId: number, clientId: string = CLIENT_ID): Buffer {
  const client = Buffer.from(clientId, "utf8");
  const body = Buffer.alloc(2 + 2 + 4 + 2 + client.length + 4 + 1);
  let o = 0;
  o = body.writeInt16BE(METADATA_API_KEY, o);
  o = body.writeInt16BE(METADATA_VERSION, o);
  o = body.writeInt32BE(correlationId, o);
  o = body.writeInt16BE(client.length, o);
  o += client.copy(body, o);
  o = body.writeInt32BE(0, o); // topics: empty array = none (null would mean all)
  body.writeInt8(0, o); // allow_auto_topic_creation: false
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

class Reader {
  private offset = 0;
  private readonly buf: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  private need(n: number): void {
    if (this.offset + n > this.buf.length) throw new Error("truncated Kafka response");
  }
  int8(): number {
    this.need(1);
    const v = this.buf.readInt8(this.offset);
    this.offset += 1;
    return v;
  }
  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }
  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    this.need(len);
    const s = this.buf.toString("utf8", this.offset, this.offset + len);
    this.offset += len;
    return s;
  }
  string(): string {
    const s = this.nullableString();
    if (s === null) throw new Error("unexpected null string in Kafka response");
    return s;
  }
}

/**
 * Decodes a Metadata v4 response frame *without* its 4-byte size prefix (response header v0 +
 * body). Pure; throws on anything that does not look like one.
 */
export function decodeMetadataResponse(frame: Buffer, expectedCorrelationId: number): KafkaMetadata {
  const r = new Reader(frame);
  const correlationId = r.int32();
  if (correlationId !== expectedCorrelationId) {
    throw new Error(`not a Kafka response (correlation id ${correlationId}, expected ${expectedCorrelationId})`);
  }
  r.int32(); // throttle_time_ms
  const brokerCount = r.int32();
  if (brokerCount < 0 || brokerCount > 10_000) throw new Error(`not a Kafka response (broker count ${brokerCount})`);
  const brokers: KafkaMetadata["brokers"] = [];
  for (let i = 0; i < brokerCount; i++) {
    const nodeId = r.int32();
    const host = r.string();
    const port = r.int32();
    r.nullableString(); // rack
    brokers.push({ nodeId, host, port });
  }
  const clusterId = r.nullableString();
  const controllerId = r.int32();
  const topicCount = r.int32();
  for (let i = 0; i < topicCount; i++) {
    // We asked for no topics; skip defensively: error_code, name, is_internal, partitions.
    r.int16();
    r.string();
    r.int8();
    const partitions = r.int32();
    for (let p = 0; p < partitions; p++) {
      r.int16(); // error_code
      r.int32(); // partition_index
      r.int32(); // leader_id
      for (const _ of ["replicas", "isr", "offline"]) {
        const n = r.int32();
        for (let k = 0; k < n; k++) r.int32();
      }
    }
  }
  return { clusterId, controllerId, brokers };
}

/** Sends one Metadata request to host:port and resolves with the answer; rejects on refusal, timeout or garbage. */
export function fetchKafkaMetadata(host: string, port: number, timeoutMs = 2000): Promise<KafkaMetadata> {
  return new Promise((resolve, reject) => {
    const correlationId = Math.floor(Math.random() * 0x7fffffff);
    const socket = net.connect({ host, port });
    let chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (err: Error | undefined, value?: KafkaMetadata): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value as KafkaMetadata);
    };
    const timer = setTimeout(() => finish(new Error(`no Kafka answer from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
    socket.once("connect", () => socket.write(encodeMetadataRequest(correlationId)));
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < 4) return;
      const all = Buffer.concat(chunks);
      chunks = [all];
      const size = all.readInt32BE(0);
      if (size < 0 || size > 10 * 1024 * 1024) return finish(new Error(`not a Kafka response from ${host}:${port}`));
      if (all.length < 4 + size) return;
      try {
        finish(undefined, decodeMetadataResponse(all.subarray(4, 4 + size), correlationId));
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
      }
    });
    socket.once("error", (err) => finish(err));
    socket.once("close", () => finish(new Error(`${host}:${port} closed the connection without a Kafka answer`)));
  });
}

/** True when something accepts TCP connections on host:port. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** True when this process could listen on host:port right now (nothing else holds it). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
