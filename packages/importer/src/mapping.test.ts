import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BadInputError } from "@lrew/errors";
import { describe, expect, it } from "vitest";
import { loadMapping, parseMapping } from "./mapping.ts";

describe("parseMapping", () => {
  it("fills defaults", () => {
    expect(parseMapping({}, "grievances")).toEqual({ columns: {}, values: {}, defaults: {}, timezone: "+07:00" });
  });

  it("names every problem with its path", () => {
    let err: unknown;
    try {
      parseMapping(
        {
          stream: "grievances",
          columns: { "Mã ĐV": "enterprise", Kênh: "channel" },
          values: { summary: { a: "b" }, colour: {} },
          defaults: { foo: 1 },
        },
        "wage-arrears",
        "m.json",
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInputError);
    const lines = (err as Error).message.split("\n");
    expect(lines[0]).toBe("m.json: invalid column mapping");
    expect(lines.slice(1)).toEqual([
      '  stream: the mapping is for "grievances", not "wage-arrears"',
      expect.stringMatching(
        /^ {2}columns\.Mã ĐV: "enterprise" is not a field of wage-arrears \(fields: event_id, enterprise_id, reported_at/,
      ),
      expect.stringMatching(/^ {2}columns\.Kênh: "channel" is not a field of wage-arrears/),
      expect.stringMatching(/^ {2}values\.summary: not a field of wage-arrears/),
      expect.stringMatching(/^ {2}values\.colour: not a field of wage-arrears/),
      expect.stringMatching(/^ {2}defaults\.foo: not a field of wage-arrears/),
    ]);
  });

  it("refuses unknown keys and bad types with zod's paths", () => {
    expect(() => parseMapping({ colums: {}, timezone: "ICT", sheet: 0 }, "grievances", "m.json")).toThrow(
      /m\.json: invalid column mapping\n/,
    );
    const message = (() => {
      try {
        parseMapping({ colums: {}, timezone: "ICT", sheet: 0 }, "grievances", "m.json");
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(message).toContain('timezone: expected an offset like "+07:00" or "Z"');
    expect(message).toContain("sheet:");
    expect(message).toContain("(root):");
  });

  it("only takes words for fields that have words", () => {
    expect(() => parseMapping({ values: { summary: { x: "y" } } }, "grievances")).toThrow(
      "values.summary: words can be given for enum, list, yes/no and number fields only",
    );
  });
});

describe("loadMapping", () => {
  it("reads JSON with a BOM, and explains bad JSON and missing files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lrew-mapping-"));
    const good = join(dir, "good.json");
    await writeFile(good, `\uFEFF${JSON.stringify({ columns: { "Mã ĐV": "enterprise_id" }, sheet: "Tháng 10" })}`);
    expect(await loadMapping(good, "grievances")).toMatchObject({ columns: { "Mã ĐV": "enterprise_id" }, sheet: "Tháng 10" });
    const bad = join(dir, "bad.json");
    await writeFile(bad, "{ columns: }");
    await expect(loadMapping(bad, "grievances")).rejects.toThrow(new RegExp(`^${bad.replace(/[.]/g, "\\.")}: not valid JSON`));
    await expect(loadMapping(join(dir, "none.json"), "grievances")).rejects.toThrow(/^cannot read the mapping file/);
  });
});
