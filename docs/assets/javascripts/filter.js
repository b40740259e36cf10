/* Client-side filters of the handbook (cases, sector pages, recommendations).
 * Plain script, no library: it must work from file:// with no network.
 * The chosen filter lives in the URL hash (#instrument=…&sector=…), so a filtered
 * view can be bookmarked and shared, and links from the matrix open it directly.
 *
 * A page lists at most one page of cases. A case filter (data-hb-source) loads every case from
 * the generated data script when a reader first filters (nothing before), draws the matching
 * rows a page at a time ("Show more") and, with no filter chosen, shows the page's own rows and
 * its links to further pages again. Other filters (recommendations) hide the items on the page. */
(function () {
  "use strict";

  function parseHash(text) {
    var wanted = {};
    (text === undefined ? location.hash : text).replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && parts[1]) {
        wanted[decodeURIComponent(parts[0])] = decodeURIComponent(parts[1]);
      }
    });
    return wanted;
  }

  var waiting = null;  // callbacks waiting for the data script

  function loadCases(source, done) {
    if (window.handbookCases) { done(window.handbookCases); return; }
    if (waiting) { waiting.push(done); return; }
    waiting = [done];
    var script = document.createElement("script");
    script.src = source;
    script.onload = function () {
      var callbacks = waiting;
      waiting = null;
      callbacks.forEach(function (callback) { callback(window.handbookCases); });
    };
    document.head.appendChild(script);
  }

  function link(href, text) {
    var anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = text;
    return anchor;
  }

  /* One row as _macros.md.j2's case_table writes it. A case is
   * [url, title, iso date, date text, place, instrument, sectors, countries, year, methods, city,
   * language if not the edition's, its mark]. */
  function caseRow(data, root, columns, c) {
    var row = document.createElement("tr");
    var values = caseValues(c);
    row.setAttribute("data-hb-item", "");
    Object.keys(values).forEach(function (name) { row.setAttribute("data-" + name, values[name].join(" ")); });
    function cell(content) {
      var td = document.createElement("td");
      if (typeof content === "string") { td.textContent = content; } else { content.forEach(function (n, i) {
        if (i > 0) { td.appendChild(document.createTextNode(", ")); }
        td.appendChild(n);
      }); }
      row.appendChild(td);
      return td;
    }
    function terms(kind, keys) {
      return keys.map(function (key) { return link(root + data.terms[kind][key][1], data.terms[kind][key][0]); });
    }
    cell(c[3]).setAttribute("data-sort", c[2]);
    var title = link(root + c[0], c[1]);
    if (c[11]) {  // a text in another language than the edition's, marked as the server marks it
      title.setAttribute("lang", c[11]);
      var mark = document.createElement("span");
      mark.className = "hb-lang";
      mark.textContent = c[12];
      cell([title]).append(" ", mark);
    } else {
      cell([title]);
    }
    if (columns.indexOf("instrument") !== -1) { cell(terms("instrument", [c[5]])); }
    cell(c[4]);
    if (columns.indexOf("sectors") !== -1) { cell(terms("sector", c[6])); }
    return row;
  }

  function caseValues(c) {
    return {instrument: [c[5]], sector: c[6], country: c[7], year: [String(c[8])], method: c[9], city: [c[10]]};
  }

  // "3 of 32 shown" in the page's language: the wording comes from the catalogue (data-hb-shown).
  function shownText(status, shown, total) {
    var lang = document.documentElement.lang;
    return status.getAttribute("data-hb-shown").replace("{shown}", shown.toLocaleString(lang))
      .replace("{total}", total.toLocaleString(lang));
  }
  // With nothing left, the status says what to do instead of an empty table header; a caption
  // says the list is filtered. Texts from the catalogue (data attributes), as above.
  function report(scope, status, shown, total, filtered) {
    status.textContent = shownText(status, shown, total)
      + (shown ? "" : ". " + status.getAttribute("data-hb-none"));
    Array.prototype.forEach.call(scope.querySelectorAll("caption[data-hb-filtered]"), function (caption) {
      if (!caption.hasAttribute("data-hb-all")) { caption.setAttribute("data-hb-all", caption.textContent); }
      caption.textContent = caption.getAttribute(filtered ? "data-hb-filtered" : "data-hb-all");
    });
    Array.prototype.forEach.call(scope.querySelectorAll(".hb-table-wrap"), function (wrap) { wrap.hidden = shown === 0; });
  }


  function setupCases(form, scope, status) {
    var table = scope.querySelector("table[data-hb-items]");
    var body = table.tBodies[0];
    var ownRows = Array.prototype.slice.call(body.rows);
    var more = scope.querySelector("[data-hb-more]");
    var columns = (table.getAttribute("data-hb-columns") || "").split(" ");
    var root = (form.getAttribute("data-hb-root") || "").replace(/index\.html$/, "") || "./";
    var fixed = parseHash(form.getAttribute("data-hb-fixed") || "");
    var total = form.getAttribute("data-hb-total");
    var limit = parseInt(form.getAttribute("data-hb-limit"), 10);
    var matches = [], drawn = 0, data = null;

    function showStatic(visible) {
      Array.prototype.forEach.call(scope.querySelectorAll("[data-hb-static]"), function (el) { el.hidden = !visible; });
    }

    function draw(count) {
      var fragment = document.createDocumentFragment();
      matches.slice(drawn, drawn + count).forEach(function (c) { fragment.appendChild(caseRow(data, root, columns, c)); });
      body.appendChild(fragment);
      drawn = Math.min(matches.length, drawn + count);
      more.hidden = drawn >= matches.length;
    }

    function apply(chosen) {
      var filtered = Object.keys(chosen).length > 0;
      if (!filtered) {
        body.replaceChildren.apply(body, ownRows);
        more.hidden = true;
        showStatic(true);
        report(scope, status, ownRows.length, total, false);
        return;
      }
      table.setAttribute("aria-busy", "true");
      loadCases(form.getAttribute("data-hb-source"), function (loaded) {
        table.removeAttribute("aria-busy");
        data = loaded;
        var all = Object.assign({}, fixed, chosen);
        matches = data.cases.filter(function (c) {
          var values = caseValues(c);
          return Object.keys(all).every(function (name) { return (values[name] || []).indexOf(all[name]) !== -1; });
        });
        body.replaceChildren();
        drawn = 0;
        draw(limit);
        showStatic(false);
        report(scope, status, matches.length, total, true);
      });
    }

    more.addEventListener("click", function () { draw(limit); });
    return apply;
  }

  function setup(form) {
    var scope = form.closest(".hb-filterable") || document;
    var items = Array.prototype.slice.call(scope.querySelectorAll("[data-hb-item]"));
    var groups = Array.prototype.slice.call(scope.querySelectorAll("[data-hb-group]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector("[data-hb-status]");

    function readUrl() {
      var wanted = parseHash();
      selects.forEach(function (select) {
        var value = wanted[select.name] || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
        select.value = known ? value : "";
      });
    }

    var applyCases = form.hasAttribute("data-hb-source") ? setupCases(form, scope, status) : null;

    function apply(writeUrl) {
      var wanted = {};
      selects.forEach(function (select) { if (select.value) { wanted[select.name] = select.value; } });
      if (writeUrl) { write(wanted); }
      if (applyCases) { applyCases(wanted); return; }
      var shown = 0;
      items.forEach(function (item) {
        var match = Object.keys(wanted).every(function (name) {
          var values = (item.getAttribute("data-" + name) || "").split(" ");
          return values.indexOf(wanted[name]) !== -1;
        });
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-hb-item]:not([hidden])");
      });
      report(scope, status, shown, items.length, Object.keys(wanted).length > 0);
    }

    function write(wanted) {
      var query = Object.keys(wanted).map(function (name) {
        return encodeURIComponent(name) + "=" + encodeURIComponent(wanted[name]);
      }).join("&");
      var target = location.href.split("#")[0] + (query ? "#" + query : "");
      try {
        history.replaceState(null, "", target);
      } catch (error) {
        location.hash = query;
      }
    }

    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    window.addEventListener("hashchange", function () { readUrl(); apply(false); });
    readUrl();
    apply(false);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-hb-filter]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
