// Every like-for-like figure the READMEs quote comes from a committed report: the rows are rebuilt
// here from reports/like-for-like/*/like-for-like.json and must appear as they are. Regenerating a
// report without updating the READMEs (summarise-like-for-like.ts prints the rows) fails this test.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { summaryOf, type FullLikeForLike } from "./like-for-like-report.ts";
import { LIKE_FOR_LIKE_WORLDS, METHOD_TITLES, methodRow, worldCells } from "./readme-figures.ts";

const root = resolve(import.meta.dirname, "../../..");
const text = (file: string) => readFileSync(join(root, file), "utf8");
const report = (dir: string) =>
  summaryOf(JSON.parse(text(`packages/scoring-offline/reports/like-for-like/${dir}/like-for-like.json`)) as FullLikeForLike);
const pooled = report("seeds-8");

describe("like-for-like figures in the READMEs", () => {
  it.each(Object.keys(METHOD_TITLES))("this package's README quotes the pooled default province's %s row", (method) => {
    expect(text("packages/scoring-offline/README.md")).toContain(methodRow(method, pooled));
  });

  it.each(LIKE_FOR_LIKE_WORLDS.map((w) => [w.title, w] as const))("the worlds' tables quote the %s world's row", (_title, w) => {
    const cells = worldCells(report(w.dir));
    for (const file of ["packages/scoring-offline/README.md", "docs/scoring.md"]) {
      const line = text(file)
        .split("\n")
        .find((l) => l.startsWith(`| [${w.title}](`));
      expect(line, `${file}: the ${w.title} row`).toBeDefined();
      expect(line, file).toContain(cells);
    }
  });

  it("the root README's headline matches the pooled report", () => {
    const section = text("README.md").split("## How well it warns")[1]!.split("\n## ")[0]!;
    expect(section).toContain(`**${pooled.methods.model!.recall}**`);
    for (const m of ["insurance_rule", "grievance_rule", "oracle"]) expect(section).toContain(pooled.methods[m]!.recall);
    expect(section).toContain(`median lead ${pooled.methods.model!.lead} days`);
    expect(section).toContain(`${pooled.modelShareOfOracle} of what the oracle`);
  });
});
