// Masking of personal data in free text (grievance summaries, rejected records): phone numbers,
// national ID numbers (CCCD 12 digits, CMND 9 digits, and numbers introduced as an ID, passport or
// social-insurance number), bank account numbers (introduced as one: "STK", "số tài khoản", "TK"),
// e-mail addresses and personal names after a form of address or a label (names.ts: "chị Lò Thị Hoa",
// "Họ tên: …") are replaced by a bracketed label. Everything else — Vietnamese diacritics, money
// amounts, dates, tax codes (mã số thuế), enterprise names — is kept.
//
// When a number could be either, privacy wins: a bare 10-digit number that looks like a mobile number
// is masked even if it was meant as something else. What is spared is what is clearly not personal:
// an amount followed by a currency word (`1.234.567 đồng`, `250.000đ`, `5 triệu`), a tax code
// introduced as one (`MST 0312345678`) or written with its branch suffix (`0312345678-001`), dates
// (`23/11/2026`, `2026-11-23`), UUIDs, and dotted thousands (`10.000.000.000`).
//
// Masking is idempotent (masking masked text changes nothing) and linear in the length of the text:
// every pattern below is anchored on a bounded context, and it runs on every summary at ingest.
import { nameSpans } from "./names.ts";

export const MASKS = {
  phone: "[số điện thoại]",
  id: "[số định danh]",
  email: "[email]",
  bankAccount: "[số tài khoản]",
  name: "[tên]",
} as const;

// E-mail addresses: a run of local-part characters, "@", a domain. Found by a scan from each "@"
// (emailSpans), not a regular expression, so that an address glued to the one before it
// ("a@b'c@d.vn") is found in the same pass, which keeps masking idempotent, in linear time.
const LOCAL_PART = /[\p{L}\p{N}._%+'-]/u;
const DOMAIN_LABEL = /[\p{L}\p{N}-]/u;

/** The e-mail addresses of a text: each "@" with the local part before it and the domain after it. */
function emailSpans(text: string): Span[] {
  const spans: Span[] = [];
  let lastEnd = 0;
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", Math.max(at + 1, lastEnd))) {
    let start = at;
    // a local part may begin right where the address before it ended, never inside it
    while (start > lastEnd && LOCAL_PART.test(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < text.length && DOMAIN_LABEL.test(text[end]!)) end++;
    if (start === at || end === at + 1) continue;
    // more labels: ".vn", ".gov.vn" (a final "." is the sentence's)
    for (let next = end; text[next] === "." && DOMAIN_LABEL.test(text[next + 1] ?? ""); next = end) {
      end = next + 1;
      while (end < text.length && DOMAIN_LABEL.test(text[end]!)) end++;
    }
    spans.push({ start, end });
    lastEnd = end;
  }
  return spans;
}

// A number introduced as an identity document or social-insurance number is an ID whatever its shape.
// Not after a letter ("xcccd"), but after a digit, so that masking the number before it
// ("0912 345 678CCCD …") changes nothing on a second pass.
const ID_CONTEXT =
  /(?<!\p{L})(?:cccd|cmnd|cmt|căn\s+cước(?:\s+công\s+dân)?|chứng\s+minh(?:\s+nhân\s+dân|\s+thư)?|(?:số\s+)?định\s+danh(?:\s+cá\s+nhân)?|hộ\s+chiếu|passport|national\s+id|id\s+card|(?:mã\s+số|mã|số\s+sổ|sổ|số)\s+bhxh|(?:mã\s+số|số\s+sổ)\s+bảo\s+hiểm\s+xã\s+hội)(?:\s+(?:số|là|no\.?|number))?\s*[:：.#-]?\s*((?:[a-z]{1,2}\s?)?\d(?:[ .-]?\d){6,14})(?!\d)/giu;

// A number introduced as a bank account: "STK", "số TK", "số tài khoản", "tài khoản", "TK", "account
// no.", then up to 60 characters without a digit, a sentence's end or a mask (a bank's name: "STK
// Vietcombank:", "tài khoản Agribank chi nhánh Điện Biên số"), then a number of 8 digits or more
// (accounts have 8–19; a longer run is masked whole all the same), spaced, dotted or hyphenated.
// Not an amount: no currency word after it ("tài khoản còn 1.234.567 đồng").
const BANK_ACCOUNT_CONTEXT =
  /(?<!\p{L})(?:stk|số\s+tk|so\s+tk|số\s+tài\s+khoản|so\s+tai\s+khoan|tài\s+khoản|tai\s+khoan|tk|account(?:\s+(?:no\.?|number))?|a\/c)(?![\p{L}\p{N}])[^\d\n.;!?[\]]{0,60}?(\d(?:[ .-]?\d){7,})(?![ .-]?\d)(?!\s*(?:đồng|đ|₫|vnđ|vnd|usd|triệu|tr|tỷ|tỉ|nghìn|ngàn|k)(?![\p{L}\p{N}]))/giu;

// What is never masked (unless a masked number merely overlaps it).
const UUID = /(?<![\p{L}\p{N}])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\p{L}\p{N}])/giu;
// Not when another digit group follows: then it may as well be a phone number written in parts.
const BRANCH_TAX_CODE = /(?<![\d-])\d{10}-\d{3}(?!\d|[ \u00a0.-]{1,3}\d)/g;
const TAX_CODE_CONTEXT =
  /(?<![\p{L}\p{N}])(?:mã\s+số\s+thuế|ma\s+so\s+thue|mst|mã\s+số\s+doanh\s+nghiệp|mã\s+doanh\s+nghiệp|msdn|tax\s+code|tax\s+id)\s*[:：.#-]?\s*(\d{10}(?:-\d{3})?)(?!\d)/dgiu;
const MONEY =
  /(?<![\d.,])(?!0\d)(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,]\d+)?\s*(?:đồng|đ|₫|vnđ|vnd|usd|triệu|tr|tỷ|tỉ|nghìn|ngàn|k)(?![\p{L}\p{N}])/giu;

