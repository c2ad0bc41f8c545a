import { describe, expect, it } from "vitest";
import { parseProcStatus } from "./memory.ts";

describe("parseProcStatus", () => {
  it("reads VmRSS and VmHWM in bytes", () => {
    const status = "Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n";
    expect(parseProcStatus(status)).toEqual({ rss: 102400 * 1024, hwm: 204800 * 1024 });
  });
  it("is empty for a kernel thread or zombie", () => {
    expect(parseProcStatus("Name:\tkthreadd\nState:\tS (sleeping)\n")).toEqual({});
  });
});
