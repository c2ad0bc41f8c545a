// The import loop: read a file row by row, convert, send in batches through the injected `send`
// (the CLI posts to the ingest API: the same validation and ingest path as every provider), and
// write the rows that were refused, with the reasons, next to the input.
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import { extname } from "node:path";
import { isIsoWithOffset, MAX_LISTED_REJECTIONS, ownTimeOf, type IngestResponse, type StreamName } from "@lrew/contracts";
import { BadInputError, FatalError } from "@lrew/errors";
import { DEFAULT_MAPPING, loadMapping, parseMapping, type Mapping, type MappingInput } from "./mapping.ts";
import { msg, text, type Lang } from "./messages.ts";
import type { Encoding } from "./encoding.ts";
import { readCsv, type CsvLayout, type RawRow } from "./read-csv.ts";
import { readXlsx } from "./read-xlsx.ts";
import { createConverter, HEADER_SEARCH_ROWS, headerIndex, headerScore, looksLikeHeader, type Converter, type RowError } from "./rows.ts";
import { isBlank } from "./values.ts";

/**
 * What the ingest API answers for a batch (its 202 body). It lists at most MAX_LISTED_REJECTIONS
 * rejected records, so batches are never larger: the report names every refused row.
 */
export type SendResult = IngestResponse;

/** Sends one batch of records; throws when nothing could be delivered (the import stops; re-running it is safe). */
export type Send = (records: unknown[]) => Promise<SendResult>;

export interface ImportProgress {
  /** Data rows read so far. */
  rowsRead: number;
  /** Bytes of the file read so far, and its size: the fraction done, for a bar with ETA. */
  bytesRead: number;
  totalBytes: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

export interface ImportOptions {
  stream: StreamName;
  file: string;
  /** A column mapping, already parsed (checked again here), or… */
  mapping?: Mapping | MappingInput;
  /** …the path of a mapping file (JSON). */
  mappingFile?: string;
  send: Send;
  /** Records per call of `send` (default and at most MAX_LISTED_REJECTIONS, 500). */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Language of the importer's own messages (the API's come in the language `send` asked for). Default vi. */
  lang?: Lang;
  /** Where the rejected-rows report goes; default `<file>.rejected.csv`. */
  reportPath?: string;
  /** Force the format instead of guessing it from the file's content and extension. */
  format?: "csv" | "xlsx";
  /** A CSV file's encoding, instead of finding it from the file's first bytes (default "auto"). */
  encoding?: Encoding | "auto";
  /**
   * received_at of the rows that have none, for a backlog: one ISO-8601 time (with offset) for the
   * whole file, or "reported" (each row's own time: reported_at, occurred_at, started_at, updated_at).
   * Default: none, and ingest stamps the time it receives them.
   */
  receivedAt?: string;
}

export interface ImportSummary {
  /** Data rows read (not counting the header, empty rows and totals rows). */
  read: number;
  /** Rows the API accepted. */
  accepted: number;
  /** Rows refused, by the importer (unreadable values, unknown columns) or by the API (contract). */
  rejected: number;
  /** Rows that repeat an earlier row of the file (same event_id): not sent again. */
  duplicates: number;
  /** Totals rows ("Tổng cộng") read past. */
  skipped: number;
  /** The rejected-rows report, or null when no row was refused (a stale report is removed). */
  reportPath: string | null;
  /** The header row and how each column was understood, for the CLI to show. */
  headerRow: number;
  columns: Array<{ header: string; field: string | null }>;
  /** How a CSV file was read (null for XLSX): its encoding (found or given) and delimiter. */
  csv: CsvLayout | null;
}

/** csv or xlsx, from the first bytes (an XLSX is a zip) and the extension. */
async function detectFormat(file: string, lang: Lang): Promise<"csv" | "xlsx"> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (err) {
    throw new BadInputError(
      text(msg(`không mở được tệp ${file}: ${(err as Error).message}`, `cannot open ${file}: ${(err as Error).message}`), lang),
      { cause: err },
    );
  }
  const head = Buffer.alloc(8);
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return "xlsx";
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) || extname(file).toLowerCase() === ".xls") {
    throw new BadInputError(
      text(
        msg(
          `${file}: định dạng Excel cũ (.xls) chưa được hỗ trợ: mở bằng Excel và lưu dưới dạng .xlsx hoặc "CSV UTF-8"`,
          `${file}: the old Excel format (.xls) is not supported: open it in Excel and save it as .xlsx or "CSV UTF-8"`,
        ),
        lang,
      ),
    );
  }
  return "csv";
}

