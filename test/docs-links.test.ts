// Every relative link in the README and the pages under docs/ points to a file that exists, and a
// link to a heading (`page.md#heading`, `#heading`) to a heading that exists, so moving a file or
// renaming a section cannot leave the docs pointing nowhere.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The pages checked, relative to the repository root. */
const PAGES = [
  "README.md",
  "services/bench/README.md",
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/**
 * Packages another change is creating at the same time as these docs (issue 18: the split of
 * @lrew/scoring). Links into them are not checked until that change is merged; then this list goes.
 */

/** Lines outside fenced code blocks, with inline code spans blanked (links in code are not links). */
function proseLines(markdown: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let fenced = false;
  markdown.split("\n").forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fenced = !fenced;
      return;
    }
    if (!fenced) out.push({ line: i + 1, text: text.replace(/`[^`]*`/g, (code) => " ".repeat(code.length)) });
  });
  return out;
}

interface Link {
  line: number;
  target: string;
}

/** Inline links and images: `[text](target)`, `![alt](target "title")`. */
function relativeLinks(markdown: string): Link[] {
  const links: Link[] = [];
  for (const { line, text } of proseLines(markdown)) {
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
      links.push({ line, target });
    }
  }
  return links;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link's text
    .replace(/[`*]/g, "") // code and emphasis marks (underscores stay: they are usually in names)
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, "").replace(/ /g, "-");
}

/** Every anchor a Markdown file offers (repeated headings get -1, -2, … as on GitHub). */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const slug = headingSlug(m[1]!);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** What is wrong with one link of `page`, or undefined when it resolves. */
function problem(page: string, target: string): string | undefined {
  const [file = "", anchor] = target.split("#", 2);
  const resolved = file === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURI(file)));
  if (resolved.startsWith("..")) return "points outside the repository";
  const absolute = path.join(ROOT, resolved);
  if (!existsSync(absolute)) return `${resolved} does not exist`;
  if (anchor === undefined || anchor === "") return undefined;
  if (!resolved.endsWith(".md") || statSync(absolute).isDirectory()) return undefined;
  return anchorsOf(readFileSync(absolute, "utf8")).has(decodeURIComponent(anchor)) ? undefined : `${resolved} has no heading #${anchor}`;
}

describe("relativeLinks and headingSlug", () => {
  it("find links and images outside code, and leave absolute URLs alone", () => {
    const md = [
      'See [a](docs/a.md#x) and ![b](img/b.png "title"), [c](https://example.vn).',
      "`[not](a-link.md)` and",
      "```",
      "[not](either.md)",
      "```",
      "[d](<spaced.md>)",
    ].join("\n");
    expect(relativeLinks(md)).toEqual([
      { line: 1, target: "docs/a.md#x" },
      { line: 1, target: "img/b.png" },
      { line: 6, target: "spaced.md" },
    ]);
  });

  it("make GitHub's anchors, Vietnamese included", () => {
    expect(headingSlug("Analysts' queries")).toBe("analysts-queries");
    expect(headingSlug("Why kafkajs and Kafka 4.1")).toBe("why-kafkajs-and-kafka-41");
    expect(headingSlug("`lrew_analytics.alerts`")).toBe("lrew_analyticsalerts");
    expect(headingSlug("Ẩn danh — Anonymity")).toBe("ẩn-danh--anonymity");
  });
});

describe.each(PAGES)("%s", (page) => {
  it("has relative links that all resolve", () => {
    const links = relativeLinks(readFileSync(path.join(ROOT, page), "utf8"));
    const broken = links.flatMap(({ line, target }) => {
      const why = problem(page, target);
      return why === undefined ? [] : [`${page}:${line}: (${target}) ${why}`];
    });
    expect(broken).toEqual([]);
  });
});
