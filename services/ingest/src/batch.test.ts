import { describe, expect, it } from "vitest";
import { hmacRef } from "@lrew/anonymity";
import { MAX_LISTED_REJECTIONS } from "@lrew/contracts";
import type { BodyRecord } from "./body.ts";
import { DEAD_LETTER_MAX_VALUE_CHARS, prepareBatch, prepareBatchInSlices } from "./batch.ts";
import { grievance, HMAC_KEY } from "./test-fixtures.ts";

const opts = { lang: "en" as const, deadLetterLang: "vi" as const, hmacKey: HMAC_KEY, topicPrefix: "t" };

describe("prepareBatch", () => {
  it("splits valid and rejected records, dead-letter reasons in the operators' language", () => {
    const b = prepareBatch(
      "grievances",
      [
        { index: 0, value: grievance() },
        { index: 4, value: grievance({ severity: 0 }) },
      ],
      opts,
    );
    expect(b.topic).toBe("t.grievances.v1");
    expect(b.deadLetterTopic).toBe("t.grievances.v1.dead-letter");
    expect(b.events).toHaveLength(1);
    expect(b.rejected).toEqual([{ index: 4, errors: [{ path: "severity", message: expect.any(String) }] }]);
    const reason = JSON.parse(b.deadLetters[0]!.headers!["lrew-dlq-error"]!) as Array<{ message: string }>;
    expect(reason[0]!.message).not.toBe(b.rejected[0]!.errors[0]!.message);
    expect(b.deadLetters[0]!.headers!["content-type"]).toBe("application/json");
  });

  it("never puts a clear complainant_ref, phone, ID or e-mail into any message (property)", () => {
    for (let i = 0; i < 200; i++) {
      const phone = `09${String(10_000_000 + i * 7919).slice(-8)}`;
      const cccd = `0${String(10_000_000_000 + i * 104_729).slice(-11)}`;
      const email = `cn${i}@congdoan.vn`;
      const ref = `Người khiếu nại ${i}`;
      const summary = `SĐT ${phone}, CCCD ${cccd}, ${email}`;
      const items = [
        { index: 0, value: grievance({ summary, complainant_ref: ref }) },
        { index: 1, value: grievance({ summary, complainant_ref: ref, severity: 7 }) },
        { index: 2, line: `{"complainant_ref":"${ref}","summary":"${summary}"` },
        { index: 3, value: { complainant_ref: ref, [email]: phone } },
      ];
      const b = prepareBatch("grievances", items, opts);
      const all = [...b.events, ...b.deadLetters].map((m) => `${m.key}|${m.value.toString()}|${JSON.stringify(m.headers)}`).join("\n");
      for (const secret of [phone, cccd, email, ref]) expect(all, secret).not.toContain(secret);
      expect(all).toContain(hmacRef(ref, HMAC_KEY));
    }
  });

  it("cuts an oversized dead-letter value after scrubbing it", () => {
    const huge = { note: `gọi 0912345678 ${"x".repeat(DEAD_LETTER_MAX_VALUE_CHARS)}` };
    const b = prepareBatch("incidents", [{ index: 0, value: huge }], opts);
    const value = JSON.parse(b.deadLetters[0]!.value.toString()) as { truncated: boolean; head: string };
    expect(value.truncated).toBe(true);
    expect(value.head).toContain("[số điện thoại]");
    expect(b.deadLetters[0]!.value.toString().length).toBeLessThan(DEAD_LETTER_MAX_VALUE_CHARS * 1.1);
  });
});

describe("the rejections of a large batch", () => {
  const records = (n: number): BodyRecord[] =>
    Array.from({ length: n }, (_, index) => (index % 3 === 0 ? { index, value: grievance() } : { index, line: `{"broken": ${index}` }));

  it("lists the first ones in the answer, counts them all, and sends every one to the dead letters", () => {
    const n = 3 * MAX_LISTED_REJECTIONS;
    const body = records(n);
    const b = prepareBatch("grievances", body, opts);
    expect(b.events).toHaveLength(n / 3);
    expect(b.rejectedTotal).toBe((2 * n) / 3);
    expect(b.rejected).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(b.rejected.map((r) => r.index)).toEqual(
      body
        .filter((r) => "line" in r)
        .map((r) => r.index)
        .slice(0, MAX_LISTED_REJECTIONS),
    );
    expect(b.deadLetters).toHaveLength(b.rejectedTotal);
  });

  it("is built in slices: a pause whenever a slice has worked `sliceMs` by the clock, and the same batch as at once", async () => {
    const body = records(1050);
    /** A clock that moves `step` ms each time it is read, i.e. at each record: records of that cost. */
    const clockOf = (step: number) => {
      let t = 0;
      return () => (t += step) - step;
    };
    for (const [step, every] of [
      [1, 10],
      [2, 5],
    ] as const) {
      const pauses: number[] = [];
      const sliced = await prepareBatchInSlices(
        "grievances",
        body,
        { ...opts, now: new Date(0) },
        async (done) => {
          pauses.push(done);
        },
        10,
        clockOf(step),
      );
      expect(pauses.slice(0, 3), `records of ${step} ms`).toEqual([every, 2 * every, 3 * every]);
      expect(sliced).toEqual(prepareBatch("grievances", body, { ...opts, now: new Date(0) }));
    }
  });
});
