// docs/contracts.md cannot rot: every JSON example in it is checked against the real contracts, and
// every stream's field table against the zod schema.
//
// Convention in the Markdown: each ```json block is preceded by a marker line
//   <!-- example: lrew.<stream>.v1 -->          a valid event of that stream
//   <!-- example: invalid lrew.<stream>.v1 -->  an event that must be refused
//   <!-- example: ingest-response vi|en -->     a 202 body; its errors must be exactly what
//                                               validateRecord says about the last invalid example
//   <!-- example: field-error -->               one {path, message}
//   <!-- example: api-error -->                 a non-2xx body
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  STREAM_NAMES,
  apiErrorSchema,
  fieldErrorSchema,
  ingestResponseSchema,
  streamOfTopic,
  streamSchemas,
  topicOf,
  validateRecord,
  type Lang,
  type StreamName,
} from "./index.ts";

const DOCS = fileURLToPath(new URL("../../../docs/", import.meta.url));
const MARKDOWN = readFileSync(join(DOCS, "contracts.md"), "utf8");

interface Block {
  marker: string | undefined;
  json: string;
  line: number;
}

function jsonBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== "```json") continue;
    const m = /^<!--\s*example:\s*(.+?)\s*-->$/.exec(lines[i - 1]?.trim() ?? "");
    const end = lines.findIndex((l, j) => j > i && l.trim() === "```");
    if (end < 0) throw new Error(`unclosed json block at line ${i + 1}`);
    blocks.push({ marker: m?.[1], json: lines.slice(i + 1, end).join("\n"), line: i + 1 });
    i = end;
  }
  return blocks;
}

function streamOf(topic: string): StreamName {
  const stream = streamOfTopic(topic);
  if (!stream) throw new Error(`not a stream topic: ${topic}`);
  return stream;
}

const BLOCKS = jsonBlocks(MARKDOWN);

describe("docs/contracts.md examples", () => {
  it("has JSON examples, each with a marker saying what it is", () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(8);
    for (const b of BLOCKS) expect(b.marker, `json block at line ${b.line} has no <!-- example: … --> marker`).toBeDefined();
  });

  it("every block is well-formed JSON and passes its check", () => {
    let lastInvalid: { stream: StreamName; record: unknown } | undefined;
    for (const b of BLOCKS) {
      const where = `docs/contracts.md line ${b.line} (${b.marker})`;
      let value: unknown;
      try {
        value = JSON.parse(b.json);
      } catch (e) {
        expect.fail(`${where}: not JSON: ${String(e)}`);
      }
      const marker = b.marker!;
      const invalid = /^invalid (\S+)$/.exec(marker);
      const response = /^ingest-response (vi|en)$/.exec(marker);
      if (marker.startsWith("lrew.")) {
        const r = validateRecord(streamOf(marker), value);
        expect.soft(r.ok ? [] : r.errors, where).toEqual([]);
      } else if (invalid) {
        const stream = streamOf(invalid[1]!);
        expect.soft(validateRecord(stream, value).ok, where).toBe(false);
        lastInvalid = { stream, record: value };
      } else if (response) {
        const parsed = ingestResponseSchema.safeParse(value);
        expect(parsed.success, where).toBe(true);
        expect(lastInvalid, `${where}: no invalid example before it`).toBeDefined();
        const r = validateRecord(lastInvalid!.stream, lastInvalid!.record, response[1] as Lang);
        for (const rejected of parsed.data!.rejected) expect.soft(rejected.errors, where).toEqual(r.ok ? [] : r.errors);
      } else if (marker === "field-error") {
        expect.soft(fieldErrorSchema.safeParse(value).success, where).toBe(true);
      } else if (marker === "api-error") {
        expect.soft(apiErrorSchema.safeParse(value).success, where).toBe(true);
      } else {
        expect.fail(`${where}: unknown marker`);
      }
    }
  });

  it.each(STREAM_NAMES)("has at least one valid example of %s, using every field at least once", (stream) => {
    const examples = BLOCKS.filter((b) => b.marker === topicOf(stream)).map((b) => JSON.parse(b.json) as Record<string, unknown>);
    expect(examples.length).toBeGreaterThanOrEqual(1);
    const used = new Set(examples.flatMap((e) => Object.keys(e)));
    const unused = Object.keys(streamSchemas[stream].shape).filter((k) => !used.has(k) && !(stream === "enterprises" && k === "event_id"));
    expect(unused).toEqual([]);
  });

  it("examples use +07:00 offsets, tax-code-shaped ids and Vietnamese text with diacritics", () => {
    const events = BLOCKS.filter((b) => b.marker?.startsWith("lrew.")).map((b) => JSON.parse(b.json) as Record<string, unknown>);
    expect(events.some((e) => String(e["name"]).includes("Điện Biên Phủ"))).toBe(true);
    expect(events.some((e) => /Mường Nhé/.test(String(e["summary"] ?? e["name"])))).toBe(true);
    for (const e of events) {
      expect(e["enterprise_id"]).toMatch(/^\d{10}(-\d{3})?$/);
      for (const [k, v] of Object.entries(e)) if (k.endsWith("_at")) expect(v, k).toMatch(/\+07:00$/);
    }
  });

  it("the grievance status-change example keeps grievance_id and changes event_id", () => {
    const grievances = BLOCKS.filter((b) => b.marker === topicOf("grievances")).map((b) => JSON.parse(b.json) as Record<string, unknown>);
    const ids = new Set(grievances.map((g) => g["grievance_id"]));
    const eventIds = new Set(grievances.map((g) => g["event_id"]));
    expect(grievances.length).toBeGreaterThanOrEqual(2);
    expect(ids.size).toBeLessThan(grievances.length);
    expect(eventIds.size).toBe(grievances.length);
  });
});

