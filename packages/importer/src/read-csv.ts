// Streaming CSV reader: UTF-8 (with or without BOM; invalid UTF-8 is refused naming the line),
// UTF-16 with a BOM (Excel's "Unicode Text") and Windows-1258 (Excel's plain CSV on a Vietnamese
// Windows), found from the first bytes (encoding.ts) or named by the caller; the text is given
// NFC-normalised. The delimiter (`,` `;` or tab) is the one that makes a header row of the first
// rows (or, without a header dictionary, the most cells); quoted fields with newlines; any line ending.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { BadInputError } from "@lrew/errors";
import { refusal, sniffEncoding, type Encoding } from "./encoding.ts";
import { msg, text, type Lang } from "./messages.ts";
import { HEADER_SEARCH_ROWS } from "./rows.ts";
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
  /** The file's encoding; default "auto" (see {@link detectCsvEncoding}). */
  encoding?: Encoding | "auto";
  /**
   * How well a row's cells match the header dictionary (the number of known fields): the delimiter
   * chosen is the one that makes the best header row. Without it, the one that makes the most cells.
   */
  scoreHeader?: (cells: readonly string[]) => number;
  /** The header's row number when known (a mapping's `header_row`): only that row is scored. */
  headerRow?: number;
  /** Told the encoding and the delimiter once they are known, before the first row. */
  onLayout?: (layout: CsvLayout) => void;
}

export interface CsvLayout {
  encoding: Encoding;
  delimiter: string;
}

/** How much of the file decides its encoding and delimiter. */
const HEAD_BYTES = 64 * 1024;

/**
 * The encoding of a CSV file: the one named, or found from its first 64 KiB. A file in a legacy
 * Vietnamese encoding (TCVN3, VNI) or an unknown one is refused with BadInputError saying what to do.
 */
export async function detectCsvEncoding(file: string, wanted: Encoding | "auto", lang: Lang): Promise<{ encoding: Encoding; bom: number }> {
  const handle = await open(file, "r");
  let head: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const sniffed = sniffEncoding(head, head.length === size);
  if (wanted !== "auto") {
    // A BOM of the encoding named is still not text.
    const bom = sniffed.kind === "read" && sniffed.encoding === wanted ? sniffed.bom : 0;
    return { encoding: wanted, bom };
  }
  if (sniffed.kind === "refused") throw new BadInputError(text(refusal(file, sniffed.suspected), lang));
  return { encoding: sniffed.encoding, bom: sniffed.bom };
}

const NEWLINE = 0x0a;

/**
 * A UTF-8 file's text, in chunks that end at a line break, checked to be UTF-8. Line breaks can be
 * found in the bytes because 0x0A never occurs inside a multi-byte UTF-8 sequence, so the line of
 * any invalid byte is known exactly.
 */
async function* utf8Text(file: string, bom: number, lang: Lang, onBytes?: (n: number) => void): AsyncGenerator<string> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let bytes = 0;
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
              `${file}: dòng ${l} không phải UTF-8. Tệp phải được lưu dạng UTF-8: trong Excel chọn "Lưu dưới dạng" → "CSV UTF-8 (phân tách bằng dấu phẩy)" (nếu cả tệp là bảng mã Windows-1258, chạy lại với --encoding windows-1258)`,
              `${file}: line ${l} is not UTF-8. Save the file as UTF-8: in Excel, "Save as" → "CSV UTF-8 (Comma delimited)" (if the whole file is in Windows-1258, run again with --encoding windows-1258)`,
            ),
            lang,
          ),
        );
      }
      if (end === -1) return;
      start = end + 1;
    }
  };
  for await (const chunk of createReadStream(file, { start: bom }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    onBytes?.(bytes + bom);
    const buf: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = buf.lastIndexOf(NEWLINE);
    if (cut === -1) {
      carry = buf;
      continue;
    }
    const whole = buf.subarray(0, cut + 1);
    carry = Buffer.from(buf.subarray(cut + 1));
    check(whole);
    yield whole.toString("utf8").normalize("NFC");
    for (let i = whole.indexOf(NEWLINE); i !== -1; i = whole.indexOf(NEWLINE, i + 1)) line++;
  }
  if (carry.length > 0) {
    check(carry);
    yield carry.toString("utf8").normalize("NFC");
  }
}

/**
 * A file's text in another encoding, decoded by the platform's TextDecoder (the WHATWG Encoding
 * Standard's tables), in chunks that end at a line break so that NFC normalisation never separates
 * a letter from the tone mark that follows it (Windows-1258 writes "ế" as "ê" + U+0301).
 */
