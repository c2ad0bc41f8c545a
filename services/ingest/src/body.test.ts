import { describe, expect, it } from "vitest";
import { bodyFormat, parseBody, readRecord } from "./body.ts";

describe("parseBody", () => {
  it("reads one object as record 0 and an array by position", () => {
    expect(parseBody('{"a":1}', "application/json")).toEqual({
      ok: true,
      format: "json",
      records: [{ index: 0, value: { a: 1 } }],
    });
    const arr = parseBody('[{"a":1},{"b":2}, 3]', "application/json; charset=utf-8");
    expect(arr.ok && arr.records.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(arr.ok && readRecord(arr.records[2]!)).toEqual({ index: 2, ok: true, value: 3 });
  });

  it("refuses a body that is not JSON, with line and column but without quoting it", () => {
    const r = parseBody('[\n{"phone": 0912345678,}\n]', "application/json");
    expect(r.ok).toBe(false);
    if (r.ok || r.reason !== "invalid_json") throw new Error("expected invalid_json");
    expect(r.problem.line).toBe(2);
    expect(r.problem.column).toBeGreaterThan(1);
    expect(JSON.stringify(r)).not.toContain("0912345678");
  });

  it("refuses a JSON scalar", () => {
    expect(parseBody('"x"', "application/json")).toEqual({ ok: false, reason: "not_object_or_array" });
    expect(parseBody("null", "application/json")).toEqual({ ok: false, reason: "not_object_or_array" });
  });

  it("splits NDJSON by line number from 0, blank lines counted but skipped, CRLF and BOM tolerated", () => {
    const r = parseBody('\uFEFF{"a":1}\r\n\r\n{"b":\r\n{"c":3}\n', "application/x-ndjson");
    expect(r).toEqual({
      ok: true,
      format: "ndjson",
      records: [
        { index: 0, line: '{"a":1}' },
        { index: 2, line: '{"b":' },
        { index: 3, line: '{"c":3}' },
      ],
    });
  });

  it("reads an NDJSON line as its record, or says where a line that is not JSON stopped", () => {
    expect(readRecord({ index: 0, line: '{"a":1}' })).toEqual({ index: 0, ok: true, value: { a: 1 } });
    expect(readRecord({ index: 2, line: '{"b":' })).toEqual({
      index: 2,
      ok: false,
      text: '{"b":',
      problem: { line: 3, position: 5, column: 6 },
    });
  });

  it("treats an empty body as an empty batch", () => {
    expect(parseBody("", "application/json")).toEqual({ ok: true, format: "json", records: [] });
    expect(parseBody(undefined, "application/json")).toEqual({ ok: true, format: "json", records: [] });
    expect(parseBody(" \n ", "application/x-ndjson")).toEqual({ ok: true, format: "ndjson", records: [] });
    expect(parseBody("[]", "application/json")).toEqual({ ok: true, format: "json", records: [] });
  });

  it("keeps Vietnamese text and accepts a Buffer", () => {
    const r = parseBody(Buffer.from('{"s":"Điện Biên Phủ"}', "utf8"), "application/json");
    expect(r.ok && r.records[0]).toEqual({ index: 0, value: { s: "Điện Biên Phủ" } });
  });

  it("knows the media types", () => {
    expect(bodyFormat("application/x-ndjson")).toBe("ndjson");
    expect(bodyFormat("Application/NDJSON; charset=utf-8")).toBe("ndjson");
    expect(bodyFormat("application/json")).toBe("json");
    expect(bodyFormat(undefined)).toBe("json");
  });
});
