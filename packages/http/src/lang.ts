// The language of answers: Vietnamese unless the caller's Accept-Language prefers English.
import type { Lang } from "@lrew/contracts";

/**
 * Picks vi or en from an Accept-Language header. English only when the header ranks it above
 * Vietnamese (an absent language ranks 0, `*` ranks what it says for both); otherwise `fallback`.
 */
export function pickLang(header: string | string[] | undefined, fallback: Lang = "vi"): Lang {
  const text = Array.isArray(header) ? header.join(",") : header;
  if (!text) return fallback;
  const q: Record<string, number> = {};
  for (const part of text.split(",")) {
    const [tag, ...params] = part.trim().split(";");
    const primary = (tag ?? "").trim().toLowerCase().split("-")[0]!;
    if (!primary) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) weight = Number(m[1]);
    }
    if (!Number.isFinite(weight)) continue;
    q[primary] = Math.max(q[primary] ?? 0, weight);
  }
  const star = q["*"] ?? 0;
  const vi = q.vi ?? star;
  const en = q.en ?? star;
  if (en > vi) return "en";
  if (vi > en) return "vi";
  return fallback;
}
