import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clusterBrokers, clusterNodeOptions, minInsyncReplicas } from "./cluster.ts";
import { parseProperties, renderServerProperties } from "./properties.ts";

const infraDir = path.resolve(import.meta.dirname, "../../../infra/kafka");
const o = { distDir: "/jars", dataDir: "/data/cluster", infraDir, port: 21000, brokers: 3 };

describe("a local cluster's nodes", () => {
  it("gives each node its id, directory, client port and the next port for its controller, and all the same voters", () => {
    const nodes = clusterNodeOptions(o, "abc");
    expect(nodes.map((n) => [n.dataDir, n.port, n.controllerPort, n.clusterNode?.nodeId])).toEqual([
      ["/data/cluster/node-1", 21000, 21001, 1],
      ["/data/cluster/node-2", 21002, 21003, 2],
      ["/data/cluster/node-3", 21004, 21005, 3],
    ]);
    expect(new Set(nodes.map((n) => n.clusterNode?.voters))).toEqual(new Set(["1@127.0.0.1:21001,2@127.0.0.1:21003,3@127.0.0.1:21005"]));
    expect(nodes.every((n) => n.clusterNode?.clusterId === "abc" && n.clusterNode.replication === 3 && n.clusterNode.minIsr === 2)).toBe(
      true,
    );
    expect(clusterBrokers(o)).toBe("127.0.0.1:21000,127.0.0.1:21002,127.0.0.1:21004");
    expect(minInsyncReplicas(3)).toBe(2);
  });

  it("refuses sizes without an odd controller quorum of at least 3", () => {
    for (const brokers of [1, 2, 4, 6]) expect(() => clusterNodeOptions({ ...o, brokers }, "abc")).toThrow(/3 or 5 brokers/);
  });

  it("renders the real cluster template: replication 3, min.insync.replicas 2, no unclean election, loopback only", () => {
    const node = clusterNodeOptions(o, "abc")[1]!;
    const c = node.clusterNode!;
    const props = parseProperties(
      renderServerProperties(readFileSync(path.join(infraDir, "server-cluster.properties.template"), "utf8"), {
        host: "127.0.0.1",
        port: node.port!,
        controllerPort: node.controllerPort!,
        logDirs: "/data/cluster/node-2/data",
        nodeId: c.nodeId,
        voters: c.voters,
        replication: c.replication,
        minIsr: c.minIsr,
      }),
    );
    expect(props.get("node.id")).toBe("2");
    expect(props.get("listeners")).toBe("PLAINTEXT://127.0.0.1:21002,CONTROLLER://127.0.0.1:21003");
    expect(props.get("default.replication.factor")).toBe("3");
    expect(props.get("offsets.topic.replication.factor")).toBe("3");
    expect(props.get("min.insync.replicas")).toBe("2");
    expect(props.get("unclean.leader.election.enable")).toBe("false");
  });
});
