import { describe, expect, it } from "vitest";
import { cpuMsOf, statFields } from "./cpu.ts";

// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
const stat = "4242 (node (worker) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 1200 300 20 0 11 0";

describe("cpuMsOf", () => {
  it("reads utime + stime, or cutime + cstime, in ms, whatever the command name holds", () => {
    expect(statFields(stat)[0]).toBe("S");
    expect(cpuMsOf(stat, "own")).toBe(3000);
    expect(cpuMsOf(stat, "children")).toBe(15_000);
  });
});
