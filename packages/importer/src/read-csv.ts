// Streaming CSV reader: UTF-8 (with or without BOM; invalid UTF-8 is refused naming the line),
// delimiter found among `,` `;` and tab, quoted fields with newlines, any line ending.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { BadInputError } from "@lrew/errors";
import { msg, text, type Lang } from "./messages.ts";
import type { Cell } from "./values.ts";

/** A row of the file in column order. `rowNumber` is the row Excel shows for it (1-based, empty rows counted). */
export interface RawRow {
  rowNumber: number;
  values: Cell[];
}

export interface ReadOptions {
  lang?: Lang;
  /** Called as the file is read, with the bytes read so far and the file size. */
  onBytes?: (bytesRead: number, totalBytes: number) => void;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const NEWLINE = 0x0a;

/**
 * The file's text, in chunks that end at a line break, checked to be UTF-8. Line breaks can be
 * found in the bytes because 0x0A never occurs inside a multi-byte UTF-8 sequence, so the line of
 * any invalid byte is known exactly.
 */
async function* utf8Text(file: string, lang: Lang, onBytes?: (n: number) => void): AsyncGenerator<string> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let bytes = 0;
  let first = true;
  const check = (buf: Buffer) => {
    if (isUtf8(buf)) return;
    let start = 0;
    for (let l = line; ; l++) {
      const end = buf.indexOf(NEWLINE, start);
      const part = buf.subarray(start, end === -1 ? buf.length : end);
      if (!isUtf8(part)) {
        throw new BadInputError(
          text(
            msg(
              `${file}: dòng ${l} không phải UTF-8. Tệp phải được lưu dạng UTF-8: trong Excel chọn "Lưu dưới dạng" → "CSV UTF-8 (phân tách bằng dấu phẩy)"`,
              `${file}: line ${l} is not UTF-8. Save the file as UTF-8: in Excel, "Save as" → "CSV UTF-8 (Comma delimited)"`,
            ),
            lang,
          ),
        );
      }
      if (end === -1) return;
      start = end + 1;
    }
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    onBytes?.(bytes);
    let buf: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      if (buf.length < BOM.length && BOM.subarray(0, buf.length).equals(buf)) {
        carry = buf;
        continue;
      }
      if (buf.subarray(0, 3).equals(BOM)) buf = buf.subarray(3);
      first = false;
    }
    const cut = buf.lastIndexOf(NEWLINE);
    if (cut === -1) {
      carry = buf;
      continue;
    }
    const whole = buf.subarray(0, cut + 1);
    carry = Buffer.from(buf.subarray(cut + 1));
    check(whole);
    yield whole.toString("utf8");
    for (let i = whole.indexOf(NEWLINE); i !== -1; i = whole.indexOf(NEWLINE, i + 1)) line++;
  }
  if (first && carry.subarray(0, 3).equals(BOM)) carry = carry.subarray(3);
  if (carry.length > 0) {
    check(carry);
    yield carry.toString("utf8");
  }
}

const CANDIDATES = [";", ",", "\t"] as const;

/**
 * The delimiter of the first line that has any: the candidate that occurs most often outside quotes
 * (header lines rarely hold commas; Excel with Vietnamese regional settings writes `;`).
 */
export function detectDelimiter(head: string): string {
  let inQuotes = false;
  let counts = new Map<string, number>();
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === "\n" || c === "\r")) {
      const best = bestOf(counts);
      if (best) return best;
      counts = new Map();
    } else if (!inQuotes && (CANDIDATES as readonly string[]).includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return bestOf(counts) ?? ",";
}

function bestOf(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = 0;
  for (const c of CANDIDATES) {
    const k = counts.get(c) ?? 0;
    if (k > n) [best, n] = [c, k];
  }
  return best;
}

/** Reads a CSV file row by row. Empty rows are given too (with empty values), so row numbers stay as Excel shows them. */
export async function* readCsv(file: string, options: ReadOptions = {}): AsyncGenerator<RawRow> {
  const lang = options.lang ?? "vi";
  const size = (await stat(file)).size;
  const source = utf8Text(file, lang, options.onBytes ? (n) => options.onBytes!(n, size) : undefined);
  // read ahead enough to see the first line(s), then replay
  const head: string[] = [];
  let headLength = 0;
  let next = await source.next();
  while (!next.done) {
    head.push(next.value);
    headLength += next.value.length;
    if (headLength >= 64 * 1024) break;
    next = await source.next();
  }
  const delimiter = detectDelimiter(head.join(""));
  const exhausted = next.done === true;
  async function* replay(): AsyncGenerator<string> {
    yield* head;
    if (!exhausted) yield* source;
  }
  const parser = parse({
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  const feeding = pipeline(Readable.from(replay()), parser).catch((err: unknown) => {
    parser.destroy(err as Error);
  });
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      yield { rowNumber, values: record };
    }
  } catch (err) {
    if (err instanceof BadInputError) throw err;
    const e = err as Error & { lines?: number };
    throw new BadInputError(
      text(
        msg(
          `${file}: không đọc được CSV (dòng ${e.lines ?? rowNumber + 1}): ${e.message}`,
          `${file}: cannot read the CSV (line ${e.lines ?? rowNumber + 1}): ${e.message}`,
        ),
        lang,
      ),
      { cause: err },
    );
  } finally {
    await feeding;
  }
}
