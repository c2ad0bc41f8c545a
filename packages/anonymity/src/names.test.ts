import fc from "fast-check";
import { describe, expect, it } from "vitest";
// The simulator's person names (the names the leak test looks for); names.ts is not part of the
// simulator's public API, so it is imported by path. The simulator itself is not changed.
import { enterpriseName, personName } from "../../simulator/src/names.ts";
import { Rng } from "../../simulator/src/rng.ts";
import { MASKS, maskPersonalData } from "./mask.ts";
import { nameSpans, plain } from "./names.ts";
import { EVERYDAY_WORDS } from "./test-words.ts";

const N = MASKS.name;

/**
 * Ordinary words and phrases that share their first word with a form of address or a label, and
 * capitalised words after one that are no person: never masked, alone, at a sentence's start, in a
 * sentence, with or without diacritics, NFC or NFD. (The property tests use this list too.)
 */
export const ORDINARY = [
  "chú ý",
  "bác sĩ",
  "ông chủ",
  "anh em",
  "cô ấy",
  "em ấy",
  "bà con",
  "chị em",
  "cô giáo",
  "anh ta",
  "tên lửa",
  "Công ty",
  "Điện Biên",
  "Hộ kinh doanh Lò Văn Tuấn",
  "ông chủ Hộ kinh doanh Lò Văn Tuấn",
  "anh em Điện Biên",
  "chị em Mường Thanh",
  "bà con Điện Biên",
  "cô chú Nậm Pồ",
  "ông Giám đốc Công ty",
  "bà Chủ tịch công đoàn",
  "anh Tổ trưởng",
  "chị Kế toán",
  "em chưa được trả lương",
  "tên doanh nghiệp: Công ty TNHH May Điện Biên",
  "Tên đơn vị: Hợp tác xã Chè Tủa Chùa",
  "Tên Đơn vị",
  "ở Bà Rịa - Vũng Tàu",
  "quận Hai Bà Trưng",
  "đảo Cô Tô",
  "ăn Tết",
];
// Places are told from names only as a whole ("cô Tô Thị Hoa" is a person): in sentences they are
// followed by punctuation or a lowercase word, as places are.
const ENDS_WITH_PLACE = new Set(["quận Hai Bà Trưng", "đảo Cô Tô"]);

