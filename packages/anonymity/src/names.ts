// Where personal names are in Vietnamese free text: after a form of address or a kinship term ("chị
// Lò Thị Hoa", "anh Tuấn", "ÔNG NGUYỄN VĂN A") and after a label ("Họ và tên: Lò Thị Hoa", "tên là
// Hoa"). A name is a run of capitalised syllables (Vietnamese names have 2–4, but people are often
// called by the given name alone, so one is enough after a form of address written with its
// diacritics). A lowercase word after the term is an ordinary word ("chú ý", "bác sĩ", "ông chủ", "anh
// em", "cô ấy", "tên lửa"), and so are, though capitalised, the organisations and titles in
// NOT_A_NAME ("ông Giám đốc", "anh Công ty…", "bà Chủ tịch") and the places in PLACES ("Bà Rịa",
// "Hai Bà Trưng", "Cô Tô").
//
// What is not found: a name with no form of address or label before it ("Lò Thị Hoa bị nợ lương"),
// a name after a job title alone ("tổ trưởng Lò Văn Nam"), the second and later names of a list
// ("chị Hoa, Lan và Mai": only Hoa), and the names of businesses: "Hộ kinh doanh Lò Văn Tuấn" is
// the registered name of an enterprise, public in the enterprise register and needed to know which
// enterprise a grievance is about, not a worker named after a form of address; it is kept, also after
// a form of address ("ông chủ Hộ kinh doanh Lò Văn Tuấn").
//
// Linear in the length of the text: one pass over its words, each looked at a bounded number of times.

export interface NameSpan {
  start: number;
  end: number;
}

// Forms of address and kinship terms, with their diacritics (lower case; any case matches).
const FORMS = new Set([
  "anh",
  "chị",
  "em",
  "ông",
  "bà",
  "cô",
  "chú",
  "bác",
  "cậu",
  "mợ",
  "dì",
  "dượng",
  "thím",
  "cụ",
  "thầy",
  "bạn",
  "cháu",
  "bé",
  "mẹ",
  "bố",
  "vợ",
  "chồng",
]);
// Written with a second word: "đồng chí Lò Văn Nam", "em gái Hoa".
const TWO_WORD_FORMS = new Set(["đồng chí", "anh trai", "em trai", "em gái", "chị gái"]);
// The same forms typed without diacritics. Such text is full of homographs ("co" for có, "ba" for
// three, "bac" for Bắc in "Bac Giang"), so these introduce only a full name (two syllables or more)
// typed without diacritics too: "chi Lo Thi Hoa".
const FORMS_WITHOUT_DIACRITICS = new Set(["chi", "ong", "ba", "co", "chu", "bac", "dong chi"]);

// Labels: "họ và tên", "họ tên", "tên", and English "name" / "full name". Written without diacritics
// ("ho ten", "ten") or in English, they need a colon or "là" before the name ("ten" is also ten).
const LABELS = new Set(["họ và tên", "họ tên", "tên", "ho va ten", "ho ten", "ten", "full name", "name"]);
const LABELS_NEEDING_COLON = new Set(["ten", "name", "full name"]);

// Capitalised words after a form of address that begin no name: organisations, titles, places'
// kinds, holidays ("ông Giám đốc", "anh Công ty…", "bà Chủ tịch", "chị Tổ trưởng"). Compared in
// lower case with their diacritics ("Huyền" is a name, "Huyện" a district); in text typed without
// diacritics, only the phrases of two words or more and the abbreviations, since there "Huyen" may
// be either.
const NOT_A_NAME = [
  "công ty",
  "cty",
  "tổng công ty",
  "công đoàn",
  "tập đoàn",
  "doanh nghiệp",
  "hợp tác xã",
  "htx",
  "hộ kinh doanh",
  "chi nhánh",
  "nhà máy",
  "xí nghiệp",
  "phân xưởng",
  "giám đốc",
  "phó giám đốc",
  "tổng giám đốc",
  "ban giám đốc",
  "chủ tịch",
  "phó chủ tịch",
  "chủ doanh nghiệp",
  "tổ trưởng",
  "tổ phó",
  "trưởng phòng",
  "phó phòng",
  "trưởng ca",
  "quản đốc",
  "kế toán",
  "bảo vệ",
  "thanh tra",
  "cán bộ",
  "bí thư",
  "đội trưởng",
  "chủ nhiệm",
  "giáo viên",
  "bác sĩ",
  "luật sư",
  "kỹ sư",
  "ủy ban",
  "ubnd",
  "tòa án",
  "liên đoàn",
  "sở lao động",
  "phòng lao động",
  "bảo hiểm",
  "nhà nước",
  "đơn vị",
  "người",
  "tết",
  "tỉnh",
  "huyện",
  "phường",
  "thành phố",
  "thị xã",
  "thị trấn",
];

