import { describe, expect, it } from "vitest";
import { packageOf, summariseProfile, type CpuProfile } from "./profile.ts";

describe("packageOf", () => {
  it("names dependencies, scoped ones, workspace packages and built-ins", () => {
    expect(packageOf("file:///w/node_modules/.pnpm/kafkajs@2.2.4/node_modules/kafkajs/src/protocol/decoder.js")).toBe("kafkajs");
    expect(packageOf("file:///w/node_modules/.pnpm/@clickhouse+client@1.12.0/node_modules/@clickhouse/client/dist/x.js")).toBe(
      "@clickhouse/client",
    );
    expect(packageOf("file:///work/wt/bench/packages/kafka/src/consumer.ts")).toBe("packages/kafka");
    expect(packageOf("node:internal/streams/readable")).toBe("node (built-in)");
    expect(packageOf("")).toBe("");
  });
});

describe("summariseProfile", () => {
  const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber });
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(root)"), children: [2, 3, 4] },
      { id: 2, callFrame: frame("decode", "file:///w/node_modules/kafkajs/src/decoder.js", 9) },
      { id: 3, callFrame: frame("(garbage collector)") },
      { id: 4, callFrame: frame("planChunk", "file:///w/services/sink/src/sink.ts", 59) },
    ],
    samples: [2, 2, 3, 4, 2],
    timeDeltas: [1000, 1000, 2000, 500, 500],
  };
  it("adds each sample's time to its own function and package, largest first", () => {
    const s = summariseProfile(profile);
    expect(s.totalMs).toBe(5);
    expect(s.byPackage).toEqual([
      { name: "kafkajs", ms: 2.5, share: 0.5 },
      { name: "(garbage collector)", ms: 2, share: 0.4 },
      { name: "services/sink", ms: 0.5, share: 0.1 },
    ]);
    expect(s.byFunction[0]).toEqual({ name: "decode (kafkajs:10)", ms: 2.5, share: 0.5 });
    expect(summariseProfile(profile, 1).byFunction).toHaveLength(1);
  });
});
