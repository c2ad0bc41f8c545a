// Re-renders a like-for-like report's Markdown and charts from its JSON (like-for-like.json), e.g.
// after a change of wording or chart layout, without replaying the provinces:
//   node packages/scoring-offline/src/tools/render-like-for-like.ts <dir> [title]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeLikeForLike, type FullLikeForLike } from "../like-for-like-report.ts";

const [dir, title] = process.argv.slice(2);
if (!dir) {
  console.error("usage: render-like-for-like.ts <dir with like-for-like.json> [title]");
  process.exit(2);
}
const report = JSON.parse(readFileSync(join(dir, "like-for-like.json"), "utf8")) as FullLikeForLike;
const old = readFileSync(join(dir, "like-for-like.md"), "utf8");
await writeLikeForLike(report, dir, title ?? old.split("\n")[0]!.replace(/^# /, ""));
console.error(`rendered ${dir}`);
