// Property-based tests (fast-check) of the import parser: arbitrary cells, arbitrary CSV bytes,
// huge and negative numbers, invalid dates, NFC/NFD Vietnamese text, very long strings. It never
// throws anything but BadInputError (a file it cannot read at all); what it produces is either a
// record of contract fields or a refusal naming the field (or the unknown column); and a valid
// record written the way agencies write it (Vietnamese headers, 1.234.567 ₫, 23/11/2026) comes back
// as the same record, in every encoding Excel on a Vietnamese Windows writes, under any title rows.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  STREAM_NAMES,
  WAGE_ARREARS_SOURCES,
  WAGE_ARREARS_STATUSES,
  isIsoWithOffset,
  streamSchemas,
  validateRecord,
  type StreamName,
} from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { encodeWindows1258, excelText, HEADER } from "./fixtures/office-files.ts";
import { importFile, type Send, type SendResult } from "./import.ts";
import { createConverter, headerIndex } from "./rows.ts";
import { parseInteger, parsePeriod, parseTimestamp, type Cell } from "./values.ts";

// Property runs are CPU-bound and the machines are shared: the timeout is a ceiling against hangs, not a measure.
const PROPERTY_TIMEOUT_MS = 120_000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lrew-import-prop-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐƯƠ ";
const vietnamese = fc
  .tuple(fc.string({ unit: fc.constantFrom(...VIETNAMESE), maxLength: 30 }), fc.constantFrom("NFC" as const, "NFD" as const))
  .map(([t, f]) => t.normalize(f));

const hostileText = fc.oneof(
  vietnamese,
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "1.234.567 ₫",
    "(1.234)",
    "-5.000.000",
    "9.007.199.254.740.993",
    "1e21",
    "1,5",
    "31/02/2026",
    "29/02/2100",
    "00/13/2026",
    "25/11/26",
    "T13/2026",
    "tháng 0/2026",
    "2026-02-30T00:00:00+07:00",
    "24:00 23/11/2026",
    "__proto__",
    "constructor",
    '=HYPERLINK("x")',
    "\ud800",
    "\u0000",
    "Tổng cộng",
  ),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => "Đ".repeat(n)),
);
const hostileCell: fc.Arbitrary<Cell> = fc.oneof(
  hostileText,
  fc.constantFrom(null, true, false, 0, -0, -1, 2.5, 1e21, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, 45_000, 2_958_466),
  fc.double(),
  fc.integer(),
  fc.date({ noInvalidDate: false }),
);

function headersOf(stream: StreamName): string[] {
  // the Vietnamese alias of each field the dictionary knows, else the field name itself
  const byField = new Map<string, string>();
  for (const [alias, field] of headerIndex(stream))
    if (!byField.has(field) && [...alias].some((ch) => ch.charCodeAt(0) > 127)) byField.set(field, alias);
  return Object.keys(streamSchemas[stream].shape).map((f) => byField.get(f) ?? f);
}

