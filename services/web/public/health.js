// Health chart: events stored per minute over the last hour.

(() => {
  const c = window.lrewCharts;
  const d = c.data();
  c.make("chart-ingest", {
    tooltip: { trigger: "axis" },
    grid: { left: 60, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "category", data: d.ingest.map((m) => m.minute) },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ name: d.eventsName, type: "bar", data: d.ingest.map((m) => m.events), color: "#0f3d6e" }],
  });
})();
