// Where the CLI sends an analyst query. Embedded ClickHouse belongs to one process: when a running
// `./lrew start` owns it, the CLI asks that process's query API; otherwise it opens the warehouse
// itself (a ClickHouse server can always be opened directly).
export type QueryRoute = { kind: "direct" } | { kind: "api"; url: string; ownerPid: number };

/** Pure. */
export function chooseQueryRoute(opts: {
  serverUrl: string | undefined;
  embeddedOwnerPid: number | undefined;
  webHost: string;
  webPort: number;
}): QueryRoute {
  if (opts.serverUrl || opts.embeddedOwnerPid === undefined) return { kind: "direct" };
  const host = opts.webHost.includes(":") ? `[${opts.webHost}]` : opts.webHost;
  return { kind: "api", url: `http://${host}:${opts.webPort}/v1/query`, ownerPid: opts.embeddedOwnerPid };
}
