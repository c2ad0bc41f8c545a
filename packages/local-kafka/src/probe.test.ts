import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { canConnect, decodeMetadataResponse, encodeMetadataRequest, fetchKafkaMetadata, isPortFree } from "./probe.ts";

/** A Metadata v4 response (header v0 + body) without the size prefix. */
function metadataResponse(
  correlationId: number,
  brokers: { id: number; host: string; port: number; rack?: string }[],
  clusterId: string | null,
  controllerId: number,
): Buffer {
  const parts: Buffer[] = [];
  const i32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    parts.push(b);
  };
  const str = (s: string | null) => {
    const b = Buffer.alloc(2);
    if (s === null) {
      b.writeInt16BE(-1);
      parts.push(b);
      return;
    }
    const body = Buffer.from(s);
    b.writeInt16BE(body.length);
    parts.push(b, body);
  };
  i32(correlationId);
  i32(0); // throttle
  i32(brokers.length);
  for (const br of brokers) {
    i32(br.id);
    str(br.host);
    i32(br.port);
    str(br.rack ?? null);
  }
  str(clusterId);
  i32(controllerId);
  i32(0); // topics
  return Buffer.concat(parts);
}

function frame(body: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

describe("encodeMetadataRequest", () => {
  it("writes a size-prefixed Metadata v4 request for no topics", () => {
    const buf = encodeMetadataRequest(7, "cli");
    expect(buf.readInt32BE(0)).toBe(buf.length - 4);
    expect(buf.readInt16BE(4)).toBe(3); // api key Metadata
    expect(buf.readInt16BE(6)).toBe(4); // version
    expect(buf.readInt32BE(8)).toBe(7); // correlation id
    expect(buf.readInt16BE(12)).toBe(3);
    expect(buf.toString("utf8", 14, 17)).toBe("cli");
    expect(buf.readInt32BE(17)).toBe(0); // empty topic array
    expect(buf.readInt8(21)).toBe(0); // no auto-creation
    expect(buf.length).toBe(22);
  });
});

describe("decodeMetadataResponse", () => {
  it("reads brokers, cluster id and controller", () => {
    const md = decodeMetadataResponse(metadataResponse(42, [{ id: 1, host: "127.0.0.1", port: 9092, rack: "r1" }], "abc", 1), 42);
    expect(md).toEqual({ clusterId: "abc", controllerId: 1, brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092 }] });
  });

  it("accepts no brokers and a null cluster id (a broker still starting)", () => {
    expect(decodeMetadataResponse(metadataResponse(1, [], null, -1), 1)).toEqual({ clusterId: null, controllerId: -1, brokers: [] });
  });

  it("rejects a wrong correlation id and truncated data", () => {
    expect(() => decodeMetadataResponse(metadataResponse(1, [], "x", 1), 2)).toThrowError(/correlation id/);
    expect(() => decodeMetadataResponse(metadataResponse(1, [{ id: 1, host: "h", port: 1 }], "x", 1).subarray(0, 15), 1)).toThrowError(
      /truncated/,
    );
  });
});

describe("over a socket", () => {
  let server: net.Server | undefined;
  afterEach(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });

  async function listen(onData: (socket: net.Socket, data: Buffer) => void): Promise<number> {
    server = net.createServer((socket) => socket.on("data", (d) => onData(socket, d)));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    return (server.address() as net.AddressInfo).port;
  }

  it("fetchKafkaMetadata talks to a fake broker, even when the answer comes in pieces", async () => {
    const port = await listen((socket, data) => {
      const correlationId = data.readInt32BE(8);
      const out = frame(metadataResponse(correlationId, [{ id: 1, host: "127.0.0.1", port: 1234 }], "cid", 1));
      socket.write(out.subarray(0, 3));
      setTimeout(() => socket.write(out.subarray(3)), 20);
    });
    const md = await fetchKafkaMetadata("127.0.0.1", port, 2000);
    expect(md.clusterId).toBe("cid");
    expect(md.brokers).toEqual([{ nodeId: 1, host: "127.0.0.1", port: 1234 }]);
    expect(await isPortFree("127.0.0.1", port)).toBe(false);
    expect(await canConnect("127.0.0.1", port)).toBe(true);
  });

  it("fetchKafkaMetadata rejects a server that is not Kafka", async () => {
    const port = await listen((socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    await expect(fetchKafkaMetadata("127.0.0.1", port, 2000)).rejects.toThrowError();
  });

  it("fetchKafkaMetadata times out on a silent server", async () => {
    const port = await listen(() => undefined);
    await expect(fetchKafkaMetadata("127.0.0.1", port, 200)).rejects.toThrowError(/within 200 ms/);
  });

  it("a closed port is free and refuses connections", async () => {
    const port = await listen(() => undefined);
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    expect(await isPortFree("127.0.0.1", port)).toBe(true);
    expect(await canConnect("127.0.0.1", port)).toBe(false);
    await expect(fetchKafkaMetadata("127.0.0.1", port, 1000)).rejects.toThrowError(/ECONNREFUSED/);
  });
});
