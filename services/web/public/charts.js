// Shared by the page scripts: reads the page's JSON data and makes ECharts charts that resize.

window.lrewCharts = {
  data() {
    const el = document.getElementById("page-data");
    return el ? JSON.parse(el.textContent) : {};
  },
  colors: { low: "#2e7d32", watch: "#c49000", high: "#e65100", critical: "#b71c1c" },
  make(id, option) {
    const el = document.getElementById(id);
    if (!el || !window.echarts) return null;
    const chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({ animation: false, textStyle: { fontFamily: "DejaVu Sans, system-ui, sans-serif" }, ...option });
    window.addEventListener("resize", () => chart.resize());
    el.dataset.ready = "1";
    return chart;
  },
  percent(locale, v, digits) {
    return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: digits ?? 1 }).format(v);
  },
};