async function* decodedText(
  file: string,
  encoding: Exclude<Encoding, "utf-8">,
  bom: number,
  lang: Lang,
  onBytes?: (n: number) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let carry = "";
  let line = 1;
  let bytes = 0;
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch (err) {
      throw new BadInputError(
        text(
          msg(
            `${file}: tệp ${encoding.toUpperCase()} bị hỏng sau dòng ${line}: hãy mở bằng Excel và lưu lại dưới dạng "CSV UTF-8"`,
            `${file}: the ${encoding.toUpperCase()} file is damaged after line ${line}: open it in Excel and save it again as "CSV UTF-8"`,
          ),
          lang,
        ),
        { cause: err },
      );
    }
  };
  for await (const chunk of createReadStream(file, { start: bom }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    onBytes?.(bytes + bom);
    const textSoFar = carry + decode(chunk);
    const cut = textSoFar.lastIndexOf("\n");
    if (cut === -1) {
      carry = textSoFar;
      continue;
    }
    carry = textSoFar.slice(cut + 1);
    const whole = textSoFar.slice(0, cut + 1);
    yield whole.normalize("NFC");
    for (let i = whole.indexOf("\n"); i !== -1; i = whole.indexOf("\n", i + 1)) line++;
  }
  const rest = carry + decode();
  if (rest.length > 0) yield rest.normalize("NFC");
}

const CANDIDATES = [";", ",", "\t"] as const;

/**
 * The first records of a text split by one delimiter, with their row numbers (a record may span
 * lines inside quotes). Only for choosing the delimiter: a record cut off inside quotes by the end of
 * the head is dropped.
 */
export function splitHead(head: string, delimiter: string, maxRows: number): Array<{ rowNumber: number; cells: string[] }> {
  const rows: Array<{ rowNumber: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = "";
  let inQuotes = false;
  for (let i = 0; i < head.length && rows.length < maxRows; i++) {
    const c = head[i]!;
    if (inQuotes) {
      if (c === '"' && head[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else cell += c;
    } else if (c === '"' && cell === "") inQuotes = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && head[i + 1] === "\n") i++;
      cells.push(cell);
      rows.push({ rowNumber: rows.length + 1, cells });
      cells = [];
      cell = "";
    } else cell += c;
  }
  // The last line, when the head ends without a line break (and not inside quotes).
  if (!inQuotes && rows.length < maxRows && (cells.length > 0 || cell !== ""))
    rows.push({ rowNumber: rows.length + 1, cells: [...cells, cell] });
  return rows;
}

/**
 * The delimiter of a CSV text, from its first 64 KiB: the candidate whose rows include the best header
 * by the dictionary (`scoreHeader`), among the first 20 non-empty rows (or row `headerRow` when it is
 * known), so that title rows above the table ("DANH SÁCH ĐƠN VỊ NỢ BHXH, BHYT, BHTN") do not decide;
 * then the one that splits the most of those rows into several cells, then the one that makes the
 * most cells in a row; `,` when none makes more than one.
 */
export function detectDelimiter(head: string, scoreHeader?: (cells: readonly string[]) => number, headerRow?: number): string {
  const candidates = CANDIDATES.map((delimiter) => {
    // Empty lines say nothing; a row of separators alone (Excel's padded blank row) says which one.
    const rows = splitHead(head, delimiter, headerRow ?? Number.POSITIVE_INFINITY).filter(
      (r) => r.cells.length > 1 || r.cells[0]!.trim() !== "",
    );
    const searched = headerRow !== undefined ? rows.filter((r) => r.rowNumber === headerRow) : rows.slice(0, HEADER_SEARCH_ROWS);
    return {
      delimiter,
      score: Math.max(0, ...searched.map((r) => scoreHeader?.(r.cells) ?? 0)),
      split: searched.filter((r) => r.cells.length > 1).length,
      cells: Math.max(0, ...searched.map((r) => r.cells.length)),
    };
  });
  const better = (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
    a.score !== b.score ? a.score > b.score : a.split !== b.split ? a.split > b.split : a.cells > b.cells;
  let best = candidates[0]!;
  for (const c of candidates.slice(1)) if (better(c, best)) best = c;
  return best.split > 0 || best.score > 0 ? best.delimiter : ",";
}

/** Reads a CSV file row by row. Empty rows are given too (with empty values), so row numbers stay as Excel shows them. */
export async function* readCsv(file: string, options: ReadOptions = {}): AsyncGenerator<RawRow> {
  const lang = options.lang ?? "vi";
  const size = (await stat(file)).size;
  const { encoding, bom } = await detectCsvEncoding(file, options.encoding ?? "auto", lang);
  const onBytes = options.onBytes ? (n: number) => options.onBytes!(n, size) : undefined;
  const source = encoding === "utf-8" ? utf8Text(file, bom, lang, onBytes) : decodedText(file, encoding, bom, lang, onBytes);
  // read ahead enough to see the first rows, then replay
  const head: string[] = [];
  let headLength = 0;
  let next = await source.next();
  while (!next.done) {
    head.push(next.value);
    headLength += next.value.length;
    if (headLength >= HEAD_BYTES) break;
    next = await source.next();
  }
  const delimiter = detectDelimiter(head.join(""), options.scoreHeader, options.headerRow);
  options.onLayout?.({ encoding, delimiter });
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
