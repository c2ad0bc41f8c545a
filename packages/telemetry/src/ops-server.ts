// A minimal HTTP server for processes that have no API of their own (the sink, the scorer):
// GET /healthz (alive), GET /readyz (dependencies answer; when not, the reason if the process gives
// one: {"status":"not_ready","reason":"disk_full"}), GET /metrics (Prometheus text).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { metricsText } from "./metrics.ts";

export interface OpsServer {
  url: string;
  close(): Promise<void>;
}

/** What a process says of its readiness: a yes or no, or with the reason it is not ready. */
export type ReadyAnswer = boolean | { ready: boolean; reason?: string };

export async function startOpsServer(o: {
  host: string;
  port: number;
  ready: () => Promise<ReadyAnswer> | ReadyAnswer;
}): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method !== "GET") {
        res.writeHead(405, { allow: "GET" }).end();
      } else if (path === "/healthz") {
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      } else if (path === "/readyz") {
        const answer = await Promise.resolve(o.ready()).catch((): ReadyAnswer => false);
        const ok = typeof answer === "boolean" ? answer : answer.ready;
        const reason = typeof answer === "object" && !answer.ready ? answer.reason : undefined;
        res
          .writeHead(ok ? 200 : 503, { "content-type": "application/json" })
          .end(JSON.stringify({ status: ok ? "ready" : "not_ready", ...(reason ? { reason } : {}) }));
      } else if (path === "/metrics") {
        const m = await metricsText();
        res.writeHead(200, { "content-type": m.contentType }).end(m.body);
      } else {
        res.writeHead(404).end();
      }
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${addr.address}:${addr.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
