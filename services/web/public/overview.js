// Overview charts: enterprises by level, and high / critical enterprises over time.

(() => {
  const c = window.lrewCharts;
  const d = c.data();
  const locale = document.body.dataset.lang === "vi" ? "vi-VN" : "en-GB";
  const fmt = (v) => new Intl.NumberFormat(locale).format(v);
  c.make("chart-levels", {
    tooltip: { trigger: "item", valueFormatter: fmt },
    grid: { left: 60, right: 20, top: 20, bottom: 30 },
    xAxis: { type: "category", data: d.levels.map((l) => l.name) },
    yAxis: { type: "value", axisLabel: { formatter: fmt } },
    series: [
      {
        type: "bar",
        data: d.levels.map((l) => ({ value: l.value, itemStyle: { color: c.colors[l.level] } })),
        label: { show: true, position: "top", formatter: (p) => fmt(p.value) },
      },
    ],
  });
  c.make("chart-trend", {
    tooltip: { trigger: "axis", valueFormatter: fmt },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: "category", data: d.trend.dates },
    yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: fmt } },
    series: [
      { name: d.trend.highName, type: "line", data: d.trend.high, color: c.colors.high, showSymbol: false },
      { name: d.trend.criticalName, type: "line", data: d.trend.critical, color: c.colors.critical, showSymbol: false },
    ],
  });
})();
