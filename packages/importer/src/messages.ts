// Bilingual texts of the importer's own findings (the contract's come from @lrew/contracts).
// Vietnamese first: it is the language of the people who send the files.
import type { Lang } from "@lrew/contracts";

export type { Lang };

/** A message in both languages; rendered with `text(msg, lang)` where the language is known. */
export interface Msg {
  vi: string;
  en: string;
}

export const msg = (vi: string, en: string): Msg => ({ vi, en });
export const text = (m: Msg, lang: Lang): string => m[lang];

/** Shows a cell value to a person: quoted text, as written. */
export function show(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString());
  return JSON.stringify(typeof value === "string" ? value : String(value));
}
