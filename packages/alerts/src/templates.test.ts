import { describe, expect, it } from "vitest";
import { alertSchema, alertsFor, type Alert } from "./alert.ts";
import { escapeHtml, headerValue, renderAlertEmail, renderDigestEmail } from "./templates.ts";
import { ENTERPRISE_ID, OPTIONS, VALUES, levelChange } from "./test-fixtures.ts";

const alertFor = (name: string, over: Parameters<typeof levelChange>[0] = {}, values = VALUES): Alert =>
  alertsFor([levelChange(over, values)], [], {
    ...OPTIONS,
    enterprises: new Map([[ENTERPRISE_ID, { name, union_unit_id: "LDLD-DB-DBP" }]]),
  })[0]!;

const NAME = "Công ty TNHH May mặc Điện Biên Phủ";
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
const CTRL = /[\r\n\u0000-\u001f\u007f]/;

describe("renderAlertEmail", () => {
  it("carries the case: the acknowledgement link (escaped in HTML) and the update mark", () => {
    const url = "https://lrew.example.vn/cases/ack?t=abc.def&x=<1>";
    const e = renderAlertEmail(alertFor(NAME), "vi", { update: true, ack: { url, until: "2026-12-08" } });
    expect(e.subject.startsWith("Cập nhật hồ sơ đang mở: [lrew] Nguy cơ CAO")).toBe(true);
    expect(e.text).toContain("Xác nhận đã tiếp nhận cảnh báo (không cần mật khẩu, liên kết dùng đến 08/12/2026):");
    expect(e.text).toContain(url);
    expect(e.html).toContain("https://lrew.example.vn/cases/ack?t=abc.def&amp;x=&lt;1&gt;");
    expect(e.html).not.toContain("<1>");
    const en = renderAlertEmail(alertFor(NAME), "en", { update: false, ack: { url, until: "2026-12-08" } });
    expect(en.subject.startsWith("[lrew]")).toBe(true);
    expect(en.text).toContain("Acknowledge this alert (no password needed; the link works until 08/12/2026):");
  });

  it("writes the subject and body in Vietnamese with diacritics intact", () => {
    const e = renderAlertEmail(alertFor(NAME), "vi");
    expect(e.subject).toBe("[lrew] Nguy cơ CAO: Công ty TNHH May mặc Điện Biên Phủ (Thành phố Điện Biên Phủ) — 24/11/2026");
    expect(e.subject).toBe(e.subject.normalize("NFC"));
    expect(e.text).toContain("Nguy cơ CAO: Công ty TNHH May mặc Điện Biên Phủ");
    expect(e.text).toContain("  1. Nợ BHXH 4 tháng liên tiếp (khoảng 1,8 lần mức đóng hằng tháng)");
    expect(e.text).toContain("Ngày đánh giá: 24/11/2026");
    expect(e.text).toContain("Điểm rủi ro: 62,0%");
    expect(e.text).toContain("  - Nợ lương: 414.000.000 ₫");
    expect(e.text).toContain("Đây là cảnh báo đầu tiên cho doanh nghiệp này.");
    expect(e.text).toContain("Xem chi tiết: https://lrew.example.vn/enterprises/5600123456");
    expect(e.html).toContain('<html lang="vi">');
    expect(e.html).toContain("Nợ BHXH 4 tháng liên tiếp (khoảng 1,8 lần mức đóng hằng tháng)");
    expect(e.html).toContain('<a href="https://lrew.example.vn/enterprises/5600123456">Xem chi tiết</a>');
  });

  it("states structure as context, never as a numbered reason; a material rise has its own headline", () => {
    const e = renderAlertEmail(alertFor(NAME), "vi");
    expect(e.text).toContain("Bối cảnh: Một doanh nghiệp may mặc vừa (200 lao động); đang vào mùa Tết");
    const numbered = e.text.split("\n").filter((l) => /^ {2}\d\. /.test(l));
    expect(numbered).toHaveLength(3);
    for (const l of numbered) expect(l).not.toMatch(/Quy mô|lao động\b.*\d+$|Doanh nghiệp tư nhân|Ngành/);
    expect(e.html).toContain("<strong>Bối cảnh:</strong> Một doanh nghiệp may mặc vừa (200 lao động)");
    const risen = alertFor(NAME, { kind: "risen", from: "high" });
    expect(renderAlertEmail(risen, "vi").subject).toMatch(/^\[lrew\] Nguy cơ CAO, đang tăng: /);
    expect(renderAlertEmail(risen, "en").subject).toMatch(/^\[lrew\] HIGH risk, rising: /);
    expect(renderAlertEmail(alertFor(NAME), "en").text).toContain("Context: A medium-sized garment plant (200 workers)");
  });

  it("renders a critical alert and English when chosen", () => {
    const a = alertFor(NAME, { from: "high", to: "critical", score: 0.91 });
    expect(renderAlertEmail(a, "vi").subject).toMatch(/^\[lrew\] Nguy cơ RẤT CAO: /);
    const en = renderAlertEmail(a, "en");
    expect(en.subject).toBe("[lrew] CRITICAL risk: Công ty TNHH May mặc Điện Biên Phủ (Thành phố Điện Biên Phủ) — 24/11/2026");
    expect(en.text).toContain("  1. 4 consecutive months of social-insurance arrears (about 1.8× the monthly contribution)");
    expect(en.text).toContain("  - Wage arrears: 414,000,000 VND");
    expect(en.text).toContain("Risk score: 91.0%");
    expect(en.html).toContain('<html lang="en">');
    expect(en.headers["Content-Language"]).toBe("en");
  });

  it("neutralises a header injection attempt in the enterprise name", () => {
    const e = renderAlertEmail(alertFor("ACME\r\nBcc: evil@example.com"), "vi");
    expect(e.subject).not.toMatch(CTRL);
    expect(e.subject).toBe("[lrew] Nguy cơ CAO: ACME Bcc: evil@example.com (Thành phố Điện Biên Phủ) — 24/11/2026");
    for (const v of Object.values(e.headers)) expect(v).not.toMatch(CTRL);
    // The text part has no line that starts a header either.
    expect(e.text.split("\n").some((l) => l.startsWith("Bcc:"))).toBe(false);
    expect(headerValue("a\u2028b\u0000c\u202ed")).toBe("a b c d");
  });

  it("escapes every interpolated value in HTML", () => {
    const e = renderAlertEmail(alertFor('<script>alert("x")</script> & Co'), "vi");
    expect(e.html).not.toContain("<script>");
    expect(e.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe("&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
    // A URL with & in it is escaped in the href.
    const a = { ...alertFor(NAME), dashboard_url: "https://lrew.example.vn/e?id=1&x=<2>" };
    expect(renderAlertEmail(a, "vi").html).toContain('href="https://lrew.example.vn/e?id=1&amp;x=%3C2%3E"');
  });

  it("derives the Message-ID from the alert id and threads on the previous alert", () => {
    const first = alertFor(NAME);
    const e = renderAlertEmail(first, "vi");
    expect(e.headers["Message-ID"]).toBe(`<${first.alert_id}@lrew.invalid>`);
    expect(e.headers["In-Reply-To"]).toBeUndefined();
    const [second] = alertsFor([levelChange({ from: "high", to: "critical", score: 0.9 })], [first], OPTIONS);
    const e2 = renderAlertEmail(second!, "vi");
    expect(e2.headers["In-Reply-To"]).toBe(`<${first.alert_id}@lrew.invalid>`);
    expect(e2.text).toContain("Thay đổi từ lần cảnh báo trước (24/11/2026, mức CAO, điểm 62,0%):");
  });

  it("never shows a small grievance count", () => {
    const a = alertFor(NAME, {}, { ...VALUES, grievance_rate_30d: 1, grievance_unresolved_30d: 2 }); // 2 grievances in 30 days
    const vi = renderAlertEmail(a, "vi");
    expect(vi.text).toContain("  - Khiếu nại trong 30 ngày: dưới 3");
    expect(renderAlertEmail(a, "en").text).toContain("  - Grievances in 30 days: fewer than 3");
    expect(vi.html).toContain("dưới 3");
  });

  it("shows what changed since the last alert with suppressed values", () => {
    const a = alertSchema.parse({
      ...alertFor(NAME),
      previous_alert: { level: "high", score: 0.55, as_of: "2026-10-01" },
      changes: [
        {
          feature: "insurance_arrears_months",
          label_vi: "Số tháng nợ BHXH",
          label_en: "Months of insurance arrears",
          kind: "changed",
          before: 3,
          after: 4,
        },
        {
          feature: "grievance_unresolved_30d",
          label_vi: "Khiếu nại tồn đọng trên 30 ngày",
          label_en: "Grievances unresolved for over 30 days",
          kind: "gone",
          before: null,
          after: 5,
        },
      ],
    });
    const t = renderAlertEmail(a, "vi").text;
    expect(t).toContain("  - Số tháng nợ BHXH: 3 → 4");
    expect(t).toContain("  - Khiếu nại tồn đọng trên 30 ngày: dưới 3 → 5 (không còn là lý do chính)");
  });

  it("carries no free text or worker-level data: only the alert's fields", () => {
    const e = renderAlertEmail(alertFor(NAME), "vi");
    expect(e.text).not.toMatch(/complainant|summary|@/);
  });
});

describe("renderDigestEmail", () => {
  const unit = { id: "LDLD-DB-DBP", name: "Liên đoàn Lao động thành phố Điện Biên Phủ" };
  it("lists the day's alerts, most severe first, and the enterprises still flagged", () => {
    const high = alertFor(NAME);
    const crit = alertFor("Công ty Cổ phần Gỗ Mường Ảng", { enterprise_id: "5600222222", from: "high", to: "critical", score: 0.93 });
    const e = renderDigestEmail(unit, [high, crit], "vi", "2026-11-24", [
      {
        enterprise_id: "5600333333",
        enterprise_name: "HTX Nông nghiệp Tuần Giáo",
        area_code: "DB-TGIAO",
        area_name: "Huyện Tuần Giáo",
        level: "high",
        score: 0.58,
        since: "2026-10-02",
        dashboard_url: "https://lrew.example.vn/enterprises/5600333333",
      },
    ]);
    expect(e.subject).toBe("[lrew] Bản tin cảnh báo ngày 24/11/2026: 2 doanh nghiệp — Liên đoàn Lao động thành phố Điện Biên Phủ");
    expect(e.text.indexOf("RẤT CAO")).toBeLessThan(e.text.indexOf("Nguy cơ CAO"));
    expect(e.text).toContain("Doanh nghiệp vẫn ở mức nguy cơ cao (1 doanh nghiệp):");
    expect(e.text).toContain("CAO · HTX Nông nghiệp Tuần Giáo (Huyện Tuần Giáo) · Điểm rủi ro 58,0% · từ 02/10/2026");
    expect(e.headers["Message-ID"]).toMatch(/^<[0-9a-f-]{36}@lrew\.invalid>$/);
    expect(renderDigestEmail(unit, [crit, high], "vi", "2026-11-24").headers["Message-ID"]).toBe(
      renderDigestEmail(unit, [high, crit], "vi", "2026-11-24").headers["Message-ID"],
    );
  });

  it("escapes and strips in digests too, and speaks English when chosen", () => {
    const e = renderDigestEmail({ id: "U", name: "Unit\r\nBcc: x@y.z <b>" }, [alertFor("<img src=x onerror=1>")], "en", "2026-11-24");
    expect(e.subject).not.toMatch(CTRL);
    expect(e.subject).toMatch(/^\[lrew\] Alert digest for 24\/11\/2026: 1 enterprise — Unit Bcc: x@y.z <b>$/);
    expect(e.html).not.toContain("<img");
    expect(e.html).not.toContain("<b>");
    const empty = renderDigestEmail({ id: "U", name: "Đơn vị" }, [], "vi", "2026-11-24");
    expect(empty.text).toContain("Không có cảnh báo mới.");
  });
});
