import { describe, expect, it } from "vitest";
import { BadInputError } from "@lrew/errors";
import { AnalystQueryError, refusalMessage } from "./refusals.ts";

describe("AnalystQueryError", () => {
  it("is bad input; what analysts may not do is 403, a query to fix is 400", () => {
    expect(new AnalystQueryError("table", "system.users")).toBeInstanceOf(BadInputError);
    expect(new AnalystQueryError("table", "system.users").status).toBe(403);
    expect(new AnalystQueryError("not_select", "DROP").status).toBe(403);
    expect(new AnalystQueryError("multiple_statements").status).toBe(400);
    expect(new AnalystQueryError("limit", "max_execution_time").status).toBe(400);
  });
  it("speaks Vietnamese first and names what was refused", () => {
    expect(refusalMessage("table", "lrew.grievances", "vi")).toBe(
      "Không được đọc lrew.grievances: chỉ đọc các view trong cơ sở dữ liệu phân tích (xem ./lrew schema).",
    );
    expect(refusalMessage("not_select", "INSERT", "en")).toContain("INSERT");
    expect(refusalMessage("limit", "max_execution_time", "vi")).toContain("vượt giới hạn max_execution_time");
  });
});
