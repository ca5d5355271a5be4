// The explainer's progressive enhancements: FAQ permalinks open their answer, the comparison
// table sorts by any column, and printing opens every collapsed answer. The site works without it.
(function () {
  "use strict";

  // Opening a link to an answer (#id on a <details>) opens that answer and scrolls to it.
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView();
  }

  // Column headings of a table[data-sortable] become buttons that sort its rows.
  function makeSortable(table) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, index) { row.dataset.order = String(index); });
    var headings = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    headings.forEach(function (heading, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.innerHTML = "<span></span><span class=\"sort-indicator\" aria-hidden=\"true\"></span>";
      button.firstChild.textContent = heading.textContent;
      heading.textContent = "";
      heading.appendChild(button);
      button.addEventListener("click", function () {
        var next = heading.getAttribute("aria-sort") === "ascending" ? "descending"
          : heading.getAttribute("aria-sort") === "descending" ? "none" : "ascending";
        headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
        if (next !== "none") heading.setAttribute("aria-sort", next);
        var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          if (next === "none") return Number(a.dataset.order) - Number(b.dataset.order);
          var left = a.cells[column].textContent.trim();
          var right = b.cells[column].textContent.trim();
          var order = left.localeCompare(right, undefined, { numeric: true, sensitivity: "base" });
          return next === "ascending" ? order : -order;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), makeSortable);
    openTarget();
  }

  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (details) {
      details.open = true;
    });
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
