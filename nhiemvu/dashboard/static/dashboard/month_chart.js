// The dashboard's chart by month: draws each canvas[data-month-chart] from the JSON of the
// element it names (dashboard.chart.chart_data), and the new one htmx swaps in with a new table.
// A click on a bar segment opens the task list of that segment's tasks.
(function () {
  "use strict";

  function colour(name) {
    // The Bootstrap colour of the timeliness badge, as the cards show it.
    return getComputedStyle(document.documentElement).getPropertyValue("--bs-" + name).trim() || "#6c757d";
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.monthChart);
    if (!source || typeof Chart === "undefined" || Chart.getChart(canvas)) {
      return; // drawn already: htmx swapped in something else
    }
    var data = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (set) {
          return { label: set.label, data: set.data, links: set.links, backgroundColor: colour(set.colour) };
        }),
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          if (!elements.length) {
            return;
          }
          var element = elements[0];
          var link = data.datasets[element.datasetIndex].links[element.index];
          if (link) {
            window.location.assign(link);
          }
        },
      },
    });
  }

  function drawAll(root) {
    root.querySelectorAll("canvas[data-month-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
  });
  // A new table (another period) brings a new canvas; opening a unit's rows brings none.
  document.addEventListener("htmx:afterSettle", function () {
    drawAll(document);
  });
})();