describe("value parsers under fast-check", () => {
  it(
    "never throw; a number read is a safe integer; a time read is ISO-8601 with offset; a period read is YYYY-MM",
    () => {
      fc.assert(
        fc.property(hostileCell, fc.boolean(), (cell, money) => {
          const n = parseInteger(cell, { money });
          if (n.ok) expect(Number.isSafeInteger(n.value)).toBe(true);
          const t = parseTimestamp(cell);
          if (t.ok) expect(isIsoWithOffset(t.value), t.value).toBe(true);
          const p = parsePeriod(cell);
          if (p.ok) expect(p.value).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        }),
        { numRuns: 2000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it("read back every safe amount written the Vietnamese, English or accounting way", () => {
    const vi = (n: number) => n.toLocaleString("vi-VN");
    const en = (n: number) => n.toLocaleString("en-US");
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        for (const [text, want] of [
          [`${vi(n)} ₫`, n],
          [`${vi(n)} đồng`, n],
          [en(n), n],
          [String(n), n],
          [`(${vi(n)})`, -n],
          [`-${vi(n)}`, -n],
        ] as const) {
          const r = parseInteger(text, { money: true });
          expect(r, text).toEqual({ ok: true, value: want === 0 ? 0 : want });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("converter under fast-check", () => {
  it.each(STREAM_NAMES)(
    "%s: any row is a record of contract fields or a refusal naming the field or the unknown column",
    (stream) => {
      // An extra column no contract names ("Ghi chú" is the note of case actions).
      const headers = [...headersOf(stream), "Cột phụ"];
      const converter = createConverter(stream, headers);
      const fields = new Set(Object.keys(streamSchemas[stream].shape));
      fc.assert(
        fc.property(fc.array(hostileCell, { maxLength: headers.length + 2 }), (cells) => {
          const r = converter.convert(2, cells);
          if (r.kind === "record") {
            for (const k of Object.keys(r.record)) expect(fields.has(k), k).toBe(true);
            expect(r.eventId).toBe(r.record.event_id);
            const v = validateRecord(stream, r.record);
            if (!v.ok) for (const e of v.errors) expect(fields.has(e.path.split(".")[0]!), e.path).toBe(true);
          } else if (r.kind === "rejected") {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) {
              const known = fields.has(e.field.split(".")[0]!) || headers.includes(e.field) || /^[A-Z]+$/.test(e.field);
              expect(known, e.field).toBe(true);
              expect(e.message.length).toBeGreaterThan(0);
            }
          }
        }),
        { numRuns: 500 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

/** The ingest API's validation, in process: what importFile would be told. */
function fakeApi(stream: StreamName) {
  const accepted: Array<Record<string, unknown>> = [];
  const send: Send = async (records) => {
    const result: SendResult = { accepted: 0, rejected: [], rejected_total: 0 };
    records.forEach((r, index) => {
      const v = validateRecord(stream, r, "en");
      if (v.ok) {
        result.accepted++;
        accepted.push(v.event as Record<string, unknown>);
      } else {
        result.rejected.push({ index, errors: v.errors });
        result.rejected_total++;
      }
    });
    return result;
  };
  return { send, accepted };
}

let fileNo = 0;
async function writeCsv(content: string | Uint8Array): Promise<string> {
  const file = join(dir, `f${fileNo++}.csv`);
  await writeFile(file, content);
  return file;
}

describe("importFile under fast-check", () => {
  it(
    "arbitrary CSV text and bytes: completes or refuses the file with BadInputError, and counts every row once",
    async () => {
      const csvish = fc
        .array(fc.array(fc.oneof(hostileText, fc.constantFrom('"', '""', ";", ",", "\t", "\r\n", "\n", "\uFEFF")), { maxLength: 8 }), {
          maxLength: 12,
        })
        .map((rows) => [headersOf("wage-arrears").join(";"), ...rows.map((r) => r.join(";"))].join("\r\n"));
      await fc.assert(
        fc.asyncProperty(fc.oneof(csvish, fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 })), async (content) => {
          const file = await writeCsv(content);
          const api = fakeApi("wage-arrears");
          try {
            const s = await importFile({ stream: "wage-arrears", file, send: api.send, format: "csv" });
            expect(s.accepted).toBe(api.accepted.length);
            expect(s.read).toBe(s.accepted + s.rejected + s.duplicates);
          } catch (err) {
            expect(err, String(err)).toBeInstanceOf(BadInputError);
          }
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "a valid wage-arrears record written as an agency writes it is read back as the same record",
    async () => {
      const record = fc.record({
        enterprise_id: fc.stringMatching(/^\d{10}(-\d{3})?$/),
        day: fc.date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2148, 11, 31)), noInvalidDate: true }),
        period: fc.tuple(fc.integer({ min: 1970, max: 2148 }), fc.integer({ min: 1, max: 12 })),
        amount_owed_vnd: fc.maxSafeNat(),
        workers_affected: fc.integer({ min: 0, max: 1_000_000 }),
        status: fc.constantFrom(...WAGE_ARREARS_STATUSES),
        source: fc.constantFrom(...WAGE_ARREARS_SOURCES),
      });
      const pad = (n: number) => String(n).padStart(2, "0");
      await fc.assert(
        fc.asyncProperty(record, async (r) => {
          const d = r.day;
          const date = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
          const period = `T${r.period[1]}/${r.period[0]}`;
          const csv = [
            "MST;Ngày báo cáo;Kỳ lương;Số tiền nợ (đồng);Số lao động bị nợ;status;source",
            `${r.enterprise_id};${date};${period};${r.amount_owed_vnd.toLocaleString("vi-VN")} ₫;${r.workers_affected};${r.status};${r.source}`,
          ].join("\r\n");
          const api = fakeApi("wage-arrears");
          const s = await importFile({ stream: "wage-arrears", file: await writeCsv(csv), send: api.send, format: "csv" });
          expect(s.rejected).toBe(0);
          expect(api.accepted).toHaveLength(1);
          const got = api.accepted[0]!;
          expect(got).toMatchObject({
            enterprise_id: r.enterprise_id,
            period: `${r.period[0]}-${pad(r.period[1])}`,
            amount_owed_vnd: r.amount_owed_vnd,
            workers_affected: r.workers_affected,
            status: r.status,
            source: r.source,
          });
          expect(String(got.reported_at).slice(0, 10)).toBe(d.toISOString().slice(0, 10));
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "an insurance record saved by Excel on a Vietnamese Windows (Windows-1258, UTF-8 or UTF-16; title rows with commas) is read back whole",
    async () => {
      const record = fc.record({
        enterprise_id: fc.stringMatching(/^\d{10}(-\d{3})?$/),
        name: vietnamese,
        period: fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 })),
        scheme: fc.constantFrom(["BHXH", "social"], ["Bảo hiểm y tế", "health"], ["Bảo hiểm thất nghiệp".normalize("NFD"), "unemployment"]),
        due: fc.maxSafeNat(),
        paid: fc.maxSafeNat(),
        workers: fc.integer({ min: 0, max: 100_000 }),
      });
      const title = fc.array(
        fc
          .array(fc.oneof(vietnamese, fc.constantFrom("BHXH, BHYT, BHTN", "Tháng 10, 2026", ",,,")), { maxLength: 3 })
          .map((cells) => [cells.join(", ")]),
        { maxLength: 3 },
      );
      const save = fc.constantFrom(
        (t: string) => encodeWindows1258(t),
        (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, "utf8")]),
        (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]),
      );
      const pad = (n: number) => String(n).padStart(2, "0");
      await fc.assert(
        fc.asyncProperty(record, title, save, fc.boolean(), fc.constantFrom(";", "\t"), async (r, titles, encode, padded, separator) => {
          const row = [
            "1",
            r.enterprise_id,
            r.name,
            `${r.period[1]}/${r.period[0]}`,
            r.scheme[0],
            String(r.workers),
            r.due.toLocaleString("vi-VN"),
            r.paid.toLocaleString("vi-VN"),
            "10/11/2026",
          ];
          const file = await writeCsv(encode(excelText([...titles, [], HEADER, row], separator, { pad: padded })));
          const api = fakeApi("insurance-contributions");
          const s = await importFile({ stream: "insurance-contributions", file, send: api.send, format: "csv" });
          expect(s.rejected).toBe(0);
          expect(s.csv?.delimiter).toBe(separator);
          expect(api.accepted.map(({ event_id, ...rest }) => rest)).toEqual([
            {
              enterprise_id: r.enterprise_id,
              period: `${r.period[0]}-${pad(r.period[1])}`,
              scheme: r.scheme[1],
              amount_due_vnd: r.due,
              amount_paid_vnd: r.paid,
              insured_workers: r.workers,
              reported_at: "2026-11-10T00:00:00+07:00",
            },
          ]);
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
