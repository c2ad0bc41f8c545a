import { daysBetween } from "@lrew/contracts";
// The real holiday data (the notifier passes the same calendar); @lrew/alerts itself stays free of it.
import { readHolidayCalendar } from "../../reference/src/files.ts";
import { workingDaysBetween } from "../../reference/src/working-days.ts";
import { describe, expect, it } from "vitest";
import {
  caseAlertDecision,
  escalationsDue,
  escalationId,
  escalationRecipients,
  responsibleUnitOf,
  type EscalationRules,
  type UnclosedCase,
} from "./cases.ts";
import { parseUnionUnits } from "./routing.ts";

const UNITS = parseUnionUnits([
  { id: "LDLD-DB", name: "LĐLĐ tỉnh Điện Biên", area_code: "DB", email: "ldld@example.vn", level: "province" },
  { id: "LDLD-TG", name: "LĐLĐ huyện Tuần Giáo", area_code: "DB-TG", email: "tg@example.vn", level: "district", parent: "LDLD-DB" },
  { id: "CDX-QN", name: "Công đoàn xã Quài Nưa", area_code: "DB-TG-QN", level: "district", parent: "LDLD-TG" },
  { id: "CDX-CT", name: "Công đoàn xã Chiềng Sinh", area_code: "DB-TG-CS", email: "cs@example.vn", level: "district", parent: "CDX-QN" },
  { id: "CDCS-MAY", name: "CĐCS Công ty May", area_code: "DB-TG", email: "cdcs@example.vn", level: "grassroots", parent: "CDX-CT" },
]);

describe("responsibleUnitOf", () => {
  it("is the unit alerts are routed to: grassroots skipped, the first unit up with an address", () => {
    expect(responsibleUnitOf({ union_unit_id: "CDCS-MAY" }, UNITS, "LDLD-DB")).toBe("CDX-CT");
    expect(responsibleUnitOf({ union_unit_id: "unknown" }, UNITS, "LDLD-DB")).toBe("LDLD-DB");
  });
});

describe("caseAlertDecision", () => {
  const rise = { materialRise: 0.1 };
  it("opens a case when none is open", () => {
    expect(caseAlertDecision(undefined, { kind: "raised_high", level: "high", score: 0.6 }, rise)).toBe("opened");
  });
  it("suppresses a repeat of the same level without a material rise", () => {
    expect(caseAlertDecision({ sent_level: "high", sent_score: 0.6 }, { kind: "raised_high", level: "high", score: 0.65 }, rise)).toBe(
      "suppressed",
    );
  });
  it("sends a material rise, a higher level or a lowering as an update", () => {
    const open = { sent_level: "high", sent_score: 0.6 };
    expect(caseAlertDecision(open, { kind: "raised_high", level: "high", score: 0.7 }, rise)).toBe("update");
    expect(caseAlertDecision(open, { kind: "raised_critical", level: "critical", score: 0.61 }, rise)).toBe("update");
    expect(caseAlertDecision(open, { kind: "lowered", level: "watch", score: 0.3 }, rise)).toBe("update");
    expect(caseAlertDecision({ sent_level: "critical", sent_score: 0.9 }, { kind: "raised_high", level: "high", score: 0.62 }, rise)).toBe(
      "suppressed",
    );
  });
});

describe("escalationsDue", () => {
  const cal = readHolidayCalendar();
  const rules: EscalationRules = {
    ackWorkingDays: 3,
    criticalNoActionDays: 7,
    workingDaysBetween: (a, b) => workingDaysBetween(a, b, cal),
    daysBetween,
  };
  const open: UnclosedCase = {
    case_id: "c1",
    enterprise_id: "5600123456",
    owner_unit_id: "LDLD-TG",
    opened_on: "2026-11-23",
    acknowledged_on: null,
    critical_since: null,
    last_action_on: null,
  };

  it("escalates a case not acknowledged after 3 whole working days, not before", () => {
    expect(escalationsDue(open, "2026-11-26", rules)).toEqual([]); // Thu: Tue, Wed passed
    expect(escalationsDue(open, "2026-11-27", rules)).toEqual(["not_acknowledged"]); // Fri: Tue, Wed, Thu passed
  });

  it("counts no weekend and no Tết day", () => {
    const beforeTet = { ...open, opened_on: "2026-02-13" }; // Friday before Tết Bính Ngọ
    expect(escalationsDue(beforeTet, "2026-02-25", rules)).toEqual([]);
    expect(escalationsDue(beforeTet, "2026-02-26", rules)).toEqual(["not_acknowledged"]);
  });

  it("does not escalate an acknowledged case for acknowledgement", () => {
    expect(escalationsDue({ ...open, acknowledged_on: "2026-11-24", last_action_on: "2026-11-24" }, "2026-12-30", rules)).toEqual([]);
  });

  it("escalates a critical case with no action since it became critical, after 7 days", () => {
    const critical = { ...open, acknowledged_on: "2026-11-24", last_action_on: "2026-11-24", critical_since: "2026-11-25" };
    expect(escalationsDue(critical, "2026-12-01", rules)).toEqual([]);
    expect(escalationsDue(critical, "2026-12-02", rules)).toEqual(["critical_without_action"]);
    expect(escalationsDue({ ...critical, acknowledged_on: null, last_action_on: null }, "2026-12-02", rules)).toEqual([
      "not_acknowledged",
      "critical_without_action",
    ]);
    expect(escalationsDue({ ...critical, last_action_on: "2026-11-30" }, "2026-12-20", rules)).toEqual([]);
  });

  it("logs each case and reason under one id", () => {
    expect(escalationId("c1", "not_acknowledged")).toBe("escalation:c1:not_acknowledged");
  });
});

describe("escalationRecipients", () => {
  it("is the next unit up with an address, and the federation", () => {
    expect(escalationRecipients("CDX-CT", UNITS, "LDLD-DB").map((u) => u.id)).toEqual(["LDLD-TG", "LDLD-DB"]);
    expect(escalationRecipients("LDLD-TG", UNITS, "LDLD-DB").map((u) => u.id)).toEqual(["LDLD-DB"]);
    expect(escalationRecipients("LDLD-DB", UNITS, "LDLD-DB")).toEqual([]);
  });
});
