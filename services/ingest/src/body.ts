// Pure parsing of an ingest request body into records. Two formats:
// - JSON (`application/json`): one object, or an array of objects. A body that is not JSON at all is
//   refused as a whole (400). The index of a record is its position in the array (0 for a lone object).
// - NDJSON (`application/x-ndjson`, also `application/ndjson`): one JSON value per line. A line that is
//   not JSON rejects that record only; the other lines are still taken. The index of a record is its
//   line number, counting from 0, blank lines included (they are skipped but counted), so a provider
//   can find the line in the file it sent.
// An empty body, an empty array or an NDJSON body of blank lines is an empty batch: nothing to do.
//
// parseBody only splits an NDJSON body into its lines: each line is parsed by readRecord with the
// rest of its record's work, so that a large body is handled in slices (see batch.ts).

export type BodyFormat = "json" | "ndjson";

/** Where a JSON parser stopped, for the error message. */
export interface JsonSyntaxProblem {
  /** Character offset in the body (or the line), when the parser said. */
  position?: number;
  /** 1-based line and column of `position` in the body. */
  line?: number;
  column?: number;
}

/** A record of a body before it is read: an NDJSON line, or an element of a JSON body. */
export type BodyRecord = { index: number; line: string } | { index: number; value: unknown };

/** A record once read. */
export type BodyItem =
  | { index: number; ok: true; value: unknown }
  /** `text`: the line as received, for the dead-letter topic. */
  | { index: number; ok: false; problem: JsonSyntaxProblem; text: string };

export type ParsedBody =
  | { ok: true; format: BodyFormat; records: BodyRecord[] }
  | { ok: false; reason: "invalid_json"; problem: JsonSyntaxProblem }
  | { ok: false; reason: "not_object_or_array" };

const NDJSON_TYPES = new Set(["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"]);

/** The media type without parameters, lower case: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function bodyFormat(contentType: string | undefined): BodyFormat {
  return NDJSON_TYPES.has(mediaType(contentType)) ? "ndjson" : "json";
}

export const ACCEPTED_MEDIA_TYPES = ["application/json", ...NDJSON_TYPES] as const;

function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/**
 * Where JSON.parse failed. Only the position is taken from its message: V8's messages quote the
 * input, which may be personal data, so they are never passed on.
 */
function syntaxProblem(err: unknown, text: string): JsonSyntaxProblem {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : "");
  const position = m ? Number(m[1]) : text.trim().length === 0 ? 0 : text.length;
  return { position, ...lineColumn(text, position) };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseBody(raw: string | Buffer | undefined, contentType: string | undefined): ParsedBody {
  const text = stripBom(raw === undefined ? "" : typeof raw === "string" ? raw : raw.toString("utf8"));
  const format = bodyFormat(contentType);
  if (format === "ndjson") {
    const records: BodyRecord[] = [];
    const lines = text.split("\n");
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!.replace(/\r$/, "");
      if (line.trim() !== "") records.push({ index, line });
    }
    return { ok: true, format, records };
  }
  if (text.trim() === "") return { ok: true, format, records: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: "invalid_json", problem: syntaxProblem(err, text) };
  }
  if (Array.isArray(value)) return { ok: true, format, records: value.map((v, index) => ({ index, value: v })) };
  if (value !== null && typeof value === "object") return { ok: true, format, records: [{ index: 0, value }] };
  return { ok: false, reason: "not_object_or_array" };
}

/** Reads one record: an NDJSON line is parsed here; a line that is not JSON says where it stopped. */
export function readRecord(record: BodyRecord): BodyItem {
  if (!("line" in record)) return { index: record.index, ok: true, value: record.value };
  const { index, line } = record;
  try {
    return { index, ok: true, value: JSON.parse(line) };
  } catch (err) {
    const { position } = syntaxProblem(err, line);
    return {
      index,
      ok: false,
      text: line,
      problem: { line: index + 1, ...(position !== undefined ? { position, column: position + 1 } : {}) },
    };
  }
}
