// exceljs' streaming reader reads a workbook's parts in one pass, in the order they lie in the file.
// It can only hand out a sheet's rows as they stream by if it has already read the workbook part
// (sheet names), the workbook's relations, the shared strings and the styles (which tell dates from
// numbers). If it has not, it parks every sheet in a temporary file and reads it after the pass, and
// that path is broken. On workbooks with several sheets it loses the parts that come after them
// ("Cannot read properties of undefined (reading 'sheets')"), and a parked sheet that the caller
// skips is deleted while it is still being opened, which raises an ENOENT nobody can catch. Excel
// writes those parts first. Other writers (exceljs itself, some exporters) write them last, or write
// no shared strings at all. Such a file is copied once into a temporary ZIP whose parts come in the
// order exceljs needs, with an empty shared-strings part added when the file has none. The copy
// decompresses nothing.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import type { ZipContents, ZipEntry } from "./zip-check.ts";

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const SHARED_STRINGS = "xl/sharedStrings.xml";
const BEFORE_SHEETS = new Set(["xl/_rels/workbook.xml.rels", "xl/workbook.xml", SHARED_STRINGS, "xl/styles.xml"]);
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

export interface ReadingPlan {
  /** Every entry, those exceljs needs before the sheets first, the rest in their file order. */
  order: ZipEntry[];
  /** The file has no shared strings: add an empty part, so that exceljs streams the sheets. */
  addSharedStrings: boolean;
}

/** Pure: how to lay the parts (`inFile`: in file order) out for exceljs, or undefined when the file already suits it. */
export function readingPlan(inFile: readonly ZipEntry[]): ReadingPlan | undefined {
  const firstSheet = inFile.findIndex((e) => SHEET.test(e.name));
  if (firstSheet < 0) return undefined;
  const addSharedStrings = !inFile.some((e) => e.name === SHARED_STRINGS);
  const late = inFile.slice(firstSheet).some((e) => BEFORE_SHEETS.has(e.name));
  if (!late && !addSharedStrings) return undefined;
  return {
    order: [...inFile.filter((e) => BEFORE_SHEETS.has(e.name)), ...inFile.filter((e) => !BEFORE_SHEETS.has(e.name))],
    addSharedStrings,
  };
}

export interface ReorderedCopy {
  file: string;
  size: number;
  /** Deletes the copy. */
  remove(): Promise<void>;
}

/** A temporary copy of the ZIP `file` with its parts laid out as `plan` says. */
export async function copyInReadingOrder(file: string, zip: ZipContents, plan: ReadingPlan): Promise<ReorderedCopy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lrew-xlsx-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  const copy = path.join(dir, "workbook.xlsx");
  try {
    return { file: copy, size: await writeInReadingOrder(file, zip, plan, copy), remove };
  } catch (err) {
    await remove();
    throw err;
  }
}

/** Writes the ZIP `file` to `out` with its parts laid out as `plan` says (each part's bytes as they are); returns the bytes written. */
async function writeInReadingOrder(file: string, zip: ZipContents, plan: ReadingPlan, out: string): Promise<number> {
  // A part's bytes run from its local header to the next part's (data descriptor included).
  const inFile = zip.entries;
  const end = new Map(inFile.map((e, i) => [e, inFile[i + 1]?.localHeaderOffset ?? zip.directory.offset]));
  const w = createWriteStream(out);
  let at = 0;
  const put = async (b: Buffer) => {
    at += b.length;
    if (!w.write(b)) await once(w, "drain");
  };
  const records: Buffer[] = [];
  if (plan.addSharedStrings) {
    const part = storedPart(SHARED_STRINGS, EMPTY_SHARED_STRINGS, at);
    records.push(part.record);
    await put(part.local);
  }
  for (const e of plan.order) {
    const record = Buffer.from(e.record);
    record.writeUInt32LE(at, 42); // the part's new offset
    records.push(record);
    for await (const chunk of createReadStream(file, { start: e.localHeaderOffset, end: end.get(e)! - 1 })) await put(chunk as Buffer);
  }
  const directoryOffset = at;
  for (const r of records) await put(r);
  await put(endRecord(records.length, at - directoryOffset, directoryOffset));
  w.end();
  await once(w, "finish");
  return at;
}

/** Pure: a stored (uncompressed) part: its local header with data, and its central-directory record at `offset`. */
export function storedPart(name: string, data: Buffer, offset: number): { local: Buffer; record: Buffer } {
  const n = Buffer.from(name, "utf8");
  const crc = crc32(data) >>> 0;
  const local = Buffer.alloc(30 + n.length);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed: 2.0
  local.writeUInt16LE(0x0800, 6); // the name is UTF-8
  local.writeUInt16LE(0, 8); // stored
  local.writeUInt16LE(0, 10); // 00:00
  local.writeUInt16LE(0x21, 12); // 1980-01-01
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  n.copy(local, 30);
  const record = Buffer.alloc(46 + n.length);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE(20, 4);
  record.writeUInt16LE(20, 6);
  record.writeUInt16LE(0x0800, 8);
  record.writeUInt16LE(0, 10);
  record.writeUInt16LE(0, 12);
  record.writeUInt16LE(0x21, 14);
  record.writeUInt32LE(crc, 16);
  record.writeUInt32LE(data.length, 20);
  record.writeUInt32LE(data.length, 24);
  record.writeUInt16LE(n.length, 28);
  record.writeUInt32LE(offset, 42);
  n.copy(record, 46);
  return { local: Buffer.concat([local, data]), record };
}

function endRecord(count: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}
