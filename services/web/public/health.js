// Health chart: events stored per minute over the last hour.

(() => {
  const c = window.lrewCharts;
  const d = c.data();
  const locale = document.body.dataset.lang === "vi" ? "vi-VN" : "en-GB";
  const fmt = (v) => new Intl.NumberFormat(locale).format(v);
  c.make("chart-ingest", {
    tooltip: { trigger: "axis", valueFormatter: fmt },
    grid: { left: 60, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "category", data: d.ingest.map((m) => m.minute) },
    yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: fmt } },
    series: [{ name: d.eventsName, type: "bar", data: d.ingest.map((m) => m.events), color: "#0f3d6e" }],
  });
})();