/** Quotes a report cell; a leading = + - @ is neutralised so Excel does not run it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The record with received_at set by the import's rule when it has none of its own (a column or a
 * mapping default wins): `rule` is a time, or "reported" for the record's own time. Pure.
 */
export function withReceivedAt(stream: StreamName, record: Record<string, unknown>, rule: string | undefined): Record<string, unknown> {
  if (rule === undefined || record.received_at !== undefined) return record;
  const at = rule === "reported" ? ownTimeOf(stream, record) : rule;
  return at === undefined ? record : { ...record, received_at: at };
}

export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const { stream, file, send } = options;
  const lang = options.lang ?? "vi";
  const batchSize = options.batchSize ?? MAX_LISTED_REJECTIONS;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_LISTED_REJECTIONS)
    throw new BadInputError(
      text(
        msg(
          `cỡ lô phải là số nguyên từ 1 đến ${MAX_LISTED_REJECTIONS} (API chỉ liệt kê chừng ấy bản ghi bị từ chối mỗi lô), nhận ${batchSize}`,
          `the batch size must be a whole number from 1 to ${MAX_LISTED_REJECTIONS} (the API lists that many rejected records per batch), got ${batchSize}`,
        ),
        lang,
      ),
    );
  const receivedAt = options.receivedAt;
  if (receivedAt !== undefined && receivedAt !== "reported" && !isIsoWithOffset(receivedAt))
    throw new BadInputError(
      text(
        msg(
          `received_at phải là "reported" hoặc một thời điểm ISO-8601 có múi giờ (ví dụ 2025-03-31T17:00:00+07:00), nhận ${JSON.stringify(receivedAt)}`,
          `received_at must be "reported" or an ISO-8601 time with an offset (e.g. 2025-03-31T17:00:00+07:00), got ${JSON.stringify(receivedAt)}`,
        ),
        lang,
      ),
    );
  const mapping: Mapping = options.mappingFile
    ? await loadMapping(options.mappingFile, stream)
    : options.mapping
      ? parseMapping(options.mapping, stream)
      : DEFAULT_MAPPING;
  const reportPath = options.reportPath ?? `${file}.rejected.csv`;
  const format = options.format ?? (await detectFormat(file, lang));

  let bytesRead = 0;
  let totalBytes = 0;
  const onBytes = (n: number, total: number) => {
    bytesRead = n;
    totalBytes = total;
  };
  const index = headerIndex(stream, mapping);
  let csv: CsvLayout | null = null;
  const rows: AsyncIterable<RawRow> =
    format === "xlsx"
      ? readXlsx(file, { lang, onBytes, ...(mapping.sheet !== undefined ? { sheet: mapping.sheet } : {}) })
      : readCsv(file, {
          lang,
          onBytes,
          encoding: options.encoding ?? "auto",
          // the delimiter is the one that makes the header row, not one guessed from a title row
          scoreHeader: (cells) => headerScore(cells, index).fields,
          ...(mapping.header_row !== undefined ? { headerRow: mapping.header_row } : {}),
          onLayout: (layout) => {
            csv = layout;
          },
        });

  let read = 0;
  let accepted = 0;
  let rejected = 0;
  let duplicates = 0;
  let skipped = 0;
  const seen = new Set<string>();
  let batch: Array<{ row: number; record: Record<string, unknown> }> = [];
  let pending: RowError[] = [];

  const tmpReport = `${reportPath}.partial`;
  let report: FileHandle | undefined;
  let reportLines = 0;

  const progress = () => options.onProgress?.({ rowsRead: read, bytesRead, totalBytes, accepted, rejected, duplicates });

  let converter: Converter | undefined;
  let headerRow = 0;
  const columnOf = (field: string): string | undefined => {
    const top = field.split(".")[0];
    return converter?.columns.find((c) => c.target === top)?.header;
  };

  async function writeErrors(errors: RowError[]): Promise<void> {
    if (errors.length === 0) return;
    errors.sort((a, b) => a.row - b.row);
    if (!report) {
      report = await open(tmpReport, "w");
      await report.write("\uFEFFrow,field,reason\r\n");
    }
    const lines = errors.map((e) => {
      const column = e.column ?? columnOf(e.field);
      const reason = column && column !== e.field ? `${column}: ${e.message}` : e.message;
      return `${e.row},${csvCell(e.field)},${csvCell(reason)}\r\n`;
    });
    reportLines += lines.length;
    await report.write(lines.join(""));
  }

  async function flush(): Promise<void> {
    const sent = batch;
    batch = [];
    if (sent.length > 0) {
      const result = await send(sent.map((b) => b.record));
      if (result.rejected_total > result.rejected.length)
        throw new FatalError(
          `the ingest API listed ${result.rejected.length} of the ${result.rejected_total} records it refused in a batch of ${sent.length}`,
        );
      accepted += result.accepted;
      for (const r of result.rejected) {
        const b = sent[r.index];
        if (!b) throw new FatalError(`the ingest API refused record ${r.index} of a batch of ${sent.length}`);
        rejected++;
        const errors = r.errors.length > 0 ? r.errors : [{ path: "", message: "rejected" }];
        for (const e of errors) pending.push({ row: b.row, field: e.path, message: e.message });
      }
    }
    const errors = pending;
    pending = [];
    await writeErrors(errors);
    progress();
  }

  async function dataRow(raw: RawRow): Promise<void> {
    if (raw.values.every((v) => isBlank(v))) return;
    const res = converter!.convert(raw.rowNumber, raw.values);
    if (res.kind === "skipped") {
      skipped++;
      return;
    }
    read++;
    if (res.kind === "rejected") {
      rejected++;
      pending.push(...res.errors);
    } else if (seen.has(res.eventId)) {
      duplicates++;
    } else {
      seen.add(res.eventId);
      batch.push({ row: res.row, record: withReceivedAt(stream, res.record, receivedAt) });
    }
    if (batch.length >= batchSize) await flush();
    else if (read % 1000 === 0) progress();
  }

  const useHeader = (raw: RawRow) => {
    converter = createConverter(stream, raw.values, mapping, lang);
    headerRow = raw.rowNumber;
  };

  let ok = false;
  try {
    const before: RawRow[] = [];
    for await (const raw of rows) {
      if (converter) {
        await dataRow(raw);
        continue;
      }
      if (mapping.header_row !== undefined) {
        if (raw.rowNumber === mapping.header_row) useHeader(raw);
        else if (raw.rowNumber > mapping.header_row)
          throw new BadInputError(
            text(msg(`${file}: không có dòng tiêu đề ${mapping.header_row}`, `${file}: no header row ${mapping.header_row}`), lang),
          );
        continue;
      }
      if (raw.values.every((v) => isBlank(v))) continue;
      if (looksLikeHeader(raw.values, index)) {
        useHeader(raw);
        continue;
      }
      before.push(raw);
      if (before.length >= HEADER_SEARCH_ROWS) {
        // no row looks like a header: take the first one, and let its errors say what was expected
        useHeader(before[0]!);
        for (const r of before.slice(1)) await dataRow(r);
      }
    }
    if (!converter) {
      if (before.length === 0) throw new BadInputError(text(msg(`${file}: tệp không có dữ liệu`, `${file}: the file has no data`), lang));
      useHeader(before[0]!);
      for (const r of before.slice(1)) await dataRow(r);
    }
    await flush();
    ok = true;
  } finally {
    const handle = report as FileHandle | undefined;
    if (handle) await handle.close();
    if (!ok) await rm(tmpReport, { force: true });
  }

  if (reportLines > 0) await rename(tmpReport, reportPath);
  else await rm(reportPath, { force: true });

  return {
    read,
    accepted,
    rejected,
    duplicates,
    skipped,
    reportPath: reportLines > 0 ? reportPath : null,
    headerRow,
    columns: converter!.columns.map((c) => ({ header: c.header, field: c.target ?? null })),
    csv,
  };
}
