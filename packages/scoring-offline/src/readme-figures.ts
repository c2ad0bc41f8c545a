// The like-for-like figures as the READMEs quote them: one row format for the tables of the root
// README, this package's README and docs/scoring.md, made from summaryOf (like-for-like-report.ts).
// readme-figures.test.ts checks every quoted row against the committed reports. Pure.
import type { summaryOf } from "./like-for-like-report.ts";

type Summary = ReturnType<typeof summaryOf>;

export const METHOD_TITLES: Record<string, string> = {
  model: "model `default-4`",
  insurance_rule: "insurance rule (months of arrears)",
  grievance_rule: "grievance rule",
  oracle: "oracle (the simulator's hazard)",
};

/** The worlds the READMEs report, each a directory of reports/like-for-like/. */
export const LIKE_FOR_LIKE_WORLDS = [
  { dir: "seeds-8", title: "default province" },
  { dir: "industrial", title: "industrial" },
  { dir: "weak-signals", title: "weak signals" },
  { dir: "incident-drivers", title: "other incident drivers" },
] as const;

/** `| model `default-4` | 28 % (49/174) | 0.93 (3.52) | 33 | 1.5 % |` */
export function methodRow(method: string, s: Summary): string {
  const m = s.methods[method]!;
  return `| ${METHOD_TITLES[method]} | ${m.recall} | ${m.falseEmails} (${m.worst}) | ${m.lead} | ${m.openLoad} |`;
}

/** A world's row after its title cell: `| D … G | 346 | 19 % (1.01) | … | 74 % | 0.220 |`. */
export function worldCells(s: Summary): string {
  const cell = (method: string) => `${s.methods[method]!.recall.split(" (")[0]} (${s.methods[method]!.falseEmails})`;
  return `| ${s.seeds} | ${s.incidents.toLocaleString("en")} | ${["model", "insurance_rule", "grievance_rule", "oracle"].map(cell).join(" | ")} | ${s.modelShareOfOracle} | ${s.modelSkill} |`;
}
