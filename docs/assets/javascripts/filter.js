/* Client-side filters of the handbook (cases, sector pages, recommendations).
 * Plain script, no library: it must work from file:// with no network.
 * The chosen filter lives in the URL hash (#instrument=…&sector=…), so a filtered
 * view can be bookmarked and shared, and links from the matrix open it directly. */
(function () {
  "use strict";

  function parseHash() {
    var wanted = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && parts[1]) {
        wanted[decodeURIComponent(parts[0])] = decodeURIComponent(parts[1]);
      }
    });
    return wanted;
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

    function apply(writeUrl) {
      var wanted = {};
      selects.forEach(function (select) { if (select.value) { wanted[select.name] = select.value; } });
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
      status.textContent = shown + " von " + items.length + " angezeigt";
      if (writeUrl) {
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
