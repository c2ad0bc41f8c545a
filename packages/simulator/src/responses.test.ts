import { createHash } from "node:crypto";
import { validateRecord } from "@lrew/contracts";
import { describe, expect, it } from "vitest";
import { worldEvents } from "./generate.ts";
import { planResponses } from "./responses.ts";
import { Rng } from "./rng.ts";
import { dateMs } from "./time.ts";

const episode = { enterprise_id: "5600123456", unit_id: "LDLD-TG", startMs: dateMs("2026-03-01") };

describe("planResponses", () => {
  const plans = Array.from({ length: 2000 }, (_, i) => planResponses(new Rng(11, i), episode));

  it("is the same for the same stream", () => {
    expect(planResponses(new Rng(11, 5), episode)).toEqual(plans[5]);
  });

  it("leaves some episodes unacknowledged, acknowledges some late, works and closes some", () => {
    const share = (f: (p: (typeof plans)[number]) => boolean) => plans.filter(f).length / plans.length;
    const ackDay = (p: (typeof plans)[number]) => (p[0]!.atMs - episode.startMs) / 86_400_000;
    expect(share((p) => p.length === 0)).toBeGreaterThan(0.2);
    expect(share((p) => p.length === 0)).toBeLessThan(0.4);
    expect(share((p) => p.length > 0 && ackDay(p) > 5)).toBeGreaterThan(0.05); // late: past three working days
    expect(share((p) => p.length > 1)).toBeGreaterThan(0.4);
    expect(
      share((p) =>
        p.some((a) => ["resolved_paid", "workers_returned", "referred_to_authorities", "closed_no_concern"].includes(a.event.action)),
      ),
    ).toBeGreaterThan(0.15);
  });

  it("produces valid case actions in order, acknowledgement first", () => {
    for (const p of plans) {
      for (const [i, a] of p.entries()) {
        expect(validateRecord("case-actions", a.event).ok).toBe(true);
        if (i > 0) expect(a.atMs).toBeGreaterThanOrEqual(p[i - 1]!.atMs);
      }
      if (p.length > 0) expect(p[0]!.event.action).toBe("acknowledged");
    }
  });
});

describe("responses in the world", () => {
  it("are produced without changing any other event of a seed", () => {
    // The fingerprint of every other event of this world: responses draw from a stream of their own,
    // so removing them leaves it as it is (pinned again when received_at, the investor country and
    // union fees landed with them). Without the half-yearly labour-use reports, which came later from
    // a stream of their own (oracle.test.ts pins the seeds with them).
    const h = createHash("sha256");
    let responses = 0;
    const world = { seed: 7, enterprises: 200, days: 365, start: "2026-01-01", registry: { labourUseReportProbability: 0 } };
    for (const e of worldEvents(world)) {
      if (e.stream === "case-actions") {
        responses++;
        expect(validateRecord("case-actions", e.event).ok).toBe(true);
        continue;
      }
      h.update(`${e.stream}|${e.json}|${e.deliverAtMs}|${e.duplicate}\n`);
    }
    expect(responses).toBeGreaterThan(10);
    expect(h.digest("hex")).toBe("cee395d20b531b71e6b233cf1638bf4a6616e26b70922f8f17a247b16400e07d");
  });
});
