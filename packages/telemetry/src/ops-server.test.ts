import { describe, expect, it } from "vitest";
import { startOpsServer, type ReadyAnswer } from "./ops-server.ts";

describe("/readyz", () => {
  it("answers 200 when ready, 503 with the reason the process gives when not", async () => {
    let answer: ReadyAnswer = { ready: false, reason: "disk_full" };
    const ops = await startOpsServer({ host: "127.0.0.1", port: 0, ready: () => answer });
    try {
      const notReady = await fetch(`${ops.url}/readyz`);
      expect([notReady.status, await notReady.json()]).toEqual([503, { status: "not_ready", reason: "disk_full" }]);
      answer = false;
      const plain = await fetch(`${ops.url}/readyz`);
      expect([plain.status, await plain.json()]).toEqual([503, { status: "not_ready" }]);
      answer = { ready: true };
      const ready = await fetch(`${ops.url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
    } finally {
      await ops.close();
    }
  });
});
