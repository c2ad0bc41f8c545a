// Which character encoding a CSV file is in, from its first bytes. Pure: the reader (read-csv.ts)
// does the I/O and the decoding.
//
// What Vietnamese offices send: UTF-8 (Excel's "CSV UTF-8", with a BOM), UTF-16 with a BOM (Excel's
// "Unicode Text", tab-separated), and Windows-1258 (Excel's plain "CSV (Comma delimited)" on a
// Vietnamese Windows: base letters plus combining tone marks, so the text is NFC-normalised after
// decoding). Older files may still be in TCVN3 (ABC, the .VnTime fonts) or VNI Windows (the VNI-Times
// fonts); lrew has no decoder for those, so they are recognised and refused with what to do.
import { isUtf8 } from "node:buffer";
import { msg, type Msg } from "./messages.ts";

/** The encodings lrew reads; the names are those of the WHATWG Encoding Standard (TextDecoder). */
export const ENCODINGS = ["utf-8", "windows-1258", "utf-16le", "utf-16be"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Legacy Vietnamese encodings that are recognised but not read. */
export type LegacyEncoding = "tcvn3" | "vni";

const ALIASES: Record<string, Encoding> = {
  utf8: "utf-8",
  cp1258: "windows-1258",
  windows1258: "windows-1258",
  utf16le: "utf-16le",
  utf16be: "utf-16be",
  unicode: "utf-16le",
};

/** An encoding named by a person (`--encoding`): the names above, or utf8, cp1258, unicode…; undefined if unknown. */
export function parseEncoding(name: string): Encoding | "auto" | undefined {
  const key = name.trim().toLowerCase();
  if (key === "auto") return "auto";
  if ((ENCODINGS as readonly string[]).includes(key)) return key as Encoding;
  return ALIASES[key.replace(/[-_\s]/g, "")];
}

export type Sniffed =
  | { kind: "read"; encoding: Encoding /** Bytes of byte-order mark to skip. */; bom: number }
  | { kind: "refused"; suspected: LegacyEncoding | "unknown" };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The encoding of a file from its first bytes (`complete` when they are the whole file). A BOM
 * decides; otherwise UTF-8 when at least as many of the lines that hold non-ASCII bytes are UTF-8 as
 * are not (pure ASCII included: a few damaged lines in a UTF-8 file are refused by the reader, naming
 * the line), and anything else is Windows-1258 when it reads as Vietnamese in it, or refused naming
 * the legacy encoding it looks like.
 */
export function sniffEncoding(head: Uint8Array, complete: boolean): Sniffed {
  if (UTF8_BOM.every((b, i) => head[i] === b)) return { kind: "read", encoding: "utf-8", bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: "read", encoding: "utf-16le", bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: "read", encoding: "utf-16be", bom: 2 };
  const { utf8, other } = nonAsciiLines(head, complete);
  if (utf8 >= other) return { kind: "read", encoding: "utf-8", bom: 0 };
  const legacy = classifyEightBit(head);
  return legacy === "windows-1258" ? { kind: "read", encoding: legacy, bom: 0 } : { kind: "refused", suspected: legacy };
}

/**
 * Lines holding non-ASCII bytes that are UTF-8, and those that are not. Text in an 8-bit encoding
 * almost never makes a UTF-8 line (a letter byte would have to be followed by symbol bytes 0x80–0xBF).
 * The last line of a head that is not the whole file may be cut inside a character: not counted.
 */
export function nonAsciiLines(bytes: Uint8Array, complete: boolean): { utf8: number; other: number } {
  let utf8 = 0;
  let other = 0;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let start = 0; start < buf.length; ) {
    const nl = buf.indexOf(0x0a, start);
    if (nl === -1 && !complete) break;
    const end = nl === -1 ? buf.length : nl;
    const line = buf.subarray(start, end);
    if (line.some((b) => b >= 0x80)) {
      if (isUtf8(line)) utf8++;
      else other++;
    }
    start = end + 1;
  }
  return { utf8, other };
}

// The Vietnamese letters, precomposed (NFC): 12 vowels × 6 tones, both cases, and đ Đ.
const VIETNAMESE_LETTERS: ReadonlySet<string> = (() => {
  const letters = new Set(["đ", "Đ"]);
  for (const vowel of "aăâeêioôơuưy")
    for (const tone of ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]) {
      const c = (vowel + tone).normalize("NFC");
      letters.add(c).add(c.toUpperCase());
    }
  return letters;
})();

// Non-ASCII symbols an agency's table may hold in any encoding. Not ª « © ® § ¨ ¬ and the like: in a
// TCVN3 file those bytes are letters.
const COMMON_SYMBOLS: ReadonlySet<string> = new Set([..."\u00a0₫€–—‘’“”…•°×"]);

