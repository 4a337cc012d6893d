// The account graph: highlight an entity's neighbours (click or Enter), focus on it
// (double-click), export the drawing as PNG (the SVG export is a plain download link).
(function () {
  "use strict";

  function neighbours(svg, id) {
    var near = new Set([id]);
    var edges = svg.querySelectorAll(".graph-edge");
    edges.forEach(function (edge) {
      var from = edge.getAttribute("data-source");
      var to = edge.getAttribute("data-target");
      var touches = from === id || to === id;
      edge.classList.toggle("is-near", touches);
      if (touches) { near.add(from); near.add(to); }
    });
    return near;
  }

  function highlight(svg, node) {
    var id = node.getAttribute("data-id");
    if (svg.getAttribute("data-selected") === id) {
      svg.removeAttribute("data-selected");
      svg.classList.remove("is-filtered");
      return;
    }
    var near = neighbours(svg, id);
    svg.querySelectorAll(".graph-node").forEach(function (other) {
      other.classList.toggle("is-near", near.has(other.getAttribute("data-id")));
    });
    svg.setAttribute("data-selected", id);
    svg.classList.add("is-filtered");
  }

  function focusOn(id) {
    var url = new URL(window.location.href);
    url.searchParams.set("focus", id);
    window.location.assign(url.toString());
  }

  function exportPng(svg, filename) {
    var clone = svg.cloneNode(true);
    clone.classList.remove("is-filtered");
    var text = new XMLSerializer().serializeToString(clone);
    var width = Number(svg.getAttribute("width"));
    var height = Number(svg.getAttribute("height"));
    var scale = Math.min(2, 16000 / Math.max(width, height));
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      var context = canvas.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      canvas.toBlob(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = filename;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
  }

  function init() {
    var wrap = document.getElementById("account-graph");
    if (!wrap) { return; }
    var svg = wrap.querySelector("svg");
    if (!svg) { return; }
    svg.addEventListener("click", function (event) {
      var node = event.target.closest(".graph-node");
      if (node) { highlight(svg, node); }
    });
    svg.addEventListener("dblclick", function (event) {
      var node = event.target.closest(".graph-node");
      if (node) { focusOn(node.getAttribute("data-id")); }
    });
    svg.addEventListener("keydown", function (event) {
      var node = event.target.closest(".graph-node");
      if (!node) { return; }
      if (event.key === "Enter") { highlight(svg, node); }
      if (event.key === "f") { focusOn(node.getAttribute("data-id")); }
    });
    var png = document.getElementById("graph-export-png");
    if (png) {
      png.addEventListener("click", function () {
        exportPng(svg, png.getAttribute("data-filename") || "account-graph.png");
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
