// Validation of one incoming record against its stream's contract, with errors that name the
// field (as a dotted path) and speak the caller's language.
import { createHash } from "node:crypto";
import { z } from "zod";
import { isMessageCode, message, type Lang } from "./messages.ts";
import { streamSchemas, type StreamEvent, type StreamName } from "./streams.ts";

export interface FieldError {
  /** Dotted path of the offending field, e.g. `severity` or `causes.2`; empty for the record itself. */
  path: string;
  message: string;
}

export type Validation<S extends StreamName> = { ok: true; event: StreamEvent<S> } | { ok: false; errors: FieldError[] };

const zodLocales = { vi: z.locales.vi(), en: z.locales.en() } as const;

function errorMap(lang: Lang): z.core.$ZodErrorMap {
  return (issue) => {
    const code = (issue as { params?: { code?: unknown } }).params?.code;
    if (issue.code === "custom" && isMessageCode(code)) return message(code, lang);
    if (issue.code === "unrecognized_keys") return unknownFieldMessage((issue as { keys: string[] }).keys, lang);
    return zodLocales[lang].localeError(issue);
  };
}

function unknownFieldMessage(keys: readonly string[], lang: Lang): string {
  const list = keys.join(", ");
  return lang === "vi" ? `trường không được phép: ${list}` : `field not allowed: ${list}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join(".");
}

export function validateRecord<S extends StreamName>(stream: S, record: unknown, lang: Lang = "vi"): Validation<S> {
  let result: ReturnType<(typeof streamSchemas)[S]["safeParse"]>;
  try {
    result = streamSchemas[stream].safeParse(record, { error: errorMap(lang) }) as typeof result;
  } catch {
    // A record crafted to trip the validator (getters that throw, exotic objects) is refused, never thrown:
    // callers (ingest, sink) rely on a Validation for every input.
    return { ok: false, errors: [{ path: "", message: message("unreadable", lang) }] };
  }
  if (result.success) return { ok: true, event: withEventId(stream, result.data as StreamEvent<S>) };
  const errors: FieldError[] = result.error.issues.flatMap((issue): FieldError[] => {
    // Each unknown field is reported at the field itself, so a provider sees every name as a path.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: unknownFieldMessage([key], lang) }));
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
  return { ok: false, errors };
}

/** Enterprise updates may omit event_id: derive a stable one so a resend is recognised as the same event. */
function withEventId<S extends StreamName>(stream: S, event: StreamEvent<S>): StreamEvent<S> {
  if ("event_id" in event && event.event_id) return event;
  const e = event as StreamEvent<"enterprises">;
  return { ...e, event_id: deterministicUuid(`${stream}|${e.enterprise_id}|${e.updated_at}`) } as StreamEvent<S>;
}

/** A UUID (version 8, RFC 9562) computed from a name: same name, same id. */
export function deterministicUuid(name: string): string {
  const h = createHash("sha256").update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
