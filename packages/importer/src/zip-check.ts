// Checks an XLSX file (a ZIP) from end to end before exceljs reads it. Every entry listed in the
// central directory must have its header where the directory says, must inflate cleanly, and must
// match its CRC-32 and size. This is needed because exceljs' streaming reader can simply stop on a
// ZIP damaged inside, with neither an error nor a result: its promise never settles and the import
// ends silently. A damaged file is refused instead, and the message names the damaged part.
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { crc32, createInflateRaw } from "node:zlib";
import { msg, type Msg } from "./messages.ts";

const EOCD_SIGNATURE = 0x06054b50;
const DIRECTORY_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const DIRECTORY_HEADER_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;
const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  /** This entry's record in the central directory, as it stands. */
  record: Buffer;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The ZIP end-of-central-directory record lies in the last 22 + 65,535 bytes of any whole ZIP file. */
const TAIL_BYTES = EOCD_BYTES + 65_535;

/**
 * No end-of-central-directory record: the file was cut short (an interrupted download or copy) or is
 * no ZIP at all. exceljs' streaming reader can fail on such a file outside the caller's reach.
 */
export class ZipIncomplete extends Error {}

/** What is wrong, and in which entry (none: the directory itself). */
export class ZipDamage extends Error {
  readonly reason: Msg;
  readonly entry: string | undefined;
  constructor(reason: Msg, entry?: string) {
    super(reason.en);
    this.reason = reason;
    this.entry = entry;
  }
}

export interface DirectoryLocation {
  offset: number;
  size: number;
  count: number;
}

/**
 * Pure: where the central directory lies, from the end-of-central-directory record in `tail` (the
 * file's last bytes, `tailStart` its position in the file). "zip64" when the record defers to ZIP64
 * fields (a workbook over 4 GiB or 65,535 parts), undefined when there is no such record.
 */
export function locateDirectory(tail: Uint8Array, tailStart: number): DirectoryLocation | "zip64" | undefined {
  const b = Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength);
  // The last record whose comment reaches exactly to the end: a comment may itself hold the signature.
  for (let i = b.length - EOCD_BYTES; i >= 0; i--) {
    if (b.readUInt32LE(i) !== EOCD_SIGNATURE || i + EOCD_BYTES + b.readUInt16LE(i + 20) !== b.length) continue;
    const count = b.readUInt16LE(i + 10);
    const size = b.readUInt32LE(i + 12);
    const offset = b.readUInt32LE(i + 16);
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return "zip64";
    if (offset + size > tailStart + i)
      throw new ZipDamage(msg("mục lục của tệp nén nằm ngoài tệp", "the ZIP directory lies outside the file"));
    return { offset, size, count };
  }
  return undefined;
}

/** Pure: the entries of a central directory. */
export function parseDirectory(directory: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    const damaged = () =>
      new ZipDamage(msg(`mục lục của tệp nén hỏng ở mục thứ ${n + 1}`, `the ZIP directory is damaged at entry ${n + 1}`));
    if (at + DIRECTORY_HEADER_BYTES > directory.length || directory.readUInt32LE(at) !== DIRECTORY_SIGNATURE) throw damaged();
    const nameLength = directory.readUInt16LE(at + 28);
    const next = at + DIRECTORY_HEADER_BYTES + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (next > directory.length) throw damaged();
    entries.push({
      name: directory.toString("utf8", at + DIRECTORY_HEADER_BYTES, at + DIRECTORY_HEADER_BYTES + nameLength),
      record: directory.subarray(at, next),
      method: directory.readUInt16LE(at + 10),
      crc32: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    });
    at = next;
  }
  return entries;
}

/** A ZIP file's entries, in the order they lie in the file, and where its central directory lies. */
export interface ZipContents {
  entries: ZipEntry[];
  directory: DirectoryLocation;
}

/**
 * Reads every entry of the ZIP file (`size` bytes) once. Throws ZipIncomplete when it has no end
 * record, a ZipDamage at the first thing damaged. A ZIP64 file is left to exceljs, since no workbook
 * lrew imports comes near that size (undefined).
 */
export async function checkZip(file: string, size: number): Promise<ZipContents | undefined> {
  const handle = await open(file, "r");
  try {
    const tailStart = Math.max(0, size - TAIL_BYTES);
    const where = locateDirectory(await readAt(handle, tailStart, size - tailStart), tailStart);
    if (where === "zip64") return undefined;
    if (where === undefined) throw new ZipIncomplete(`${file}: no ZIP end record`);
    const entries = parseDirectory(await readAt(handle, where.offset, where.size), where.count).sort(
      (a, b) => a.localHeaderOffset - b.localHeaderOffset,
    );
    // Each part must end before the next one starts, the last before the directory.
    for (const [i, entry] of entries.entries()) await checkEntry(file, handle, entry, entries[i + 1]?.localHeaderOffset ?? where.offset);
    return { entries, directory: where };
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

async function checkEntry(file: string, handle: FileHandle, entry: ZipEntry, limit: number): Promise<void> {
  const damaged = (vi: string, en: string) => new ZipDamage(msg(vi, en), entry.name);
  const header = await readAt(handle, entry.localHeaderOffset, LOCAL_HEADER_BYTES);
  if (header.length < LOCAL_HEADER_BYTES || header.readUInt32LE(0) !== LOCAL_SIGNATURE)
    throw damaged("không có đầu mục ở vị trí mục lục ghi", "no entry header where the directory says");
  const start = entry.localHeaderOffset + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > limit)
    throw damaged("dữ liệu chồng lên phần sau hoặc nằm ngoài tệp", "its data runs into the next part or out of the file");
  if (entry.method !== STORED && entry.method !== DEFLATED)
    throw damaged(`kiểu nén ${entry.method} không được hỗ trợ`, `compression method ${entry.method} is not supported`);
  let crc = 0;
  let length = 0;
  if (entry.compressedSize > 0) {
    const raw = createReadStream(file, { start, end: start + entry.compressedSize - 1 });
    let data: NodeJS.ReadableStream = raw;
    if (entry.method === DEFLATED) {
      const inflate = createInflateRaw();
      raw.on("error", (err) => inflate.destroy(err)); // pipe() does not pass a read error on
      data = raw.pipe(inflate);
    }
    try {
      for await (const chunk of data as AsyncIterable<Buffer>) {
        length += chunk.length;
        // A part that inflates to more than the directory says is damaged (or a ZIP bomb): stop there.
        if (length > entry.uncompressedSize) break;
        crc = crc32(chunk, crc);
      }
    } catch (err) {
      throw damaged(`không giải nén được: ${(err as Error).message}`, `cannot be decompressed: ${(err as Error).message}`);
    } finally {
      raw.destroy();
    }
  }
  if (length > entry.uncompressedSize)
    throw damaged(
      `giải nén ra nhiều hơn ${entry.uncompressedSize} byte mục lục ghi`,
      `decompresses to more than the ${entry.uncompressedSize} bytes the directory says`,
    );
  if (length < entry.uncompressedSize)
    throw damaged(
      `giải nén ra ${length} byte thay vì ${entry.uncompressedSize}`,
      `decompresses to ${length} bytes instead of ${entry.uncompressedSize}`,
    );
  if (crc >>> 0 !== entry.crc32) throw damaged("mã kiểm tra CRC-32 không khớp", "its CRC-32 check does not match");
}
