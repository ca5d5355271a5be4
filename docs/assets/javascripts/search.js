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
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    return paragraph(Array.prototype.map.call(parsed.childNodes, function (node) {
      return { text: node.textContent, marked: node.nodeName === "MARK" };
    }));
  }

  function paragraph(parts) {
    var p = document.createElement("p");
    p.className = "site-search__excerpt";
    parts.forEach(function (part) {
      if (part.marked) {
        var mark = document.createElement("mark");
        mark.textContent = part.text;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(part.text));
      }
    });
    return p;
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
    link.appendChild(entry.excerpt);
    link.addEventListener("click", function () { dialog.close(); });
    li.appendChild(link);
    return li;
  }

  // The question at word `at` of the page's text if it is the query: an FAQ's question opens its
  // entry and ends a sentence, then its answer follows (the query may leave out the question mark).
  function questionAt(text, at, query) {
    var count = query.trim().split(/\s+/).length;
    var start = text.slice(at, at + count);
    var same = start.length === count && words(start.join(" ")) === words(query);
    return same && /[?!.:]$/.test(start[count - 1]) ? start.join(" ") : "";
  }

  // A glossary entry's other names: the line under its heading ("Abbreviation: LLM · Also written:
  // large language models, LLMs", see templates/glossary.md.j2), which starts at word `at`.
  function otherNames(text, at) {
    var line = text.slice(at, at + 40).join(" ");
    if (!/^(Abbreviation|Also written):/.test(line)) return [];
    line = line.split(/\.(\s|$)/)[0]; // Pagefind ends each block of text with a full stop
    return line.replace(/(Abbreviation|Also written):/g, "").split(/[·,]/);
  }

  // The words of the page's text from `at` on, those of the query marked: an excerpt of an entry.
  function wordsFrom(text, at, query) {
    var wanted = words(query).split(" ");
    var parts = [];
    text.slice(at, at + 24).forEach(function (word, index) {
      if (index) parts.push({ text: " ", marked: false });
      parts.push({ text: word, marked: wanted.indexOf(words(word)) >= 0 });
    });
    return parts;
  }

  // A page's entries whose own name is the query: a heading with an id (a glossary term's, also by
  // its abbreviation or another spelling), or an FAQ (a <details> with an id) by its question.
  // Pagefind indexes whole pages and tells where each element with an id starts in the page's text.
  function named(data, query, where) {
    var wanted = words(query);
    var text = String(data.content || "").split(/[\r\n\s]+/g);
    return (data.anchors || []).filter(function (anchor) {
      return anchor.id && /^(h\d|details)$/i.test(anchor.element);
    }).map(function (anchor) {
      var heading = /^h\d$/i.test(anchor.element);
      var name = heading ? anchor.text : questionAt(text, anchor.location, query);
      var names = heading ? [name].concat(otherNames(text, anchor.location + name.split(/\s+/).length)) : [name];
      if (!name || !names.some(function (each) { return words(each) === wanted; })) return null;
      var url = new URL(data.url.split("#")[0] + "#" + anchor.id, siteRoot).href;
      var section = (data.sub_results || []).filter(function (sub) {
        return new URL(sub.url, siteRoot).href === url;
      })[0];
      return {
        url: url,
        title: name,
        where: where,
        excerpt: section ? excerpt(section.excerpt) : paragraph(wordsFrom(text, anchor.location, query)),
      };
    }).filter(Boolean);
  }

  // One entry per result: an entry named like the query first; otherwise a page as its best section.
  function entries(results, query) {
    var seen = {};
    var first = [];
    var others = [];
    function add(list, entry) {
      if (seen[entry.url]) return;
      seen[entry.url] = true;
      list.push(entry);
    }
    results.forEach(function (data) {
      var title = (data.meta || {}).title || "";
      named(data, query, title).forEach(function (entry) { add(first, entry); });
      var best = (data.sub_results || []).slice().sort(function (a, b) {
        return (b.locations || []).length - (a.locations || []).length;
      })[0];
      var section = best && best.title !== title ? best.title : "";
      add(others, {
        url: new URL(best ? best.url : data.url, siteRoot).href,
        title: section || title,
        where: section ? title : "",
        excerpt: excerpt(best ? best.excerpt : data.excerpt),
      });
    });
    return first.concat(others);
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
