// File writers: NDJSON and CSV per stream, the ground truth, and the province reference. All of
// them stream (one record at a time, waiting for the disk when its buffer is full).
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { STREAM_NAMES, streamSchemas, type StreamName } from "@lrew/contracts";
import { buildReorganisation, type Reorganisation } from "@lrew/reference";
import { readCommuneList, writeResponsibility } from "@lrew/reference/files";
import type { WorldRecord } from "./generate.ts";
import type { Province, ProvinceReference } from "./province.ts";

export type EventFormat = "ndjson" | "csv";

export interface WriteWorldOptions {
  /** Which event files to write. Default both. */
  formats?: readonly EventFormat[];
  /** Write the second copies of duplicated events too (what a provider would send). Default true. */
  includeDuplicates?: boolean;
  /** Write truth.ndjson. Default true. */
  truth?: boolean;
}

export interface WriteSummary {
  /** Events written per stream (duplicates included when written). */
  events: Record<StreamName, number>;
  duplicates: number;
  truth: number;
  files: string[];
}

/**
 * CSV column order of a stream: the contract's field order; a nested object (a union fee's relief)
 * is one column per field with a dotted name (relief.kind), as the importer reads it back.
 */
export function csvColumns(stream: StreamName): string[] {
  const columns: string[] = [];
  const walk = (prefix: string, shape: Record<string, { def: { type: string; innerType?: unknown; shape?: unknown } }>) => {
    for (const [name, schema] of Object.entries(shape)) {
      let inner = schema;
      while (inner.def.type === "optional") inner = inner.def.innerType as typeof schema;
      if (inner.def.type === "object") walk(`${prefix}${name}.`, inner.def.shape as typeof shape);
      else columns.push(prefix + name);
    }
  };
  walk("", streamSchemas[stream].shape as never);
  return columns;
}

/** One CSV field: arrays joined with "|", RFC 4180 quoting when needed. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return "";
  const s = Array.isArray(value) ? value.join("|") : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(columns: readonly string[], record: Record<string, unknown>): string {
  return columns.map((c) => csvField(c.includes(".") ? nested(record, c) : record[c])).join(",");
}

function nested(record: Record<string, unknown>, path: string): unknown {
  let v: unknown = record;
  for (const key of path.split(".")) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

class LineWriter {
  readonly path: string;
  private readonly stream: WriteStream;
  constructor(path: string) {
    this.path = path;
    this.stream = createWriteStream(path, { encoding: "utf8" });
  }
  async line(text: string): Promise<void> {
    if (!this.stream.write(`${text}\n`)) await once(this.stream, "drain");
  }
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
  }
}

/**
 * Write a world to `dir`: `<stream>.ndjson` and/or `<stream>.csv` per stream, in delivery order,
 * and `truth.ndjson`. Accepts any (async) iterable of records, e.g. `generateWorld(params)`.
 */
export async function writeWorld(
  dir: string,
  records: Iterable<WorldRecord> | AsyncIterable<WorldRecord>,
  options: WriteWorldOptions = {},
): Promise<WriteSummary> {
  const formats = options.formats ?? ["ndjson", "csv"];
  const includeDuplicates = options.includeDuplicates ?? true;
  const writeTruth = options.truth ?? true;
  await mkdir(dir, { recursive: true });
  const ndjson = new Map<StreamName, LineWriter>();
  const csv = new Map<StreamName, LineWriter>();
  const columns = new Map<StreamName, string[]>();
  for (const s of STREAM_NAMES) {
    if (formats.includes("ndjson")) ndjson.set(s, new LineWriter(join(dir, `${s}.ndjson`)));
    if (formats.includes("csv")) {
      const w = new LineWriter(join(dir, `${s}.csv`));
      const cols = csvColumns(s);
      columns.set(s, cols);
      csv.set(s, w);
      await w.line(cols.join(","));
    }
  }
  const truthWriter = writeTruth ? new LineWriter(join(dir, "truth.ndjson")) : undefined;
  const summary: WriteSummary = {
    events: Object.fromEntries(STREAM_NAMES.map((s) => [s, 0])) as Record<StreamName, number>,
    duplicates: 0,
    truth: 0,
    files: [],
  };
  try {
    for await (const r of records) {
      if (r.kind === "truth") {
        if (truthWriter) {
          await truthWriter.line(JSON.stringify(r.truth));
          summary.truth++;
        }
        continue;
      }
      if (r.duplicate) {
        if (!includeDuplicates) continue;
        summary.duplicates++;
      }
      summary.events[r.stream]++;
      const n = ndjson.get(r.stream);
      if (n) await n.line(r.json);
      const c = csv.get(r.stream);
      if (c) await c.line(csvRow(columns.get(r.stream)!, r.event as Record<string, unknown>));
    }
  } finally {
    for (const w of [...ndjson.values(), ...csv.values(), ...(truthWriter ? [truthWriter] : [])]) {
      await w.close();
      summary.files.push(w.path);
    }
  }
  return summary;
}

/**
 * The 2025 re-organisation of a province whose communes lrew knows (Điện Biên: see @lrew/reference's
 * data), with each enterprise in one commune of its 2021 district; undefined for other provinces.
 */
export function provinceReorganisation(province: Province): Reorganisation | undefined {
  const ref = province.reference;
  const communes = readCommuneList();
  const root = ref.areas.find((a) => a.parent === undefined);
  const federation = ref.unionUnits.find((u) => u.level === "province");
  if (root?.code !== communes.province || !federation) return undefined;
  const grassroots = new Set(ref.unionUnits.filter((u) => u.level === "grassroots").map((u) => u.id));
  return buildReorganisation(
    ref,
    communes,
    province.enterprises.map((e) => ({
      enterprise_id: e.enterprise_id,
      area_code: e.area_code,
      grassroots_unit_id: grassroots.has(e.grassrootsUnitId) ? e.grassrootsUnitId : undefined,
    })),
    { federationId: federation.id, emailDomain: federation.email.split("@")[1] ?? "example.vn" },
  );
}

/**
 * Write `areas.json` and `union-units.json` (the hierarchy is data: these files are its form), and,
 * for a province whose communes of the 2025 re-organisation lrew knows (Điện Biên), `responsibility.json`
 * — who answers for each enterprise as of when — with the commune / ward unions added to the units.
 */
export async function writeProvinceReference(dir: string, province: Province | ProvinceReference): Promise<string[]> {
  const ref = "reference" in province ? province.reference : province;
  await mkdir(dir, { recursive: true });
  const areas = join(dir, "areas.json");
  const units = join(dir, "union-units.json");
  const written = [areas, units];
  let unionUnits: object[] = ref.unionUnits;
  const reorg = "enterprises" in province ? provinceReorganisation(province) : undefined;
  if (reorg) {
    unionUnits = [...ref.unionUnits, ...reorg.communeUnits];
    written.push(await writeResponsibility(dir, reorg.responsibility));
  }
  await writeFile(areas, `${JSON.stringify(ref.areas, null, 2)}\n`, "utf8");
  await writeFile(units, `${JSON.stringify(unionUnits, null, 2)}\n`, "utf8");
  return written;
}
