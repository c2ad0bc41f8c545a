// The report as one printable HTML page: every table, a bar chart beside the tables that have one,
// and a print stylesheet that gives an A4 PDF from any browser (Ctrl+P → Save as PDF). Self-contained:
// no script, no external file, so it can be e-mailed or archived as it is.
import type { Lang } from "@lrew/contracts";
import { formatCell } from "./format.ts";
import type { Report, ReportTable } from "./model.ts";
import { rangeText } from "./period.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const WORDS = {
  vi: { days: "Thời gian", scope: "Phạm vi", made: "Lập lúc", empty: "Không có số liệu trong kỳ.", chart: "Biểu đồ" },
  en: { days: "Days", scope: "Covers", made: "Made at", empty: "Nothing in this period.", chart: "Chart" },
};

/** Horizontal bars of one column against the first, without the total line; null when nothing to draw. */
export function barChart(table: ReportTable, lang: Lang): string | null {
  if (!table.chart) return null;
  const at = table.columns.findIndex((c) => c.key === table.chart!.valueKey);
  if (at < 0) return null;
  const totalWords = new Set(["Tổng cộng", "Total"]);
  const bars = table.rows
    .filter((r) => typeof r[0] === "string" && !totalWords.has(r[0]) && typeof r[at] === "number")
    .map((r) => ({ label: String(r[0]), value: r[at] as number }));
  const max = Math.max(0, ...bars.map((b) => b.value));
  if (bars.length === 0 || max === 0) return null;
  const rowH = 18;
  const labelW = 210;
  const barW = 360;
  const h = bars.length * rowH + 8;
  const kind = table.columns[at]!.kind;
  const items = bars
    .map((b, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(1, Math.round((b.value / max) * barW));
      const label = b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label;
      return `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end">${esc(label)}</text><rect x="${labelW}" y="${y + 2}" width="${w}" height="${rowH - 6}"/><text x="${labelW + w + 4}" y="${y + 12}">${esc(formatCell(b.value, kind, lang))}</text>`;
    })
    .join("");
  const title = `${WORDS[lang].chart}: ${table.columns[at]!.label[lang]}`;
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + 70} ${h}" width="${labelW + barW + 70}" height="${h}"><title>${esc(title)}</title>${items}</svg>`;
}

function tableHtml(table: ReportTable, lang: Lang): string {
  const head = table.columns.map((c) => `<th class="${c.kind}">${esc(c.label[lang])}</th>`).join("");
  const body =
    table.rows.length === 0
      ? `<tr><td colspan="${table.columns.length}" class="empty">${esc(WORDS[lang].empty)}</td></tr>`
      : table.rows
          .map(
            (r) =>
              `<tr>${r.map((v, i) => `<td class="${table.columns[i]!.kind}">${esc(formatCell(v, table.columns[i]!.kind, lang))}</td>`).join("")}</tr>`,
          )
          .join("\n");
  const chart = barChart(table, lang);
  return `<section id="${table.id}">
<h2>${esc(table.title[lang])}</h2>
${table.note ? `<p class="note">${esc(table.note[lang])}</p>` : ""}
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
${chart ?? ""}
</section>`;
}

const CSS = `
body { font-family: "Times New Roman", "Noto Serif", serif; font-size: 12pt; color: #111; max-width: 190mm; margin: 1.5em auto; }
h1 { font-size: 16pt; text-align: center; margin: 0.2em 0; }
.meta { text-align: center; margin-bottom: 1.5em; }
h2 { font-size: 13pt; margin: 1.2em 0 0.3em; }
.note { font-style: italic; font-size: 10.5pt; margin: 0.2em 0 0.5em; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; }
th, td { border: 1px solid #555; padding: 2px 5px; vertical-align: top; }
th { background: #e8eef4; }
td.int, td.percent, td.change { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
td.empty { text-align: center; font-style: italic; }
svg.chart { display: block; margin: 0.6em 0; font-size: 10px; max-width: 100%; height: auto; }
svg.chart rect { fill: #2f5d8a; }
section { break-inside: auto; }
h2, .note { break-after: avoid; }
tr { break-inside: avoid; }
@page { size: A4; margin: 15mm 12mm; }
@media print { body { margin: 0; max-width: none; } th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } svg.chart rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
`;

export function reportHtml(report: Report, lang: Lang): string {
  const W = WORDS[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${esc(report.title[lang])}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(report.title[lang])}</h1>
<p class="meta">${esc(W.days)}: ${esc(rangeText(report.period))} · ${esc(W.scope)}: ${esc(report.coverage[lang])} · ${esc(W.made)}: ${esc(report.generatedAt)}</p>
${report.tables.map((t) => tableHtml(t, lang)).join("\n")}
</body>
</html>
`;
}
