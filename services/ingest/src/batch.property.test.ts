// Property-based tests (fast-check) of what ingest does with a body: any text parses into items
// without throwing, every item ends up either as an event or as a rejection with its index, and
// every published event (anonymised, masked, NFC-normalised) is still valid against its contract,
// so the sink never refuses what ingest acknowledged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STREAM_NAMES, validateRecord } from "@lrew/contracts";
import { parseBody } from "./body.ts";
import { prepareBatch } from "./batch.ts";
import { grievance, HMAC_KEY } from "./test-fixtures.ts";

// Property runs are CPU-bound and the machines are shared: the timeout is a ceiling against hangs, not a measure.
const PROPERTY_TIMEOUT_MS = 120_000;

const contact = fc.constantFrom(" 0912 345 678 ", " a@b.vn ", " 001234567890 ", " +84 912 345 678 ", " Đ ");
/** Grievances near the limits: summaries of up to 4000 characters full of contacts that masking lengthens. */
const grievanceRecord = fc
  .tuple(fc.array(contact, { maxLength: 800 }), fc.constantFrom("NFC", "NFD") as fc.Arbitrary<"NFC" | "NFD">, fc.string({ maxLength: 200 }))
  .map(([parts, form, ref]) => {
    const summary = `Công nhân phản ánh${parts.join("")}`.normalize(form).slice(0, 4000);
    return grievance({ summary, complainant_ref: ref.trim() ? ref : "ref" });
  });

describe("ingest body handling under fast-check", () => {
  it(
    "any body text: records read without throwing, each one an event or a rejection by index",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...STREAM_NAMES),
          fc.oneof(
            fc.string({ maxLength: 400 }),
            fc.array(fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 40 })), { maxLength: 8 }).map((ls) => ls.join("\n")),
            fc.integer({ min: 1, max: 20_000 }).map((d) => `${"[".repeat(d)}${"]".repeat(d)}`),
            fc.integer({ min: 1, max: 20_000 }).map((d) => `${'{"a":'.repeat(d)}1${"}".repeat(d)}`),
          ),
          fc.constantFrom("application/json", "application/x-ndjson"),
          (stream, body, type) => {
            const parsed = parseBody(body, type);
            if (!parsed.ok) return;
            const batch = prepareBatch(stream, parsed.records, {
              lang: "en",
              deadLetterLang: "vi",
              hmacKey: HMAC_KEY,
              topicPrefix: "lrew",
            });
            expect(batch.events.length + batch.rejectedTotal).toBe(parsed.records.length);
            expect(batch.rejected).toHaveLength(batch.rejectedTotal);
            expect(batch.deadLetters).toHaveLength(batch.rejectedTotal);
            for (const r of batch.rejected) expect(r.errors.length).toBeGreaterThan(0);
            for (const e of batch.events) expect(validateRecord(stream, JSON.parse(String(e.value))).ok).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "an accepted grievance is still valid after anonymisation and masking, whatever its summary holds",
    () => {
      fc.assert(
        fc.property(grievanceRecord, (record) => {
          const batch = prepareBatch("grievances", [{ index: 0, value: record }], {
            lang: "en",
            deadLetterLang: "en",
            hmacKey: HMAC_KEY,
            topicPrefix: "lrew",
          });
          if (batch.events.length === 0) return; // refused (e.g. a blank reference): named, not published
          const published = JSON.parse(String(batch.events[0]!.value)) as Record<string, unknown>;
          const v = validateRecord("grievances", published);
          expect(v.ok ? [] : v.errors).toEqual([]);
          expect(published.complainant_ref).toMatch(/^h1:[0-9a-f]{64}$/);
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
