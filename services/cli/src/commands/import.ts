// `./lrew import <stream> <file>`: CSV or XLSX as agencies send them, through the same validation
// and ingest path as every provider (the ingest API), with a rejected-rows report beside the file.
import { statSync } from "node:fs";
import { resolveSecrets } from "@lrew/config";
import { STREAM_NAMES, isStreamName } from "@lrew/contracts";
import { ENCODING_LABELS, ENCODINGS, importFile, parseEncoding } from "@lrew/importer";
import { IngestClient } from "@lrew/ingest-client";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";
import { progressBar } from "../progress.ts";

export interface ImportOptions {
  mapping?: string;
  url?: string;
  batchSize?: string;
  encoding?: string;
  receivedAt?: string;
}

/** The help line of `--received-at`. */
export const RECEIVED_AT_HELP = {
  vi: 'tồn đọng gửi muộn: thời điểm cơ quan đã có các bản ghi (ISO-8601 có múi giờ), hoặc "reported" (thời điểm báo cáo của từng dòng); mặc định: thời điểm lrew nhận',
  en: 'a backlog sent late: when the agency had the records (ISO-8601 with an offset), or "reported" (each row\'s own report time); default: when lrew receives them',
} as const;

/** The help line of `--encoding`. */
export const ENCODING_HELP = {
  vi: `bảng mã của tệp CSV: ${ENCODINGS.join(", ")} (mặc định: tự nhận biết)`,
  en: `the CSV file's encoding: ${ENCODINGS.join(", ")} (default: found from the file)`,
} as const;

export async function importCommand(ctx: CliContext, stream: string, file: string, o: ImportOptions): Promise<number> {
  if (!isStreamName(stream)) {
    console.error(`lrew: ${t("unknownStream", ctx.lang)}: ${STREAM_NAMES.join(", ")}`);
    return 2;
  }
  const encoding = parseEncoding(o.encoding ?? "auto");
  if (!encoding) {
    console.error(
      `lrew: --encoding: ${ctx.lang === "vi" ? "bảng mã không hỗ trợ" : "unsupported encoding"} "${o.encoding}": ${ENCODINGS.join(", ")}`,
    );
    return 2;
  }
  const client = new IngestClient({
    baseUrl: o.url ?? `http://${ctx.config.ingest.host}:${ctx.config.ingest.port}`,
    apiKey: process.env.LREW_API_KEY ?? resolveSecrets(ctx.config).apiKeys[0]!.key,
    lang: ctx.lang,
  });
  const totalKb = Math.max(1, Math.round(statSync(file).size / 1024));
  const bar = progressBar(ctx.lang, { total: totalKb, unit: "KiB", counter: ctx.lang === "vi" ? "dòng" : "rows" });
  const summary = await importFile({
    stream,
    file,
    ...(o.mapping ? { mappingFile: o.mapping } : {}),
    ...(o.batchSize ? { batchSize: Number(o.batchSize) } : {}),
    encoding,
    ...(o.receivedAt !== undefined ? { receivedAt: o.receivedAt } : {}),
    lang: ctx.lang,
    send: (records) => client.post(stream, records),
    onProgress: (p) => bar.update(Math.round(p.bytesRead / 1024), { count: p.rowsRead }),
  }).finally(() => bar.stop());
  if (summary.csv && summary.csv.encoding !== "utf-8") {
    const name = ENCODING_LABELS[summary.csv.encoding];
    console.log(
      ctx.lang === "vi"
        ? `lrew: tệp được đọc theo bảng mã ${name}${encoding === "auto" ? " (tự nhận biết)" : ""} và chuyển sang Unicode dựng sẵn (NFC)`
        : `lrew: the file was read as ${name}${encoding === "auto" ? " (found from the file)" : ""} and converted to precomposed Unicode (NFC)`,
    );
  }
  const n = (x: number) => x.toLocaleString(ctx.lang === "vi" ? "vi-VN" : "en-US");
  const line =
    ctx.lang === "vi"
      ? `đã đọc ${n(summary.read)} dòng: chấp nhận ${n(summary.accepted)}, từ chối ${n(summary.rejected)}, trùng lặp ${n(summary.duplicates)}, bỏ qua ${n(summary.skipped)}`
      : `read ${n(summary.read)} rows: accepted ${n(summary.accepted)}, rejected ${n(summary.rejected)}, duplicates ${n(summary.duplicates)}, skipped ${n(summary.skipped)}`;
  console.log(`lrew: ${line}`);
  if (summary.reportPath)
    console.log(`lrew: ${ctx.lang === "vi" ? "báo cáo các dòng bị từ chối" : "rejected-rows report"}: ${summary.reportPath}`);
  return summary.rejected > 0 ? 1 : 0;
}
