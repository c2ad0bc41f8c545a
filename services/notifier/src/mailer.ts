// The SMTP side: one nodemailer transport (pooled connection) built from the notifier settings.
// Header values come from @lrew/alerts already stripped of CR/LF; nodemailer encodes non-ASCII
// headers (RFC 2047) and bodies (quoted-printable / base64, UTF-8).
import nodemailer, { type Transporter } from "nodemailer";
import { histogram } from "@lrew/telemetry";

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Message-ID with angle brackets, derived from the alert (or digest) id. */
  messageId: string;
  /** Further headers (e.g. X-Lrew-Alert-Id); values must be single-line. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves when the SMTP server accepted the message; rejects with nodemailer's error otherwise. */
  send(email: OutgoingEmail): Promise<{ messageId: string; response: string }>;
  close(): void;
}

const smtpSeconds = histogram("lrew_notifier_smtp_seconds", "Time the SMTP server took to accept (or refuse) one e-mail", ["outcome"]);

/** Header names nodemailer sets itself from its options: never taken from the headers map. */
const RESERVED = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "subject",
  "message-id",
  "date",
  "reply-to",
  "sender",
  "content-type",
  "mime-version",
]);

/** Drops CR/LF and other control characters from a header value (defence in depth). */
export function singleLine(v: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return v.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

export function safeHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(k) || RESERVED.has(k.toLowerCase())) continue;
    out[k] = singleLine(v);
  }
  return out;
}

export function createMailer(s: SmtpSettings, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    ...(s.user ? { auth: { user: s.user, pass: s.password ?? "" } } : {}),
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(email) {
      const stop = smtpSeconds.startTimer();
      try {
        const info = await transport.sendMail({
          from,
          // One address per message: the envelope is derived from this single To.
          to: singleLine(email.to),
          subject: singleLine(email.subject),
          text: email.text,
          html: email.html,
          messageId: singleLine(email.messageId),
          headers: safeHeaders(email.headers),
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        stop({ outcome: "accepted" });
        return { messageId: String(info.messageId ?? email.messageId), response: String(info.response ?? "") };
      } catch (err) {
        stop({ outcome: "failed" });
        throw err;
      }
    },
    close: () => transport.close(),
  };
}