describe("docs/contracts.md field tables", () => {
  /** The section of a stream: from its `### … — \`topic\`` heading to the next heading of that level. */
  function section(stream: StreamName): string {
    const start = MARKDOWN.search(new RegExp(`^### .*\`${topicOf(stream).replace(/\./g, "\\.")}\`\\s*$`, "m"));
    expect(start, `no section for ${stream}`).toBeGreaterThanOrEqual(0);
    const rest = MARKDOWN.slice(start + 4);
    const next = rest.search(/^#{2,3} /m);
    return next < 0 ? rest : rest.slice(0, next);
  }

  function rows(stream: StreamName): Map<string, { required: string; text: string }> {
    const out = new Map<string, { required: string; text: string }>();
    for (const line of section(stream).split("\n")) {
      const m = /^\| `([^`]+)` \| [^|]+ \| (yes|no) \|/.exec(line);
      if (m) out.set(m[1]!, { required: m[2]!, text: line });
    }
    return out;
  }

  it.each(STREAM_NAMES)("%s: the table lists exactly the contract's fields, with the right required column", (stream) => {
    const shape = streamSchemas[stream].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    const table = rows(stream);
    expect([...table.keys()].sort()).toEqual(Object.keys(shape).sort());
    for (const [field, row] of table) {
      const required = !shape[field]!.safeParse(undefined).success;
      expect(row.required, field).toBe(required ? "yes" : "no");
    }
  });

  it.each(STREAM_NAMES)("%s: every enum value is listed in its row", (stream) => {
    const shape = streamSchemas[stream].shape as Record<string, { options?: readonly string[] }>;
    const table = rows(stream);
    for (const [field, schema] of Object.entries(shape)) {
      if (!Array.isArray(schema.options)) continue;
      for (const v of schema.options) expect(table.get(field)!.text, `${stream}.${field}`).toContain(`\`${v}\``);
    }
  });

  it("links the JSON Schema of every stream, and the files exist", () => {
    for (const stream of STREAM_NAMES) {
      const link = `schemas/${topicOf(stream)}.json`;
      expect(MARKDOWN).toContain(`(${link})`);
      expect(existsSync(join(DOCS, link)), link).toBe(true);
    }
    expect(existsSync(join(dirname(DOCS), "docs", "schemas"))).toBe(true);
  });

  it("names the dead-letter headers the kafka package writes", () => {
    for (const h of ["stream", "stage", "error", "source-topic", "source-partition", "source-offset", "failed-at"]) {
      expect(MARKDOWN).toContain(`\`lrew-dlq-${h}\``);
    }
    expect(MARKDOWN).toContain("`lrew.grievances.v1.dead-letter`");
  });
});