// Digit groups joined by short runs of separators: the candidates for phone and ID numbers.
const RUN = /\+?\d+(?:[ \u00a0.()-]{1,3}\d+)*/g;
const GROUP = /\d+/g;
const MAX_DIGITS = 15;

const PHONE_NATIONAL = /^0(?:[35789]\d{8}|2\d{9}|1\d{9})$/;
const PHONE_INTERNATIONAL = /^(?:84|0084)0?(?:[35789]\d{8}|2\d{9})$/;

interface Span {
  start: number;
  end: number;
}

interface Protection {
  /** Exact patterns (tax codes, UUIDs), merged and sorted: a number may not even overlap them. */
  exact: Span[];
  /** Amounts with a currency, sorted (they never overlap): loose pattern, so only a number wholly inside one is spared. */
  amounts: Span[];
}

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

function protectedSpans(text: string): Protection {
  const exact: Span[] = [];
  const amounts: Span[] = [];
  for (const m of text.matchAll(UUID)) exact.push({ start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(BRANCH_TAX_CODE)) exact.push({ start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(TAX_CODE_CONTEXT)) {
    const at = m.indices?.[1];
    if (at) exact.push({ start: at[0], end: at[1] });
  }
  for (const m of text.matchAll(MONEY)) amounts.push({ start: m.index, end: m.index + m[0].length });
  return { exact: mergeSpans(exact), amounts };
}

/** Index of the last span starting at or before `pos` (spans sorted by start), or -1. */
function lastStartingBy(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= pos) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function isProtected(span: Span, keep: Protection): boolean {
  const e = keep.exact[lastStartingBy(keep.exact, span.end - 1)];
  if (e && e.end > span.start) return true;
  const a = keep.amounts[lastStartingBy(keep.amounts, span.start)];
  return a !== undefined && span.end <= a.end;
}

type Kind = "phone" | "id" | "name" | "email";

function isPhone(digits: string, hasPlus: boolean): boolean {
  if (PHONE_NATIONAL.test(digits) || PHONE_INTERNATIONAL.test(digits)) return true;
  // Any other number written with a leading "+" is an international phone number.
  return hasPlus && digits.length >= 8 && digits.length <= MAX_DIGITS;
}

interface Window {
  digits: string;
  groups: readonly string[];
  internalSeps: readonly string[];
  sepBefore: string;
  sepAfter: string;
  charBefore: string;
  charAfter: string;
  /** The digit groups just outside the window within the same run, or "". */
  groupBefore: string;
  groupAfter: string;
}

const THOUSANDS_SEP = /^[.,]+$/;

function isId(w: Window): boolean {
  if (w.digits.length !== 9 && w.digits.length !== 12) return false;
  // Dotted or comma-grouped numbers are amounts, unless they start with 0 (amounts never do).
  if (w.internalSeps.some((s) => /[.,]/.test(s)) && !w.digits.startsWith("0")) return false;
  // IDs written in parts are written in parts of 3 or 4 digits; "2026 257 24" is not one.
  if (w.groups.length > 1 && w.groups.some((g) => g.length < 3)) return false;
  // Nor is a slice of a longer grouped number ("10.000.000.000") an ID.
  if (THOUSANDS_SEP.test(w.sepBefore) && w.groups[0]!.length === 3 && w.groupBefore.length <= 3) return false;
  if (THOUSANDS_SEP.test(w.sepAfter) && w.groups[w.groups.length - 1]!.length <= 3 && w.groupAfter.length === 3) return false;
  // Nor a part of a date ("23/11/2026 123 456").
  if (w.charBefore === "/" || w.charAfter === "/") return false;
  return true;
}

function unmatchedClosing(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return true;
  }
  return false;
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

function numberSpans(text: string, keep: Protection): Array<Span & { kind: Kind }> {
  const found: Array<Span & { kind: Kind }> = [];
  for (const run of text.matchAll(RUN)) {
    const runStart = run.index;
    const groups: Group[] = [];
    for (const g of run[0].matchAll(GROUP)) groups.push({ start: runStart + g.index, end: runStart + g.index + g[0].length, digits: g[0] });
    // Phones first, then IDs among the groups left over: an ID reading of a neighbouring number
    // must not swallow half of a phone number.
    const used = new Array<boolean>(groups.length).fill(false);
    const sepBefore = (i: number): string => (i > 0 ? text.slice(groups[i - 1]!.end, groups[i]!.start) : "");
    // A neighbouring group already read as a phone number is masked text on a second pass, not a
    // number: it is left out here too, so that masking twice gives what masking once gave.
    const outside = (k: number): boolean => k >= 0 && k < groups.length && !used[k];
    const window = (i: number, j: number, digits: string): Window => {
      const parts = groups.slice(i, j + 1);
      return {
        digits,
        groups: parts.map((g) => g.digits),
        internalSeps: parts.slice(1).map((_, k) => sepBefore(i + k + 1)),
        sepBefore: outside(i - 1) ? sepBefore(i) : "",
        sepAfter: outside(j + 1) ? sepBefore(j + 1) : "",
        charBefore: text[groups[i]!.start - 1] ?? "",
        charAfter: text[groups[j]!.end] ?? "",
        groupBefore: outside(i - 1) ? groups[i - 1]!.digits : "",
        groupAfter: outside(j + 1) ? groups[j + 1]!.digits : "",
      };
    };
    for (const kind of ["phone", "id"] as const) {
      let i = 0;
      while (i < groups.length) {
        if (used[i]) {
          i++;
          continue;
        }
        // Windows of consecutive groups starting at i, longest first, so "+84 912 345 678" is one
        // number rather than four.
        const prefixes: string[] = [];
        let digits = "";
        for (let j = i; j < groups.length && !used[j]; j++) {
          digits += groups[j]!.digits;
          if (digits.length > MAX_DIGITS) break;
          prefixes.push(digits);
        }
        const hasPlus = i === 0 && run[0].startsWith("+");
        let hit: (Span & { last: number }) | undefined;
        for (let j = i + prefixes.length - 1; j >= i && !hit; j--) {
          const d = prefixes[j - i]!;
          if (d.length < 8) break;
          if (kind === "phone" ? !isPhone(d, hasPlus) : (d.length !== 9 && d.length !== 12) || !isId(window(i, j, d))) continue;
          const span = { start: hasPlus ? runStart : groups[i]!.start, end: groups[j]!.end };
          // "(+84) 912 345 678", "(0215) 3825 123": take the opening parenthesis along with its pair.
          if (text[span.start - 1] === "(" && unmatchedClosing(text.slice(span.start, span.end))) span.start--;
          if (isProtected(span, keep)) continue;
          hit = { ...span, last: j };
        }
        if (hit) {
          found.push({ start: hit.start, end: hit.end, kind });
          for (let k = i; k <= hit.last; k++) used[k] = true;
          i = hit.last + 1;
        } else {
          i++;
        }
      }
    }
  }
  return found;
}

function replaceSpans(text: string, spans: ReadonlyArray<Span & { kind: Kind }>): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + MASKS[s.kind];
    at = s.end;
  }
  return out + text.slice(at);
}

/** Replaces the last capture group of a context pattern's matches: the introducing words stay. */
const maskLast = (mask: string) => (whole: string, value: string) => whole.slice(0, whole.length - value.length) + mask;

/**
 * Masks phone numbers, national ID numbers, bank account numbers, e-mail addresses and personal
 * names after a form of address or a label in free text. The result is NFC-normalised; all other
 * text (diacritics included) is kept as written.
 */
export function maskPersonalData(text: string): string {
  let s = text.normalize("NFC");
  s = replaceSpans(
    s,
    emailSpans(s).map((span) => ({ ...span, kind: "email" as const })),
  );
  s = s.replace(ID_CONTEXT, maskLast(MASKS.id));
  s = s.replace(BANK_ACCOUNT_CONTEXT, maskLast(MASKS.bankAccount));
  s = replaceSpans(
    s,
    nameSpans(s).map((span) => ({ ...span, kind: "name" as const })),
  );
  return replaceSpans(s, numberSpans(s, protectedSpans(s)));
}

/** True when the text contains something {@link maskPersonalData} would mask. */
export function containsPersonalData(text: string): boolean {
  return maskPersonalData(text) !== text.normalize("NFC");
}
