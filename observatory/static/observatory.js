/* The observatory's charts (Chart.js) and collectives map (Leaflet), drawn from data the page carries:
   - a <canvas data-chart="ID"> reads its figures from <script type="application/json" id="ID">, the same figures
     as the table beside it (observatory/chartdata.py);
   - a <div class="obs-leaflet" data-src="..."> fetches the public part of the listed collectives as JSON.
   Without JavaScript the tables and the list say the same thing. No inline script: the CSP forbids it. */
(function () {
  "use strict";

  function rgba(hex, alpha) {
    var value = parseInt(hex.slice(1), 16);
    return "rgba(" + (value >> 16 & 255) + "," + (value >> 8 & 255) + "," + (value & 255) + "," + alpha + ")";
  }

  function barConfig(spec) {
    var many = spec.datasets.length > 1;
    var valueAxis = {beginAtZero: true, stacked: spec.stacked, ticks: {precision: 0}};
    var labelAxis = {stacked: spec.stacked, ticks: {autoSkip: false}};
    return {
      type: "bar",
      data: {labels: spec.labels, datasets: spec.datasets.map(function (set) {
        return {label: set.label, data: set.data, backgroundColor: set.color, borderRadius: 2, maxBarThickness: 36};
      })},
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        scales: spec.horizontal ? {x: valueAxis, y: labelAxis} : {x: labelAxis, y: valueAxis},
        plugins: {legend: {display: many, position: "bottom"}}
      }
    };
  }

  function radarConfig(spec) {
    return {
      type: "radar",
      data: {labels: spec.labels, datasets: spec.datasets.map(function (set) {
        return {label: set.label, data: set.data, borderColor: set.color, backgroundColor: rgba(set.color, 0.2),
                pointBackgroundColor: set.color, borderWidth: 2};
      })},
      options: {
        scales: {r: {min: spec.min, max: spec.max, ticks: {stepSize: 1, backdropColor: "transparent"},
                     pointLabels: {font: {size: 13}}}},
        plugins: {legend: {position: "bottom"}}
      }
    };
  }

  function chartHeight(spec) {
    if (spec.type === "radar") { return 380; }
    if (spec.horizontal) { return Math.max(160, spec.labels.length * spec.datasets.length * 30 + 70); }
    return 300;
  }

  function drawChart(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || !window.Chart) { return; }
    var spec = JSON.parse(source.textContent);
    var box = canvas.parentElement;
    box.hidden = false;
    box.style.height = chartHeight(spec) + "px";
    var config = spec.type === "radar" ? radarConfig(spec) : barConfig(spec);
    config.options.maintainAspectRatio = false;
    config.options.locale = document.documentElement.lang || "fr";
    config.options.animation = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? false : {duration: 400};
    canvas.chart = new window.Chart(canvas, config);
  }

  function popup(point) {
    var root = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    var title = document.createElement("strong");
    title.appendChild(link);
    var place = document.createElement("div");
    place.textContent = point.commune + " (" + point.departement + ")";
    var facts = document.createElement("div");
    facts.textContent = point.kind_label + " · " + point.phase_label;
    root.append(title, place, facts);
    return root;
  }

  function addOutline(map, url) {
    return fetch(url).then(function (response) { return response.json(); }).then(function (outline) {
      window.L.geoJSON(outline, {interactive: false, style: function (feature) {
        return feature.properties.france
          ? {color: "#5b7f52", weight: 1.2, fillColor: "#f3f6ee", fillOpacity: 1}
          : {color: "#b9c3c8", weight: 0.8, fillColor: "#e8ecee", fillOpacity: 1};
      }}).addTo(map);
    });
  }

  function addCollectives(map, element) {
    var colours = JSON.parse(element.dataset.colours);
    return fetch(element.dataset.src, {headers: {Accept: "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var bounds = [];
        data.collectives.forEach(function (point) {
          var colour = colours[point.kind] || "#999999";
          window.L.circleMarker([point.latitude, point.longitude], {
            radius: 7, color: "#ffffff", weight: 1.5, fillColor: colour, fillOpacity: 0.95, className: "obs-marker"
          }).bindPopup(popup(point)).bindTooltip(point.name).addTo(map);
          bounds.push([point.latitude, point.longitude]);
        });
        if (bounds.length > 1) { map.fitBounds(bounds, {padding: [30, 30], maxZoom: 9}); }
        element.dataset.markers = String(bounds.length);
      });
  }

  function drawMap(element) {
    if (!window.L) { return; }
    element.hidden = false;
    var map = window.L.map(element, {scrollWheelZoom: false, minZoom: 4, maxZoom: element.dataset.tiles ? 18 : 10})
      .setView([46.6, 2.4], 5);
    map.attributionControl.setPrefix("Leaflet");
    var base;
    if (element.dataset.tiles) {
      window.L.tileLayer(element.dataset.tiles, {attribution: element.dataset.attribution || ""}).addTo(map);
      base = Promise.resolve();
    } else {
      map.attributionControl.addAttribution(element.dataset.attribution);
      base = addOutline(map, element.dataset.outline);
    }
    // markers go on even if the outline could not be read
    base.catch(function () { return null; }).then(function () { return addCollectives(map, element); });
  }

  function start() {
    document.querySelectorAll("canvas[data-chart]").forEach(drawChart);
    document.querySelectorAll(".obs-leaflet[data-src]").forEach(drawMap);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
