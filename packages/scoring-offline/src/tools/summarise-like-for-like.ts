// Prints the like-for-like figures the READMEs quote, from the committed reports (no replay): the
// pooled default province (reports/like-for-like/seeds-8) and each world's row. The READMEs' tables
// are made of these lines; readme-figures.test.ts checks that they still match the reports.
//   node packages/scoring-offline/src/tools/summarise-like-for-like.ts
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { summaryOf, type FullLikeForLike } from "../like-for-like-report.ts";
import { LIKE_FOR_LIKE_WORLDS, methodRow, worldCells } from "../readme-figures.ts";

const dir = resolve(import.meta.dirname, "../../reports/like-for-like");
const read = (name: string) => summaryOf(JSON.parse(readFileSync(join(dir, name, "like-for-like.json"), "utf8")) as FullLikeForLike);
const pooled = read("seeds-8");
console.log("| method | recall (caught) | false e-mails / area / month (worst area) | median lead, days (≤ 60) | open load |");
console.log("| --- | --- | --- | --- | --- |");
for (const m of ["model", "insurance_rule", "grievance_rule", "oracle"]) console.log(methodRow(m, pooled));
console.log(`\nmodel ÷ oracle ${pooled.modelShareOfOracle}, Brier skill at its label ${pooled.modelSkill}\n`);
console.log("| world | seeds | incidents | model | insurance rule | grievance rule | oracle | model ÷ oracle | model's Brier skill |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const w of LIKE_FOR_LIKE_WORLDS) console.log(`| ${w.title} ${worldCells(read(w.dir))}`);