// Bytes VNI Windows writes after a base letter for its marks (the vowel shape and the tone, e.g.
// "Vieät" for "Việt"), and ñ Ñ for đ Đ. None is below 0xC0.
const VNI_MARKS: ReadonlySet<number> = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd8, 0xd9,
  0xda, 0xdb, 0xdc, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5,
  0xf6, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc,
]);

const isAsciiLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/**
 * Windows-1258, TCVN3, VNI or unknown, for bytes that are not UTF-8.
 *
 * Windows-1258 when, decoded as such and NFC-normalised, at most 1 in 20 of the non-ASCII characters
 * is something other than a Vietnamese letter or a common symbol (a foreign name may hold an ö or a
 * ç; a TCVN3 or VNI file decoded this way is full of them: ª « § µ ¸ in TCVN3, ä ï ø ñ ö û in VNI, and
 * tone marks left over with no vowel to sit on). Otherwise TCVN3 when its lower-case letters show:
 * bytes 0xA1–0xBF beside an ASCII letter (ê = 0xAA, ô = 0xAB, đ = 0xAE, á = 0xB8…), which VNI never
 * writes; VNI when at least half of the non-ASCII bytes are VNI marks right after a letter.
 */
export function classifyEightBit(bytes: Uint8Array): "windows-1258" | LegacyEncoding | "unknown" {
  const text = new TextDecoder("windows-1258").decode(bytes).normalize("NFC");
  let nonAscii = 0;
  let foreign = 0;
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) continue;
    nonAscii++;
    if (!VIETNAMESE_LETTERS.has(c) && !COMMON_SYMBOLS.has(c)) foreign++;
  }
  if (foreign * 20 <= nonAscii) return "windows-1258";
  let high = 0;
  let tcvn = 0;
  let vni = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    high++;
    const before = bytes[i - 1];
    const after = bytes[i + 1];
    if (b >= 0xa1 && b <= 0xbf && (isAsciiLetter(before) || isAsciiLetter(after))) tcvn++;
    else if (VNI_MARKS.has(b) && (isAsciiLetter(before) || (before !== undefined && VNI_MARKS.has(before)))) vni++;
    else if ((b === 0xf1 || b === 0xd1) && isAsciiLetter(after)) vni++;
  }
  if (tcvn * 10 >= high) return "tcvn3";
  if (vni * 2 >= high) return "vni";
  return "unknown";
}

const LEGACY_NAMES: Record<LegacyEncoding, { name: string; fonts: string }> = {
  tcvn3: { name: "TCVN3 (ABC)", fonts: ".VnTime, .VnArial" },
  vni: { name: "VNI Windows", fonts: "VNI-Times, VNI-Helve" },
};

const OVERRIDE_VI = `Nếu chắc chắn tệp dùng bảng mã khác, chỉ định bằng --encoding (${ENCODINGS.join(", ")})`;
const OVERRIDE_EN = `If you are sure the file is in another encoding, name it with --encoding (${ENCODINGS.join(", ")})`;

/** Why a file in a legacy or unknown encoding is refused, and what to do. */
export function refusal(file: string, suspected: LegacyEncoding | "unknown"): Msg {
  if (suspected === "unknown")
    return msg(
      `${file}: tệp không phải UTF-8 và không đọc được theo bảng mã Windows-1258. Hãy mở bằng Excel và lưu dưới dạng "CSV UTF-8 (phân tách bằng dấu phẩy)". ${OVERRIDE_VI}.`,
      `${file}: the file is not UTF-8 and does not read as Windows-1258. Open it in Excel and save it as "CSV UTF-8 (Comma delimited)". ${OVERRIDE_EN}.`,
    );
  const { name, fonts } = LEGACY_NAMES[suspected];
  return msg(
    `${file}: tệp có vẻ được gõ bằng bảng mã ${name} (phông ${fonts}), lrew không đọc bảng mã này. Hãy chuyển sang Unicode: mở tệp bằng Excel, chép bảng, dùng công cụ chuyển mã của Unikey (Ctrl+Shift+F6, nguồn "${name}", đích "Unicode") rồi dán lại, và lưu dưới dạng "CSV UTF-8 (phân tách bằng dấu phẩy)". ${OVERRIDE_VI}.`,
    `${file}: the file looks typed in the ${name} encoding (fonts ${fonts}), which lrew does not read. Convert it to Unicode: open it in Excel, copy the table, convert it with Unikey's converter (Ctrl+Shift+F6, source "${name}", destination "Unicode"), paste it back, and save as "CSV UTF-8 (Comma delimited)". ${OVERRIDE_EN}.`,
  );
}

/** The names a person knows the encodings by, for messages. */
export const ENCODING_LABELS: Record<Encoding, string> = {
  "utf-8": "UTF-8",
  "windows-1258": "Windows-1258",
  "utf-16le": "UTF-16LE",
  "utf-16be": "UTF-16BE",
};
