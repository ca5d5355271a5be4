// The site's search: the button and dialog of partials/search.html, filled from the Pagefind index
// built with the site. Pagefind's code and index are fetched only when the reader first searches,
// and then only the chunks a query needs. A glossary term's or an FAQ's own name brings its entry first.
(function () {
  "use strict";

  var dialog = document.getElementById("site-search");
  var button = document.querySelector(".site-search-button");
  if (!dialog || !button || !dialog.showModal) return;
  var form = dialog.querySelector("form");
  var input = dialog.querySelector("input[name=query]");
  var status = document.getElementById("site-search-status");
  var list = document.getElementById("site-search-results");
  var idle = status.textContent;
  var config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  var siteRoot = new URL(config.base || ".", window.location.href);
  var pagefind = null;
  var timer = 0;
  var latest = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        return module.options({ baseUrl: siteRoot.pathname, excerptLength: 24 }).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load().catch(function () {});
  }

  function words(text) {
    return String(text || "").toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  // Pagefind's excerpt is HTML with <mark> around the matching words: keep the text and the marks only.
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "site-search__excerpt";
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    Array.prototype.forEach.call(parsed.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(entry) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.className = "site-search__result";
    link.href = entry.url;
    var title = document.createElement("span");
    title.className = "site-search__result-title";
    title.textContent = entry.title;
    link.appendChild(title);
    if (entry.where) {
      var where = document.createElement("span");
      where.className = "site-search__where";
      where.textContent = entry.where;
      link.appendChild(where);
    }
    link.appendChild(excerpt(entry.excerpt));
    link.addEventListener("click", function () { dialog.close(); });
    li.appendChild(link);
    return li;
  }

  // One entry per result: a glossary term or FAQ as itself; a page as its best-matching section.
  function entries(results, query) {
    var wanted = words(query);
    var seen = {};
    var named = [];
    var others = [];
    results.forEach(function (data) {
      var meta = data.meta || {};
      var entry;
      if (meta.kind) {
        // a record's own address is in its metadata, relative to the site's root
        entry = { url: new URL(meta.url, siteRoot).href, title: meta.title, where: meta.where, excerpt: data.excerpt };
        var names = [meta.title].concat((meta.names || "").split("|"));
        entry.named = names.some(function (name) { return words(name) === wanted; });
      } else {
        var best = (data.sub_results || []).slice().sort(function (a, b) {
          return (b.locations || []).length - (a.locations || []).length;
        })[0];
        var section = best && best.title !== meta.title ? best.title : "";
        entry = {
          url: new URL(best ? best.url : data.url, siteRoot).href,
          title: section || meta.title,
          where: section ? meta.title : "",
          excerpt: best ? best.excerpt : data.excerpt,
        };
      }
      if (seen[entry.url]) return;
      seen[entry.url] = true;
      (entry.named ? named : others).push(entry);
    });
    return named.concat(others);
  }

  function show(query, found) {
    list.textContent = "";
    if (!query) {
      status.textContent = idle;
      return;
    }
    found.forEach(function (entry) { list.appendChild(item(entry)); });
    status.textContent = found.length
      ? found.length + (found.length === 1 ? " result" : " results") + " for “" + query + "”"
      : "No results for “" + query + "”";
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (query.length < 2) {
      show("", []);
      return;
    }
    status.textContent = "Searching…";
    load().then(function (module) {
      return module.search(query);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 12).map(function (result) { return result.data(); }));
    }).then(function (results) {
      if (ticket === latest) show(query, entries(results, query));
    }).catch(function () {
      if (ticket === latest) status.textContent = "Search needs the site to be opened through a web server.";
    });
  }

  button.addEventListener("click", open);
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 120);
  });
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.value === "close") return; // the close button closes the dialog
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click();
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  dialog.addEventListener("close", function () { button.focus(); });
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
    if (next < 0) input.focus(); else links[next].focus();
    event.preventDefault();
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(input|textarea|select)$/i.test(event.target.tagName) || event.target.isContentEditable;
    if (!dialog.open && !typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
        (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      open();
    }
  });
})();
