import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STREAM_NAMES, validateRecord } from "@lrew/contracts";
import { generateWorld } from "./generate.ts";
import { parseParams } from "./params.ts";
import { buildProvince } from "./province.ts";
import { Responsibility } from "@lrew/reference";
import { csvColumns, csvField, writeProvinceReference, writeWorld } from "./writers.ts";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "lrew-sim-"));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("csvField", () => {
  it("joins arrays with | and quotes what needs quoting", () => {
    expect(csvField(["wages", "bonus"])).toBe("wages|bonus");
    expect(csvField('Công ty "A", chi nhánh')).toBe('"Công ty ""A"", chi nhánh"');
    expect(csvField(undefined)).toBe("");
    expect(csvField(false)).toBe("false");
  });
});

describe("writeWorld", () => {
  it("writes NDJSON and CSV per stream and the truth, with diacritics intact", async () => {
    const dir = await tempDir();
    const params = parseParams({ enterprises: 60, days: 120, seed: 4 });
    const summary = await writeWorld(dir, generateWorld(params));
    for (const s of STREAM_NAMES) {
      const nd = (await readFile(join(dir, `${s}.ndjson`), "utf8")).split("\n").filter(Boolean);
      const csv = (await readFile(join(dir, `${s}.csv`), "utf8")).split("\n").filter(Boolean);
      expect(nd).toHaveLength(summary.events[s]);
      expect(csv[0]).toBe(csvColumns(s).join(","));
      for (const line of nd) expect(validateRecord(s, JSON.parse(line)).ok).toBe(true);
    }
    const enterprises = await readFile(join(dir, "enterprises.ndjson"), "utf8");
    expect(enterprises).toMatch(/Công ty|Hợp tác xã|Hộ kinh doanh/);
    const truth = (await readFile(join(dir, "truth.ndjson"), "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(truth).toHaveLength(summary.truth);
    expect(truth.some((t) => t.type === "state")).toBe(true);
    // The same seed writes the same bytes.
    const again = await tempDir();
    await writeWorld(again, generateWorld(params));
    for (const f of ["grievances.ndjson", "insurance-contributions.csv", "truth.ndjson"]) {
      expect(await readFile(join(again, f), "utf8")).toBe(await readFile(join(dir, f), "utf8"));
    }
  });

  it("writes the province reference as areas.json and union-units.json", async () => {
    const dir = await tempDir();
    const province = buildProvince(parseParams({ enterprises: 30 }));
    await writeProvinceReference(dir, province);
    const areas = JSON.parse(await readFile(join(dir, "areas.json"), "utf8"));
    const units = JSON.parse(await readFile(join(dir, "union-units.json"), "utf8"));
    expect(areas).toHaveLength(11);
    expect(areas.find((a: { code: string }) => a.code === "DB-TGIAO").name).toBe("Huyện Tuần Giáo");
    expect(units[0].id).toBe("LDLD-DB");
    // Điện Biên's 45 communes and wards from 1 July 2025: who answers for each enterprise, as of when.
    const r = Responsibility.parse(await readFile(join(dir, "responsibility.json"), "utf8"));
    expect(r.areas.filter((a) => a.kind === "commune" || a.kind === "ward")).toHaveLength(45);
    for (const e of province.enterprises) {
      expect(r.responsibleUnit(e, "2025-06-30")).toBe(`LDLD-${e.area_code}`);
      const unit = r.responsibleUnit(e, "2026-01-01")!;
      expect(unit === "LDLD-DB" || units.some((u: { id: string; level: string }) => u.id === unit && u.level === "commune")).toBe(true);
    }
  });
});
