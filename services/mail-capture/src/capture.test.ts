// The catcher end to end on loopback: nodemailer → SMTP → .eml file → web page and JSON.
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCapture, type MailCapture } from "./capture.ts";

let capture: MailCapture;

beforeAll(async () => {
  capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: mkdtempSync(path.join(os.tmpdir(), "lrew-capture-")) });
});
afterAll(async () => {
  await capture?.close();
});

describe("mail capture", () => {
  it("stores what arrives and lists it decoded, newest first, escaped", async () => {
    const t = nodemailer.createTransport({ host: "127.0.0.1", port: capture.smtpPort, secure: false, auth: { user: "u", pass: "p" } });
    await t.sendMail({
      from: "a@lrew.invalid",
      to: "ldld.muongcha@example.vn",
      subject: "Cảnh báo: Công ty Đồng Tâm",
      text: "Nợ lương 3 tháng",
    });
    await new Promise((r) => setTimeout(r, 5));
    await t.sendMail({
      from: "a@lrew.invalid",
      to: "x@example.vn",
      subject: "<script>x</script>",
      text: "t",
      html: "<p onclick=alert(1)>Tuần Giáo</p>",
    });
    t.close();
    expect(readdirSync(capture.dir).filter((f) => f.endsWith(".eml"))).toHaveLength(2);

    const list = (await (await fetch(`${capture.url}/api/messages`)).json()) as Array<{
      id: string;
      subject: string;
      envelopeTo: string[];
    }>;
    expect(list.map((m) => m.subject)).toEqual(["<script>x</script>", "Cảnh báo: Công ty Đồng Tâm"]);
    expect(list[1]!.envelopeTo).toEqual(["ldld.muongcha@example.vn"]);

    const index = await fetch(`${capture.url}/`);
    expect(index.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await index.text();
    expect(html).toContain("Cảnh báo: Công ty Đồng Tâm");
    expect(html).not.toContain("<script>x");

    const page = await (await fetch(`${capture.url}/messages/${list[0]!.id}`)).text();
    expect(page).toContain(`<iframe sandbox=""`);
    expect(page).not.toContain("<p onclick");
    expect((await fetch(`${capture.url}/messages/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });
});