describe("names after a form of address or a label", () => {
  it.each([
    ["Chị Lò Thị Hoa, SĐT …", `Chị ${N}, SĐT …`],
    ["chị Hoa bị nợ lương 2 tháng", `chị ${N} bị nợ lương 2 tháng`],
    ["liên hệ anh Tuấn (tổ 3)", `liên hệ anh ${N} (tổ 3)`],
    ["ông Nguyễn Văn An và bà Trần Thị Bình", `ông ${N} và bà ${N}`],
    ["Anh Sùng A Páo phản ánh", `Anh ${N} phản ánh`],
    ["em gái Lan, đồng chí Lường Văn Nam", `em gái ${N}, đồng chí ${N}`],
    // in capitals nothing tells where a name ends: privacy wins, the words after it go too
    ["CHỊ LÒ THỊ HOA TỔ MAY 3", `CHỊ ${N} 3`],
    ["chi Lo Thi Hoa, sdt", `chi ${N}, sdt`],
    ["ong Nguyen Van An", `ong ${N}`],
    ["Họ và tên: Lò Văn Nam", `Họ và tên: ${N}`],
    ["họ tên Quàng Thị Mai", `họ tên ${N}`],
    ["tên là Hoa, tên tôi là Páo", `tên là ${N}, tên tôi là ${N}`],
    ["HỌ TÊN: GIÀNG A PÁO", `HỌ TÊN: ${N}`],
    ["ho ten: Lo Thi Hoa; ten: Cam Van Long", `ho ten: ${N}; ten: ${N}`],
    ["Full name: John Smith", `Full name: ${N}`],
    ["chị Y Moan H'Đơk", `chị ${N}`],
    ["ông Giám đốc Lò Văn Nam", "ông Giám đốc Lò Văn Nam"], // a job title is no form of address
    ["anh Công bị trừ lương", `anh ${N} bị trừ lương`], // "Công" alone is a given name
    ["chị Hoa Công ty may", `chị ${N} Công ty may`],
    ["cô Tô Thị Hoa", `cô ${N}`],
    ["Ho Chi Minh City, chi Le Thi Huyen", `Ho Chi Minh City, chi ${N}`],
  ])("%s", (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
    expect(maskPersonalData(expected)).toBe(expected);
  });

  it.each(ORDINARY)("keeps %s", (phrase) => {
    const capitalised = phrase[0]!.toUpperCase() + phrase.slice(1);
    for (const text of [phrase, capitalised, `Người lao động nói ${phrase} rồi.`, plain(phrase), phrase.normalize("NFD")]) {
      expect(maskPersonalData(text), text).toBe(text.normalize("NFC"));
    }
  });

  it("takes a business for a business: the name of a household business is kept, its owner addressed as such is not", () => {
    // The registered name of an enterprise is public (the enterprise register) and tells which
    // enterprise a grievance is about; a person addressed by name is a person.
    expect(maskPersonalData("Hộ kinh doanh Lò Văn Tuấn nợ lương 3 tháng; anh Lò Văn Tuấn hứa trả")).toBe(
      `Hộ kinh doanh Lò Văn Tuấn nợ lương 3 tháng; anh ${N} hứa trả`,
    );
  });

  it("gives spans in order, without the form of address, across lines", () => {
    const text = "anh Nam\nchị Lò Thị Hoa";
    expect(nameSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(["Nam", "Lò Thị Hoa"]);
    // the name and its form on one line only
    expect(nameSpans("gặp anh\nHoa")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties (fast-check)
// ---------------------------------------------------------------------------------------------

// Property runs are CPU-bound and the machines are shared: the timeout is a ceiling against hangs, not a measure.
const PROPERTY_TIMEOUT_MS = 120_000;

const simulatorName = fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => personName(new Rng(seed)));
const simulatorEnterprise = fc
  .tuple(
    fc.integer({ min: 0, max: 0x7fffffff }),
    fc.constantFrom("garment", "hydropower", "construction", "retail_trade", "other" as const),
    fc.constantFrom("household", "private", "state", "cooperative", "fdi" as const),
    fc.boolean(),
  )
  .map(([seed, sector, ownership, branch]) => enterpriseName(new Rng(seed), sector, ownership, branch, "Điện Biên"));

// Words of the sentences around the names: no form of address or label among them.
const FILLER = [...EVERYDAY_WORDS, "Điện Biên", "Mường Thanh", "Tuần Giáo", "1.500.000 đồng", "23/11/2026", "120 người", "MST 5600123456"];
const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 8 }).map((ws) => ws.join(" "));
const before = fc.constantFrom(" ", ", ", ". ", ": ", " (", "\n", "; ");
// What follows a name: a lowercase word or punctuation (a capitalised word would read as more name).
const after = fc.constantFrom(" bị nợ lương", ",", ".", " (", ";", " –", "!", " phản ánh", " và");

const FORMS = ["anh", "chị", "em", "ông", "bà", "cô", "chú", "bác", "cậu", "dì", "thím", "cụ", "bạn", "cháu", "đồng chí", "em gái"];
const FORMS_WITHOUT_DIACRITICS = ["chi", "ong", "ba", "co", "chu", "bac", "anh", "em"];
const LABELS = ["Họ tên: ", "Họ và tên: ", "họ tên ", "tên là ", "Tên: ", "tên tôi là "];
const LABELS_WITHOUT_DIACRITICS = ["ho ten: ", "ho va ten: ", "ten: ", "ten la "];

const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** A name as written: with diacritics (NFC or NFD), without, or in capitals; in full or the given name alone. */
const writtenName = fc
  .tuple(simulatorName, fc.constantFrom("NFC", "NFD", "plain", "capitals" as const), fc.boolean())
  .map(([name, spelling, givenOnly]) => {
    const n = givenOnly && (spelling === "NFC" || spelling === "NFD") ? name.split(" ").at(-1)! : name;
    return {
      spelling,
      text:
        spelling === "plain"
          ? plain(n).replace(/\b\w/g, (c) => c.toUpperCase())
          : spelling === "capitals"
            ? n.toUpperCase()
            : n.normalize(spelling),
    };
  });

describe("names under fast-check", () => {
  it(
    "a simulator name after a form of address or a label, in any sentence and spelling, becomes [tên], and nothing else changes",
    () => {
      fc.assert(
        fc.property(filler, before, writtenName, fc.boolean(), fc.nat(), after, filler, (head, sep, name, label, pick, tail, rest) => {
          const plainName = name.spelling === "plain";
          const intros = label ? (plainName ? LABELS_WITHOUT_DIACRITICS : LABELS) : plainName ? FORMS_WITHOUT_DIACRITICS : FORMS;
          let intro = intros[pick % intros.length]!;
          // in capitals in a text in capitals; capitalised (or not) at the start of a sentence
          const sentenceStart = !head || sep === ". " || sep === "\n";
          if (!label)
            intro = `${name.spelling === "capitals" ? intro.toUpperCase() : sentenceStart && pick % 2 ? capitalise(intro) : intro} `;
          const prefix = head ? `${head}${sep}` : "";
          const input = `${prefix}${intro}${name.text}${tail} ${rest}`;
          const expected = `${prefix}${intro}${MASKS.name}${tail} ${rest}`.normalize("NFC");
          expect(maskPersonalData(input), input).toBe(expected);
        }),
        { numRuns: 3000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "ordinary words that share a form of address, places and enterprise names stay as they are",
    () => {
      const phrase = fc.oneof(fc.constantFrom(...ORDINARY), simulatorEnterprise, fc.constantFrom(...FILLER));
      fc.assert(
        fc.property(
          fc.array(fc.tuple(phrase, fc.constantFrom(" ", ", ", ". ", "\n")), { minLength: 1, maxLength: 10 }),
          fc.constantFrom("NFC", "NFD", "plain" as const),
          (parts, spelling) => {
            // capitalised at the start of a sentence
            const nfc = parts
              .map(
                ([p, sep], i) =>
                  (i === 0 || parts[i - 1]![1] === ". " ? capitalise(p) : p) + (ENDS_WITH_PLACE.has(p) && sep === " " ? ", " : sep),
              )
              .join("");
            const input =
              spelling === "plain"
                ? plain(nfc).replace(/(^|\. )(\w)/g, (_m, a: string, c: string) => a + c.toUpperCase())
                : nfc.normalize(spelling);
            expect(maskPersonalData(input), input).toBe(input.normalize("NFC"));
          },
        ),
        { numRuns: 2000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "masking is idempotent on any mix of names, ordinary words, numbers, addresses and noise",
    () => {
      const piece = fc.oneof(
        fc.constantFrom(...ORDINARY, ...FILLER, ...FORMS, ...LABELS, "STK", "số tài khoản", "CCCD", "[tên]", "[", "]", ":", "là"),
        simulatorName,
        simulatorEnterprise,
        fc.stringMatching(/^\d{1,4}([ .]\d{3,4}){0,4}$/),
        fc.string({ maxLength: 8 }),
        fc.constantFrom("0912 345 678", "nguyen.van.a@gmail.com", "001203004567"),
      );
      fc.assert(
        fc.property(fc.array(fc.tuple(piece, fc.constantFrom(" ", "", ", ", "\n")), { maxLength: 16 }), (parts) => {
          const input = parts.map(([p, sep]) => p + sep).join("");
          const once = maskPersonalData(input);
          expect(maskPersonalData(once), `${input}\n→ ${once}`).toBe(once);
        }),
        { numRuns: 3000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "a bank account number after STK, số tài khoản or TK, with or without a bank's name, never gets through",
    () => {
      const account = fc
        .tuple(fc.stringMatching(/^\d{8,19}$/), fc.constantFrom("", " ", ".", "-"), fc.integer({ min: 3, max: 4 }))
        .map(([digits, sep, size]) => ({ digits, text: digits.match(new RegExp(`.{1,${size}}`, "g"))!.join(sep) }));
      const intro = fc.constantFrom(
        "STK",
        "stk",
        "Số tài khoản",
        "số tài khoản",
        "số TK",
        "TK",
        "tài khoản",
        "so tai khoan",
        "Account no.",
      );
      const bank = fc.constantFrom(
        "",
        " Vietcombank",
        " ngân hàng Agribank chi nhánh Điện Biên",
        " BIDV số",
        " (Techcombank)",
        " tại Vietinbank là",
      );
      fc.assert(
        fc.property(filler, intro, bank, fc.constantFrom(" ", ": ", " - "), account, after, (head, i, b, sep, acc, tail) => {
          const input = `${head} ${i}${b}${sep}${acc.text}${tail}`;
          const out = maskPersonalData(input);
          expect(out, input).toBe(`${head} ${i}${b}${sep}${MASKS.bankAccount}${tail}`);
          expect(out.replace(/\D/g, "").includes(acc.digits), out).toBe(false);
        }),
        { numRuns: 2000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("names: adversarial size", () => {
  // No timing threshold (machines are shared): a pattern or a scan that went quadratic would not
  // finish these in hours, so the generous timeout only catches a hang. The outputs are checked.
  it("masks megabyte inputs built to make the name scan and the account pattern work hard", { timeout: 120_000 }, () => {
    const n = 200_000;
    expect(maskPersonalData("anh ".repeat(n)) === "anh ".repeat(n)).toBe(true);
    expect(maskPersonalData("Anh ".repeat(n)) === `Anh ${N} `).toBe(true);
    expect(maskPersonalData(`chị ${"Lò ".repeat(n)}`) === `chị ${N} `).toBe(true);
    expect(maskPersonalData("chị Hoa ".repeat(n)) === `chị ${N} `.repeat(n)).toBe(true);
    expect(maskPersonalData(`Họ và tên: ${"A ".repeat(n)}`) === `Họ và tên: ${N} `).toBe(true);
    expect(maskPersonalData("tên ".repeat(n)) === "tên ".repeat(n)).toBe(true);
    expect(maskPersonalData("anh em ".repeat(n)) === "anh em ".repeat(n)).toBe(true);
    expect(maskPersonalData("Công ty ".repeat(n)) === "Công ty ".repeat(n)).toBe(true);
    expect(maskPersonalData("STK ".repeat(n)) === "STK ".repeat(n)).toBe(true);
    // more than 60 characters between "STK" and the number: no longer read as its context
    const far = `STK ${"Vietcombank ".repeat(n)}0123456789`;
    expect(maskPersonalData(far) === far).toBe(true);
    // after an account's context a digit run of any length goes whole (only 8–19 digits make an account, but privacy wins)
    expect(maskPersonalData(`tài khoản ${"1 ".repeat(n)}`) === `tài khoản ${MASKS.bankAccount} `).toBe(true);
    expect(maskPersonalData("a@b'".repeat(n)) === `${MASKS.email.repeat(n)}'`).toBe(true);
    expect(maskPersonalData("STK 0451000123456 ".repeat(n / 10)) === `STK ${MASKS.bankAccount} `.repeat(n / 10)).toBe(true);
  });
});
