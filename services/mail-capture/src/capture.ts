// A local mail catcher: an SMTP server on loopback that keeps every message it receives as an .eml
// file, and a small web page listing them, so people trying lrew see what district unions would
// receive without any e-mail leaving the machine.
import { mkdirSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIP, type AddressInfo } from "node:net";
import { join } from "node:path";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { createLogger } from "@lrew/telemetry";
import {
  PAGE_HEADERS,
  isMessageId,
  messageFileName,
  newestFirst,
  receivedAtOf,
  renderIndexPage,
  renderMessagePage,
  type CapturedMessage,
  type CapturedSummary,
} from "./pages.ts";

export interface MailCaptureOptions {
  /** Loopback address to listen on (default 127.0.0.1); other addresses are refused. */
  host?: string;
  /** 0 = any free port. Default 2525. */
  smtpPort?: number;
  /** 0 = any free port. Default 8025. */
  httpPort?: number;
  /** Where the .eml files go. */
  dir: string;
  /** Largest accepted message (default 25 MB). */
  maxMessageBytes?: number;
}

export interface MailCapture {
  host: string;
  smtpPort: number;
  httpPort: number;
  /** The web page, e.g. http://127.0.0.1:8025 */
  url: string;
  dir: string;
  /** Every captured message, newest first, parsed. */
  messages(): Promise<CapturedMessage[]>;
  close(): Promise<void>;
}

const log = createLogger("mail-capture");

/** Header prepended to each stored message: the SMTP envelope's recipients (Bcc included). */
export const ENVELOPE_TO_HEADER = "X-Lrew-Envelope-To";

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^::ffff:/, "");
  return a === "::1" || (isIP(a) === 4 && a.startsWith("127."));
}

function addressText(a: AddressObject | AddressObject[] | undefined): string {
  if (!a) return "";
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(", ");
}

function headerValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object" && "text" in (v as Record<string, unknown>)) return String((v as { text: unknown }).text);
  if (typeof v === "object" && "value" in (v as Record<string, unknown>)) return String((v as { value: unknown }).value);
  return JSON.stringify(v);
}

function toCaptured(id: string, raw: Buffer, parsed: ParsedMail): CapturedMessage {
  const envelope = parsed.headers.get(ENVELOPE_TO_HEADER.toLowerCase());
  return {
    id,
    receivedAt: receivedAtOf(id),
    date: parsed.date ? parsed.date.toISOString() : null,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    envelopeTo:
      typeof envelope === "string"
        ? envelope
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    subject: parsed.subject ?? "",
    messageId: parsed.messageId ?? null,
    hasHtml: typeof parsed.html === "string",
    size: raw.length,
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
    headers: parsed.headerLines.map((h) => ({ name: h.key, value: headerValue(parsed.headers.get(h.key)) })),
  };
}

export function summaryOf(m: CapturedMessage): CapturedSummary {
  const { text: _t, html: _h, headers: _hd, ...summary } = m;
  return summary;
}

export async function startMailCapture(o: MailCaptureOptions): Promise<MailCapture> {
  const host = o.host ?? "127.0.0.1";
  if (!isLoopback(host)) throw new Error(`mail capture listens on loopback only, not ${host}`);
  const dir = o.dir;
  mkdirSync(dir, { recursive: true });
  const cache = new Map<string, CapturedMessage>();

  async function load(id: string): Promise<CapturedMessage | undefined> {
    const hit = cache.get(id);
    if (hit) return hit;
    let raw: Buffer;
    try {
      raw = await readFile(join(dir, `${id}.eml`));
    } catch {
      return undefined;
    }
    const m = toCaptured(id, raw, await simpleParser(raw));
    cache.set(id, m);
    return m;
  }

  async function messages(): Promise<CapturedMessage[]> {
    const ids = newestFirst(await readdir(dir));
    const out: CapturedMessage[] = [];
    for (const id of ids) {
      const m = await load(id);
      if (m) out.push(m);
    }
    return out;
  }

  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    // Any credentials are fine: the notifier may be configured with a user and password.
    allowInsecureAuth: true,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username ?? "anonymous" }),
    size: o.maxMessageBytes ?? 25 * 1024 * 1024,
    logger: false,
    banner: "lrew mail capture (local, nothing is delivered)",
    onConnect: (session, cb) => {
      if (!isLoopback(session.remoteAddress)) return cb(new Error("only loopback clients"));
      cb();
    },
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", (err) => cb(err));
      stream.on("end", () => {
        const name = messageFileName(new Date(), session.id);
        const rcpt = session.envelope.rcptTo.map((r) => r.address.replace(/[\r\n,]/g, "")).join(", ");
        const head = Buffer.from(`${ENVELOPE_TO_HEADER}: ${rcpt}\r\n`, "utf8");
        writeFile(join(dir, name), Buffer.concat([head, ...chunks])).then(
          () => {
            log.info({ file: name, to: rcpt }, "message captured");
            cb();
          },
          (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
        );
      });
    },
  });
  smtp.on("error", (err) => log.warn({ err }, "smtp server error"));
  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(o.smtpPort ?? 2525, host, () => {
      smtp.server.off("error", reject);
      resolve();
    });
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const http: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.warn({ err }, "mail capture page failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("error");
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) {
      res.writeHead(403).end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    if (path === "/") {
      res.writeHead(200, PAGE_HEADERS).end(renderIndexPage((await messages()).map(summaryOf)));
      return;
    }
    if (path === "/api/messages") {
      json(res, 200, (await messages()).map(summaryOf));
      return;
    }
    const api = /^\/api\/messages\/([^/]+)$/.exec(path);
    const view = /^\/messages\/([^/]+?)(\.eml)?$/.exec(path);
    const id = api?.[1] ?? view?.[1];
    if (id === undefined || !isMessageId(id)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    if (view?.[2]) {
      try {
        const raw = await readFile(join(dir, `${id}.eml`));
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" }).end(raw);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    const m = await load(id);
    if (!m) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    if (api) json(res, 200, m);
    else res.writeHead(200, PAGE_HEADERS).end(renderMessagePage(m));
  }

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(o.httpPort ?? 8025, host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const httpPort = (http.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${httpPort}`;
  log.info({ smtp: `${host}:${smtpPort}`, url, dir }, "mail capture listening");

  return {
    host,
    smtpPort,
    httpPort,
    url,
    dir,
    messages,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { "content-type": "application/json; charset=utf-8", "x-content-type-options": "nosniff" })
    .end(JSON.stringify(body));
}
