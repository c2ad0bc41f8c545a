// Pipeline health: ingest rate, consumer lag, dead letters, scoring runs, data freshness.
import { formatDate, formatNumber, formatVietnamDateTime } from "../format.ts";
import { html, jsonData, type Html } from "../html.ts";
import type { KafkaHealth } from "../kafka-health.ts";
import { RUN_STATUS_NAMES, nameOf } from "../labels.ts";
import { t } from "../messages.ts";
import type { Freshness, IngestMinute, ScoringRun } from "@lrew/warehouse";
import { layout, table, type PageContext } from "./layout.ts";

export interface HealthData {
  ingest: IngestMinute[];
  freshness: Freshness[];
  runs: ScoringRun[];
  /** undefined: no Kafka source; an Error: Kafka did not answer. */
  kafka: KafkaHealth | Error | undefined;
}

export function healthPage(ctx: PageContext, d: HealthData): Html {
  const { lang } = ctx;
  const n = (x: number) => formatNumber(x, lang, 0);
  const when = (s: string) => (s.startsWith("1970-01-01") ? "—" : formatVietnamDateTime(s));
  let kafka: Html;
  if (d.kafka === undefined) kafka = html`<p class="muted">${t("kafkaOff", lang)}</p>`;
  else if (d.kafka instanceof Error) kafka = html`<p class="error" id="kafka-error">${t("kafkaUnknown", lang)}: ${d.kafka.message}</p>`;
  else {
    kafka = html`<div class="grid2"><div><h3>${t("consumerLag", lang)}</h3>${table(
      [t("group", lang), t("topic", lang), { num: t("lag", lang) }],
      d.kafka.lag.map((l) => html`<tr><td>${l.group}</td><td class="mono">${l.topic}</td><td class="num">${n(l.lag)}</td></tr>`),
      t("nothing", lang),
      "compact",
    )}</div><div><h3>${t("deadLetters", lang)}</h3>${table(
      [t("stream", lang), t("topic", lang), { num: t("messages", lang) }],
      d.kafka.deadLetters.map(
        (x) =>
          html`<tr><td>${x.stream}</td><td class="mono">${x.topic}</td><td class="num ${x.messages > 0 ? "up" : ""}">${n(x.messages)}</td></tr>`,
      ),
      t("nothing", lang),
      "compact",
    )}</div></div>`;
  }
  const runs = d.runs.map(
    (r) => html`<tr><td>${formatVietnamDateTime(r.started_at)}</td><td>${formatDate(r.as_of)}</td><td>${r.model_version}</td>
<td class="status-${r.status}">${nameOf(RUN_STATUS_NAMES, r.status, lang)}</td><td class="num">${n(r.enterprises_scored)}</td><td class="num">${n(r.level_changes)}</td></tr>`,
  );
  const fresh = d.freshness.map(
    (f) =>
      html`<tr><td class="mono">${f.table}</td><td class="num">${n(f.events)}</td><td>${when(f.last_ingested)}</td><td>${when(f.last_reported)}</td></tr>`,
  );
  const total = d.ingest.reduce((s, m) => s + m.events, 0);
  const body = html`
<section class="card"><h2>${t("ingestRate", lang)}</h2><p class="figures"><span><b id="ingest-total">${n(total)}</b> ${t("events", lang).toLowerCase()}</span></p>
  <div class="chart small" id="chart-ingest"></div></section>
<section class="card" id="kafka">${kafka}</section>
<div class="grid2">
  <section class="card"><h2>${t("scoringRuns", lang)}</h2>
    ${table([t("started", lang), t("asOf", lang), t("model", lang), t("status", lang), { num: t("scored", lang) }, { num: t("changes", lang) }], runs, t("nothing", lang), "compact")}</section>
  <section class="card"><h2>${t("freshness", lang)}</h2>
    ${table([t("table", lang), { num: t("events", lang) }, t("lastIngested", lang), t("lastReported", lang)], fresh, t("nothing", lang), "compact")}
    <p class="muted">${t("timesVietnam", lang)}</p></section>
</div>
${jsonData("page-data", { ingest: d.ingest.map((m) => ({ minute: formatVietnamDateTime(m.minute).slice(11), events: m.events })), eventsName: t("events", lang) })}`;
  return layout(ctx, { title: t("navHealth", lang), nav: "health", body, scripts: ["charts.js", "health.js"] });
}
