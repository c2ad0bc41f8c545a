// Enterprise charts: score history with the level bands, and the factor contributions.

(() => {
  const c = window.lrewCharts;
  const d = c.data();
  const pct = (v) => c.percent(d.locale, v, 1);
  const max = Math.max(d.bands[2].from * 1.6, ...d.history.map((h) => h.score * 1.1));
  const band = (from, to, level) => [{ yAxis: from, itemStyle: { color: c.colors[level], opacity: 0.1 } }, { yAxis: to }];
  c.make("chart-history", {
    tooltip: { trigger: "axis", valueFormatter: pct },
    grid: { left: 60, right: 20, top: 20, bottom: 30 },
    xAxis: { type: "category", data: d.history.map((h) => h.date) },
    yAxis: { type: "value", min: 0, max, axisLabel: { formatter: (v) => pct(v) } },
    series: [
      {
        name: d.scoreName,
        type: "line",
        data: d.history.map((h) => h.score),
        color: "#0f3d6e",
        showSymbol: d.history.length < 40,
        markArea: {
          silent: true,
          label: { position: "insideTopLeft", color: "#555" },
          data: [
            [{ name: d.bands[0].name, ...band(d.bands[0].from, d.bands[1].from, "watch")[0] }, band(0, d.bands[1].from, "watch")[1]],
            [{ name: d.bands[1].name, ...band(d.bands[1].from, d.bands[2].from, "high")[0] }, band(0, d.bands[2].from, "high")[1]],
            [{ name: d.bands[2].name, ...band(d.bands[2].from, max, "critical")[0] }, band(0, max, "critical")[1]],
          ],
        },
      },
    ],
  });
  c.make("chart-contributions", {
    tooltip: { trigger: "item" },
    grid: { left: 250, right: 30, top: 10, bottom: 20 },
    xAxis: { type: "value", axisLabel: { formatter: (v) => new Intl.NumberFormat(d.locale).format(v) } },
    yAxis: { type: "category", data: d.contributions.map((x) => x.name), axisLabel: { width: 240, overflow: "truncate" } },
    series: [
      {
        type: "bar",
        data: d.contributions.map((x) => ({ value: x.value, itemStyle: { color: x.value > 0 ? c.colors.critical : c.colors.low } })),
      },
    ],
  });
})();
