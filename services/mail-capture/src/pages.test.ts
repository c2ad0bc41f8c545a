import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  isMessageId,
  messageFileName,
  newestFirst,
  receivedAtOf,
  renderIndexPage,
  renderMessagePage,
  type CapturedMessage,
} from "./pages.ts";

const msg = (over: Partial<CapturedMessage> = {}): CapturedMessage => ({
  id: "20261123T010203123Z-abc",
  receivedAt: "2026-11-23T01:02:03.123Z",
  date: null,
  from: "lrew <canh-bao@lrew.invalid>",
  to: "ldld.tuangiao@example.vn",
  envelopeTo: ["ldld.tuangiao@example.vn"],
  subject: "[lrew] Nguy cơ CAO: Công ty May Điện Biên",
  messageId: "<x@lrew.invalid>",
  hasHtml: true,
  size: 10,
  text: "Lý do: nợ BHXH 4 tháng",
  html: `<p>ok</p><script>alert(1)</script>`,
  headers: [],
  ...over,
});

describe("file names and listing", () => {
  it("names files by a sortable time and the session id, and lists newest first", () => {
    const name = messageFileName(new Date("2026-11-23T01:02:03.123Z"), "a/b..c");
    expect(name).toBe("20261123T010203123Z-abc.eml");
    expect(receivedAtOf(name.slice(0, -4))).toBe("2026-11-23T01:02:03.123Z");
    const files = ["20261123T010203123Z-a.eml", "20261124T000000000Z-b.eml", "notes.txt", "../etc.eml", "20261122T000000000Z-c.eml"];
    expect(newestFirst(files)).toEqual(["20261124T000000000Z-b", "20261123T010203123Z-a", "20261122T000000000Z-c"]);
  });
  it("accepts only its own ids (no path tricks)", () => {
    expect(isMessageId("20261123T010203123Z-abc")).toBe(true);
    expect(isMessageId("../../etc/passwd")).toBe(false);
    expect(isMessageId("20261123T010203123Z-a/b")).toBe(false);
  });
});

describe("pages", () => {
  it("escapes everything a message carries", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe("&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;");
    const page = renderIndexPage([msg({ subject: "<img src=x onerror=alert(1)> Cảnh báo" })]);
    expect(page).not.toContain("<img");
    expect(page).toContain("&#60;img src=x onerror=alert(1)&#62; Cảnh báo");
    expect(page).toContain("23/11/2026 08:02:03");
  });
  it("shows the HTML part only inside a sandboxed iframe, escaped", () => {
    const page = renderMessagePage(msg());
    expect(page).toContain(`<iframe sandbox=""`);
    expect(page).not.toContain("<script>");
    expect(page).toContain("&#60;script&#62;");
    expect(page).toContain("Lý do: nợ BHXH 4 tháng");
  });
  it("says so when nothing was captured", () => {
    expect(renderIndexPage([])).toContain("Chưa có thư nào");
  });
});
