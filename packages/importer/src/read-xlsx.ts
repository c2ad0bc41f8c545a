// Streaming XLSX reader (exceljs' WorkbookReader): one sheet, row by row, without loading the
// workbook into memory. Date cells arrive as Date objects whose UTC fields are the wall-clock time
// Excel shows (Excel has no time zones); values.ts gives them the import's offset.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import ExcelJS from "exceljs";
import { BadInputError } from "@lrew/errors";
import { msg, text } from "./messages.ts";
import type { RawRow, ReadOptions } from "./read-csv.ts";
import { excelSerialToDate, type Cell } from "./values.ts";
import { copyInReadingOrder, readingPlan } from "./workbook-order.ts";
import { checkZip, ZipDamage, ZipIncomplete, type ZipContents } from "./zip-check.ts";

export interface XlsxOptions extends ReadOptions {
  /** Sheet name, or 1-based position in the workbook; default the first sheet. */
  sheet?: string | number;
}

interface WorkbookModel {
  model?: { sheets?: Array<{ name: string; id: number }> };
}

/** Is an Excel number format a date or time format? (Quoted text and [colours] are not format codes.) */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const codes = numFmt
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/[\\_*]./g, "");
  return /[dmyhs]/i.test(codes) && !/^general$/i.test(codes.trim());
}

/** The value of one exceljs cell as a plain Cell. */
export function cellValue(cell: { value: unknown; numFmt?: string }): Cell {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "number") return v;
  if (typeof v === "object") {
    const o = v as {
      richText?: Array<{ text?: string }>;
      text?: unknown;
      result?: unknown;
      error?: string;
      formula?: string;
      sharedFormula?: string;
    };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? "").join("");
    if (o.error !== undefined) return String(o.error);
    if ("formula" in o || "sharedFormula" in o) {
      const r = o.result;
      if (r === undefined || r === null) return null;
      if (typeof r === "number" && isDateFormat(cell.numFmt)) return excelSerialToDate(r);
      if (typeof r === "object" && r !== null && "error" in r) return String((r as { error: unknown }).error);
      return r as Cell;
    }
    if (o.text !== undefined) return typeof o.text === "string" ? o.text : cellValue({ value: o.text });
  }
  return String(v);
}

/** Reads one sheet of an XLSX workbook row by row; `rowNumber` is the Excel row number. */
export async function* readXlsx(file: string, options: XlsxOptions = {}): AsyncGenerator<RawRow> {
  const lang = options.lang ?? "vi";
  const size = (await stat(file)).size;
  let zip: ZipContents | undefined;
  try {
    zip = await checkZip(file, size);
  } catch (err) {
    if (err instanceof ZipIncomplete) {
      throw new BadInputError(
        text(
          msg(
            `${file}: không phải tệp XLSX hoàn chỉnh (tệp bị cắt ngắn hoặc không phải bảng tính Excel)`,
            `${file}: not a complete XLSX file (cut short, or not an Excel workbook)`,
          ),
          lang,
        ),
        { cause: err },
      );
    }
    if (!(err instanceof ZipDamage)) throw err;
    const part = err.entry === undefined ? msg("", "") : msg(` ở phần ${JSON.stringify(err.entry)}`, ` in ${JSON.stringify(err.entry)}`);
    throw new BadInputError(
      text(
        msg(
          `${file}: tệp XLSX bị hỏng${part.vi} (${err.reason.vi}); hãy mở tệp bằng Excel và lưu lại, hoặc xuất lại từ phần mềm gốc`,
          `${file}: the XLSX file is damaged${part.en} (${err.reason.en}); open it in Excel and save it again, or export it again from the source system`,
        ),
        lang,
      ),
      { cause: err },
    );
  }
  // A workbook whose parts exceljs cannot stream in their order is read from a reordered copy.
  const plan = zip && readingPlan(zip.entries);
  const copy = zip && plan ? await copyInReadingOrder(file, zip, plan) : undefined;
  const source = copy?.file ?? file;
  const total = copy?.size ?? size;
  const input = createReadStream(source);
  let bytes = 0;
  if (options.onBytes) {
    const onBytes = options.onBytes;
    input.on("data", (chunk) => {
      bytes += chunk.length;
      onBytes(bytes, total);
    });
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache", // needed to tell date cells from numbers
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const sheet of reader) {
      const ws = sheet as unknown as { name?: string; id?: number } & AsyncIterable<ExcelJS.Row>;
      const sheets = (reader as unknown as WorkbookModel).model?.sheets ?? [];
      const name = ws.name ?? "";
      seen.push(name);
      const wanted = options.sheet;
      const match =
        wanted === undefined
          ? sheets.length === 0 || sheets[0]!.name === name
          : typeof wanted === "number"
            ? sheets[wanted - 1]?.name === name
            : wanted.trim().normalize("NFC") === name.trim().normalize("NFC");
      if (!match) continue;
      found = true;
      for await (const row of ws) {
        const values: Cell[] = [];
        const count = row.cellCount;
        for (let c = 1; c <= count; c++) values.push(cellValue(row.getCell(c) as unknown as { value: unknown; numFmt?: string }));
        yield { rowNumber: row.number, values };
      }
      break;
    }
  } catch (err) {
    if (err instanceof BadInputError) throw err;
    throw new BadInputError(
      text(
        msg(`${file}: không đọc được tệp XLSX: ${(err as Error).message}`, `${file}: cannot read the XLSX file: ${(err as Error).message}`),
        lang,
      ),
      {
        cause: err,
      },
    );
  } finally {
    input.destroy();
    await copy?.remove();
  }
  if (!found) {
    const names = ((reader as unknown as WorkbookModel).model?.sheets ?? []).map((s) => JSON.stringify(s.name));
    const list = (names.length > 0 ? names : seen.map((s) => JSON.stringify(s))).join(", ");
    throw new BadInputError(
      text(
        msg(
          `${file}: không có trang tính ${JSON.stringify(options.sheet)}; các trang: ${list}`,
          `${file}: no sheet ${JSON.stringify(options.sheet)}; sheets: ${list}`,
        ),
        lang,
      ),
    );
  }
}
