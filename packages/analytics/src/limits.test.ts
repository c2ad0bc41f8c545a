import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, settingsClause } from "./limits.ts";

describe("settingsClause", () => {
  it("sets every limit with overflow mode throw, and readonly last", () => {
    const clause = settingsClause({ maxExecutionSeconds: 7, maxRowsToRead: 1000, maxResultRows: 50, maxMemoryBytes: 2048, maxThreads: 1 });
    expect(clause).toContain("max_execution_time = 7");
    expect(clause).toContain("max_rows_to_read = 1000");
    expect(clause).toContain("max_result_rows = 50");
    expect(clause).toContain("max_memory_usage = 2048");
    expect(clause).toContain("max_threads = 1");
    for (const mode of ["timeout_overflow_mode", "read_overflow_mode", "result_overflow_mode"])
      expect(clause).toContain(`${mode} = 'throw'`);
    expect(clause.endsWith("readonly = 1")).toBe(true);
  });
  it("never writes a zero or a fraction (0 means unlimited in ClickHouse)", () => {
    const clause = settingsClause({ ...DEFAULT_LIMITS, maxExecutionSeconds: 0.2, maxResultRows: 0 });
    expect(clause).toContain("max_execution_time = 1");
    expect(clause).toContain("max_result_rows = 1");
  });
});
