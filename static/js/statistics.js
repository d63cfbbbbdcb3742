// Charts of the statistics page and the dashboard (Chart.js, vendored). The page puts a list of chart
// specs in <script id="chart-data" type="application/json">: {id, type, labels, datasets, links,
// horizontal, legend}. A bar or slice with a link opens the list behind it (a dataset's own "links"
// first: the bars of last year open last year's list).
(function () {
  const source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") return;
  const palette = ["#b3261e", "#9e9e9e", "#f0a202", "#2e7d32", "#1565c0", "#6a1b9a", "#00838f", "#795548", "#546e7a"];
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  Chart.defaults.locale = "vi-VN";
  Chart.defaults.animation = false;

  JSON.parse(source.textContent).forEach(function (spec) {
    const canvas = document.getElementById(spec.id);
    if (!canvas) return;
    const round = spec.type === "doughnut" || spec.datasets.length === 1 && spec.type === "bar";
    const datasets = spec.datasets.map(function (set, index) {
      const colour = round ? palette : palette[index % palette.length];
      const drawn = Object.assign({ backgroundColor: colour, borderColor: spec.type === "line" ? palette[0] : undefined, tension: 0.2 }, set);
      delete drawn.links;
      return drawn;
    });
    const valueAxis = { beginAtZero: true, ticks: { precision: 0 } };
    function linkOf(element) {
      const links = spec.datasets[element.datasetIndex].links || spec.links || [];
      return links[element.index];
    }
    const options = {
      maintainAspectRatio: false,
      plugins: { legend: { display: spec.legend !== false, position: spec.type === "doughnut" ? "bottom" : "top" } },
      onClick: function (event, elements) {
        const link = elements.length ? linkOf(elements[0]) : null;
        if (link) window.location.href = link;
      },
      onHover: function (event, elements) {
        event.native.target.style.cursor = elements.length && linkOf(elements[0]) ? "pointer" : "default";
      },
    };
    if (spec.type !== "doughnut") {
      options.indexAxis = spec.horizontal ? "y" : "x";
      options.scales = spec.horizontal ? { x: valueAxis } : { y: valueAxis };
    }
    canvas.chart = new Chart(canvas, { type: spec.type, data: { labels: spec.labels, datasets: datasets }, options: options });
  });
})();
