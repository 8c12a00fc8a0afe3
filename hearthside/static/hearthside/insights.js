// The insights charts (templates/insights/_chart.html), drawn with Chart.js (served by the app
// from node_modules: vendor/chartjs/chart.umd.min.js, loaded just before this file).
//
// Each <canvas data-insight-chart="ID"> names a <script type="application/json" id="ID"> that
// holds the chart's data (written by hearthside/insights/charts.py): data, never code, so the
// page's strict CSP needs no exception. Without JavaScript, or without Chart.js, the canvas
// shows its reading and the same numbers are in the table under it.
(function () {
  "use strict";

  // The site's palette (hearthside.css), named as charts.py names it.
  var COLORS = {
    ember: "#b4471f",
    sage: "#3f6b4f",
    dusk: "#5a4a7a",
    gold: "#b8860b",
    sky: "#2f6f9f",
    sand: "#a8998b"
  };
  var INK = "#2b2420";
  var INK_SOFT = "#5b4f47";
  var LINE = "#e6dcd2";

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function readSpec(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-insight-chart"));
    if (!source) { return null; }
    try { return JSON.parse(source.textContent); } catch (e) { return null; }
  }

  function dataset(d, kind) {
    var color = COLORS[d.color] || COLORS.ember;
    var fill = kind === "line" ? color : color + "d9";
    if (d.colors && d.colors.length) {
      fill = d.colors.map(function (name) { return (COLORS[name] || color) + "d9"; });
    }
    var out = {
      label: d.label,
      data: d.data,
      backgroundColor: fill,
      borderColor: color,
      borderWidth: kind === "line" ? 2 : 0,
      pointRadius: kind === "line" ? 3 : 0,
      spanGaps: true,
      tension: 0.25
    };
    if (d.stack) { out.stack = d.stack; }
    return out;
  }

  function config(spec) {
    var horizontal = spec.kind === "hbar";
    var type = spec.kind === "line" ? "line" : "bar";
    var value = {
      stacked: !!spec.stacked,
      beginAtZero: spec.yMin === null || spec.yMin === 0,
      grid: { color: LINE },
      // Whole numbers for counts (and for the 1-5 and 0-10 scales); tenths for days to repair.
      ticks: { color: INK_SOFT, precision: spec.whole || spec.yMax ? 0 : 1 },
      title: { display: !!spec.yLabel, text: spec.yLabel, color: INK_SOFT }
    };
    if (spec.yMin !== null) { value.min = spec.yMin; }
    if (spec.yMax !== null) { value.max = spec.yMax; }
    var category = {
      stacked: !!spec.stacked,
      grid: { display: false },
      ticks: { color: INK_SOFT, autoSkip: true, maxRotation: 0 }
    };
    return {
      type: type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d) { return dataset(d, spec.kind); })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion() ? false : { duration: 400 },
        scales: horizontal ? { x: value, y: category } : { x: category, y: value },
        plugins: {
          legend: {
            display: spec.datasets.length > 1,
            position: "bottom",
            labels: { color: INK, boxWidth: 14 }
          },
          tooltip: { intersect: false, mode: "index" }
        }
      }
    };
  }

  function draw(canvas) {
    var spec = readSpec(canvas);
    if (!spec || typeof window.Chart === "undefined") { return; }
    if (spec.kind === "hbar") {
      // Room for each bar and its label, whatever their number.
      var bars = Math.max(1, spec.labels.length);
      canvas.parentNode.style.height = (4 + bars * 2.2 * Math.max(1, spec.datasets.length) * 0.7) + "rem";
    }
    canvas.setAttribute("data-drawn", "true");
    // Chart.js keeps the instance; nothing here needs it again.
    new window.Chart(canvas, config(spec));
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-insight-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