// Two forms together mean people in general, and what follows is no name: "anh em Điện Biên",
// "chị em Mường Thanh", "bà con", "cô chú".
const COLLECTIVE = new Set([
  "anh em",
  "chị em",
  "anh chị",
  "cô chú",
  "cô bác",
  "chú bác",
  "ông bà",
  "bố mẹ",
  "vợ chồng",
  "chi em",
  "anh chi",
  "co chu",
  "co bac",
  "chu bac",
  "ong ba",
]);

// Places whose whole name is a form of address and capitalised words (with the word before the form
// when it belongs to the name: "Hai Bà Trưng", "Ho Chi Minh City"). Compared without diacritics or
// case, and only as a whole: "cô Tô Thị Hoa" is a person.
const PLACES = [
  "ba ria",
  "ba ria vung tau",
  "ba den",
  "ba chieu",
  "ba diem",
  "hai ba trung",
  "ba huyen thanh quan",
  "co to",
  "ong doc",
  "ho chi minh city",
  "bac tu liem",
];

/** Lower case without diacritics (đ → d): "Chị" → "chi". */
export function plain(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}

const NOT_A_NAME_SET: ReadonlySet<string> = new Set(NOT_A_NAME);
const NOT_A_NAME_PLAIN: ReadonlySet<string> = new Set(NOT_A_NAME.filter((p) => p.includes(" ") || /^[a-z]+$/.test(p)).map((p) => plain(p)));
const PLACE_SET: ReadonlySet<string> = new Set(PLACES);
const LONGEST_NOT_A_NAME = Math.max(...NOT_A_NAME.map((p) => p.split(" ").length));

interface Word {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Separated from the word before by spaces alone (on the same line). */
  joined: boolean;
  /** {@link plain}, when it was needed. */
  plain?: string;
}

