// The explainer's progressive enhancements: glossary links show their summary as a tooltip, FAQ
// permalinks open their answer, the comparison table sorts by any column, and printing opens every
// collapsed answer. The site works without it (a glossary link's summary is then its title).
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

  // One tooltip for every glossary link, shown on hover and on keyboard focus. Listeners sit on the
  // document, so a page with hundreds of links costs nothing until a reader points at one. The
  // tooltip stays while the pointer is over it and Escape dismisses it (WCAG 1.4.13).
  var tooltip = null;
  var owner = null;
  var hideTimer = 0;

  function glossaryLink(node) {
    return node && node.closest ? node.closest("a.glossary-link") : null;
  }

  function showTooltip(link) {
    window.clearTimeout(hideTimer);
    if (owner === link) return;
    hideTooltip();
    var summary = link.getAttribute("title");
    if (!summary) return;
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.id = "glossary-tooltip";
      tooltip.className = "glossary-tooltip";
      tooltip.setAttribute("role", "tooltip");
      tooltip.addEventListener("mouseenter", function () { window.clearTimeout(hideTimer); });
      tooltip.addEventListener("mouseleave", scheduleHide);
      document.body.appendChild(tooltip);
    }
    // The summary moves from the title (which would show a second, native tooltip) to the tooltip,
    // which describes the link while it is shown.
    link.dataset.summary = summary;
    link.removeAttribute("title");
    link.setAttribute("aria-describedby", tooltip.id);
    tooltip.textContent = summary;
    tooltip.hidden = false;
    var box = link.getBoundingClientRect();
    var width = tooltip.offsetWidth;
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    var below = box.bottom + 6 + tooltip.offsetHeight < window.innerHeight || box.top < tooltip.offsetHeight + 6;
    tooltip.style.left = left + window.scrollX + "px";
    tooltip.style.top = (below ? box.bottom + 6 : box.top - tooltip.offsetHeight - 6) + window.scrollY + "px";
    owner = link;
  }

  function hideTooltip() {
    window.clearTimeout(hideTimer);
    if (!owner) return;
    owner.setAttribute("title", owner.dataset.summary);
    owner.removeAttribute("aria-describedby");
    tooltip.hidden = true;
    owner = null;
  }

  function scheduleHide() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hideTooltip, 200);
  }

  document.addEventListener("mouseover", function (event) {
    var link = glossaryLink(event.target);
    if (link) showTooltip(link);
  });
  document.addEventListener("mouseout", function (event) {
    if (owner && glossaryLink(event.target) === owner && !owner.contains(event.relatedTarget)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = glossaryLink(event.target);
    if (link) showTooltip(link);
  });
  document.addEventListener("focusout", function (event) {
    if (owner && event.target === owner) hideTooltip();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTooltip();
  });

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
