// What ingest applies before anything reaches Kafka: accepted grievances get a pseudonymous
// complainant and a masked summary; rejected records of any stream (which may be arbitrary JSON or
// not JSON at all) are scrubbed as a whole before they go to the dead-letter topic.
import { hmacRef, hmacShort } from "./hmac.ts";
import { maskPersonalData } from "./mask.ts";

/** Longest summary the grievance contract allows; masking may lengthen text, so it is cut back. */
export const SUMMARY_MAX_CHARS = 4000;
/** Longest grievance_id the contract allows. */
const GRIEVANCE_ID_MAX_CHARS = 64;
/** Nesting below this depth in a rejected record is replaced, not walked. */
const MAX_DEPTH = 64;
export const TOO_DEEP = "[quá sâu]";

/** The fields of a grievance this module touches; all others pass through unchanged. */
export interface GrievanceLike {
  grievance_id?: string;
  summary?: string | undefined;
  complainant_ref?: string | undefined;
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/**
 * A valid grievance as it may be published: `complainant_ref` replaced by its keyed HMAC, personal
 * data in `summary` masked (and the summary kept within its 4000-character limit), and a
 * `grievance_id` that itself contains a phone number, ID or e-mail replaced by a short keyed
 * pseudonym (stable, so later status changes of the same grievance still match).
 */
export function anonymizeGrievance<T extends GrievanceLike>(event: T, key: string): T {
  const out: T = { ...event };
  if (typeof event.complainant_ref === "string") out.complainant_ref = hmacRef(event.complainant_ref, key);
  if (typeof event.summary === "string") out.summary = truncate(maskPersonalData(event.summary), SUMMARY_MAX_CHARS);
  if (typeof event.grievance_id === "string") {
    const id = event.grievance_id.normalize("NFC");
    out.grievance_id = maskPersonalData(id) === id ? id : truncate(hmacShort(id, key), GRIEVANCE_ID_MAX_CHARS);
  }
  return out;
}

/** Longest case-action note the contract allows. */
export const NOTE_MAX_CHARS = 2000;

/**
 * A valid case action as it may be published: personal data in its `note` masked like a grievance
 * summary (phones, ID and bank account numbers, e-mail addresses, personal names), kept within the
 * contract's limit. An officer's note about a visit names workers as easily as a complaint does.
 */
export function anonymizeCaseAction<T extends { note?: string | undefined }>(event: T): T {
  if (typeof event.note !== "string") return event;
  return { ...event, note: truncate(maskPersonalData(event.note), NOTE_MAX_CHARS) };
}

const TAX_CODE = /^\d{10}(?:-\d{3})?$/;

// `"complainant_ref": "…"` (or a bare value) inside text that is not valid JSON.
const REF_IN_TEXT = /("complainant_ref"\s*:\s*)(?:"((?:[^"\\\r\n]|\\.)*)(?:"|$)|([^,}\]\r\n]+))/gmu;

function decodeJsonString(escaped: string): string {
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return escaped;
  }
}

/** How a text is masked: maskPersonalData, or a memo of it (memoizedMask) for a batch of records. */
type Mask = (text: string) => string;

function scrubText(text: string, key: string, mask: Mask): string {
  const refsHidden = text.replace(REF_IN_TEXT, (_whole, lead: string, quoted: string | undefined, bare: string | undefined) => {
    const ref = quoted !== undefined ? decodeJsonString(quoted) : (bare ?? "").trim();
    return `${lead}"${hmacRef(ref, key)}"`;
  });
  return mask(refsHidden);
}

function refOf(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

function scrub(value: unknown, key: string, mask: Mask, depth: number, field: string | undefined): unknown {
  if (typeof value === "string") {
    if (field === "enterprise_id" && TAX_CODE.test(value)) return value;
    return scrubText(value, key, mask);
  }
  if (typeof value === "number" || typeof value === "bigint") {
    // A phone or ID number sent as a JSON number is still a phone or ID number.
    const text = String(value);
    const masked = mask(text);
    return masked === text ? value : masked;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => scrub(v, key, mask, depth + 1, undefined));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === "complainant_ref") {
      out[k] = v === null || v === undefined ? v : hmacRef(refOf(v), key);
      continue;
    }
    // defineProperty, not assignment: a "__proto__" key from hostile JSON stays a plain field of the
    // dead letter instead of becoming the copy's prototype.
    Object.defineProperty(out, scrubText(k, key, mask), {
      value: scrub(v, key, mask, depth + 1, k),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * A rejected record made safe for the dead-letter topic. Objects: `complainant_ref` (whatever its
 * type) replaced by its keyed HMAC; every string, number and field name masked, recursively (a
 * well-formed tax code in `enterprise_id` is kept, so the record can still be traced to its
 * enterprise). Strings (e.g. an NDJSON line that is not JSON): masked as a whole, with any
 * `"complainant_ref": …` inside replaced by its HMAC. Other values pass through. `mask`: how texts
 * are masked (a batch passes its memoizedMask).
 */
export function anonymizeUnknown(value: unknown, key: string, mask: Mask = maskPersonalData): unknown {
  return scrub(value, key, mask, 0, undefined);
}

/**
 * maskPersonalData remembering its answers: for one batch of rejected records, which repeat the same
 * field names, values and error messages. Made per batch and dropped with it, so the texts it holds
 * (personal data among them) live no longer than the request.
 */
export function memoizedMask(): Mask {
  const seen = new Map<string, string>();
  return (text) => {
    let masked = seen.get(text);
    if (masked === undefined) {
      masked = maskPersonalData(text);
      seen.set(text, masked);
    }
    return masked;
  };
}