// Words: letters (with any marks), an apostrophe inside ("H'Hen") allowed.
const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
const INLINE_SPACE = /^[ \t\u00a0]+$/;
const LABEL_GAP = /^[ \t\u00a0]*[:：-]?[ \t\u00a0]*$/;
const IS_ASCII = /^\p{ASCII}*$/u;
const CAPITALISED = /^\p{Lu}[^\p{Lu}]*(?:['’]\p{Lu}?[^\p{Lu}]*)?$/u;
const ALL_CAPITALS = /^[\p{Lu}\p{M}'’]+$/u;

function words(text: string): Word[] {
  const out: Word[] = [];
  let last = -1;
  for (const m of text.matchAll(WORD)) {
    const joined = last >= 0 && INLINE_SPACE.test(text.slice(last, m.index));
    last = m.index + m[0].length;
    out.push({ start: m.index, end: last, text: m[0], lower: m[0].toLowerCase(), joined });
  }
  return out;
}

const plainOf = (w: Word): string => (w.plain ??= plain(w.text));

/** The `n` words from `i`, when they are joined by spaces, in lower case (or {@link plain}) separated by one space. */
function phraseAt(ws: readonly Word[], i: number, n: number, key: "lower" | "plain"): string | undefined {
  if (i + n > ws.length) return undefined;
  let phrase = key === "lower" ? ws[i]!.lower : plainOf(ws[i]!);
  for (let k = i + 1; k < i + n; k++) {
    if (!ws[k]!.joined) return undefined;
    phrase += ` ${key === "lower" ? ws[k]!.lower : plainOf(ws[k]!)}`;
  }
  return phrase;
}

const firstWords = (phrases: Iterable<string>) => new Set([...phrases].map((p) => p.split(" ")[0]!));
const NOT_A_NAME_FIRST = firstWords([...NOT_A_NAME_SET, ...NOT_A_NAME_PLAIN]);

/** Whether a phrase of NOT_A_NAME begins at word `i`. */
function notANameAt(ws: readonly Word[], i: number): boolean {
  if (!NOT_A_NAME_FIRST.has(ws[i]!.lower)) return false;
  for (let n = 1; n <= LONGEST_NOT_A_NAME; n++) {
    const lower = phraseAt(ws, i, n, "lower");
    if (lower === undefined) return false;
    if (IS_ASCII.test(lower) ? NOT_A_NAME_PLAIN.has(lower) : NOT_A_NAME_SET.has(lower)) return true;
  }
  return false;
}

interface Introducer {
  /** Words it takes. */
  length: number;
  kind: "form" | "plain form" | "label";
}

const INTRODUCER_FIRST = firstWords([...LABELS, ...FORMS, ...TWO_WORD_FORMS, ...FORMS_WITHOUT_DIACRITICS]);

function introducerAt(ws: readonly Word[], i: number): Introducer | undefined {
  if (!INTRODUCER_FIRST.has(ws[i]!.lower)) return undefined;
  for (const n of [3, 2, 1]) {
    const lower = phraseAt(ws, i, n, "lower");
    if (lower === undefined) continue;
    if (LABELS.has(lower)) return { length: n, kind: "label" };
    if (n <= 2 && (n === 1 ? FORMS : TWO_WORD_FORMS).has(lower)) return { length: n, kind: "form" };
    if (n <= 2 && FORMS_WITHOUT_DIACRITICS.has(lower)) return { length: n, kind: "plain form" };
  }
  return undefined;
}

type Shape = "capitalised" | "capitals";

function shapeOf(word: string): Shape | "letter" | undefined {
  if (word.length === 1) return /\p{Lu}/u.test(word) ? "letter" : undefined; // "Giàng A Páo"
  if (CAPITALISED.test(word)) return "capitalised";
  if (ALL_CAPITALS.test(word)) return "capitals";
  return undefined;
}

/**
 * The name after an introducer: capitalised words from `i`, joined by spaces, all capitalised
 * ("Lò Thị Hoa") or all in capitals ("LÒ THỊ HOA", then at least two), up to a word of NOT_A_NAME.
 * Returns the index after its last word (`i` when there is none).
 */
function nameEnd(ws: readonly Word[], i: number, asciiOnly: boolean): number {
  let shape: Shape | undefined;
  let k = i;
  while (k < ws.length) {
    if (k > i && !ws[k]!.joined) break;
    if (notANameAt(ws, k)) break;
    const s = shapeOf(ws[k]!.text);
    if (s === undefined || (asciiOnly && !IS_ASCII.test(ws[k]!.text))) break;
    if (s !== "letter") {
      if (shape !== undefined && s !== shape) break;
      shape = s;
    }
    k++;
  }
  if (shape === "capitals" && k - i < 2) return i; // "anh BHXH" is no name
  return k;
}

const PRONOUNS = new Set(["tôi", "em", "mình", "cháu", "con", "toi", "minh", "chau"]);

/**
 * Where the name after a label begins ("Họ tên: Lò Thị Hoa", "tên là Hoa", "tên tôi là Hoa"), or
 * undefined when the label is not followed by a name's place.
 */
function afterLabel(text: string, ws: readonly Word[], label: number, after: number): number | undefined {
  const gap = text.slice(ws[after - 1]!.end, ws[after]!.start);
  if (!LABEL_GAP.test(gap)) return undefined;
  let colon = /[:：-]/.test(gap);
  let first = after;
  const isLa = (k: number) => k < ws.length && plainOf(ws[k]!) === "la";
  if (PRONOUNS.has(ws[first]!.lower) && ws[first + 1]?.joined && isLa(first + 1)) first++;
  if (isLa(first) && ws[first + 1]?.joined) {
    first++;
    colon = true;
  }
  if (LABELS_NEEDING_COLON.has(phraseAt(ws, label, after - label, "lower")!) && !colon) return undefined;
  return first;
}

/** The spans of personal names in `text` (NFC), in order, not overlapping. */
export function nameSpans(text: string): NameSpan[] {
  const ws = words(text);
  const spans: NameSpan[] = [];
  let i = 0;
  while (i < ws.length) {
    const intro = introducerAt(ws, i);
    const after = i + (intro?.length ?? 1);
    // a word of a mask ("[tên]") introduces nothing
    if (!intro || after >= ws.length || text[ws[i]!.start - 1] === "[") {
      i = after;
      continue;
    }
    const word = ws[i]!;
    const previous = word.joined ? ws[i - 1] : undefined;
    let first: number | undefined = after;
    if (intro.kind === "label") first = afterLabel(text, ws, i, after);
    else if (!ws[after]!.joined) first = undefined;
    else if (previous && COLLECTIVE.has(`${previous.lower} ${word.lower}`)) first = undefined;
    // "Công ty May Đức Anh Điện Biên", "Hộ kinh doanh Vàng A Anh": a capitalised form after a
    // capitalised word is part of a name already (an enterprise's, a person's), not the start of one.
    else if (previous && ["capitalised", "letter"].includes(shapeOf(previous.text)!) && shapeOf(word.text) === "capitalised")
      first = undefined;
    if (first === undefined || first >= ws.length) {
      i = after;
      continue;
    }
    const asciiOnly = intro.kind === "plain form";
    const end = nameEnd(ws, first, asciiOnly);
    const isPlace =
      intro.kind !== "label" &&
      (PLACE_SET.has(phraseAt(ws, i, end - i, "plain")!) ||
        (previous !== undefined && PLACE_SET.has(phraseAt(ws, i - 1, end - i + 1, "plain")!)));
    if (end === first || (asciiOnly && end - first < 2) || isPlace) {
      i = after;
      continue;
    }
    spans.push({ start: ws[first]!.start, end: ws[end - 1]!.end });
    i = end;
  }
  return spans;
}
