/*
 * The handbook's search, on the search page only (templates/search.md.j2 loads it).
 *
 * Plain script, no library: it must work from file:// with no network, so the index
 * (municipal_handbook/search.py) is a set of small scripts, each calling
 * window.__handbookSearch; this loads only those a query needs, by script tags. Every text
 * it shows comes from the page (data attributes rendered from the message catalogue);
 * titles and summaries are data and are set as text, never as markup.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var form = document.querySelector("form[data-hb-search]");
  if (!script || !form) {
    return;
  }
  var root = new URL("../../", script.src);  // the edition's root: the script is assets/javascripts/search.js
  var folder = new URL("search/", root);
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("hb-search-status");
  var list = document.getElementById("hb-search-results");
  var more = document.getElementById("hb-search-more");
  var language = document.documentElement.lang;
  var SHOWN = 10;  // results drawn at a time
  var PREFIX_FORMS = 20;  // the most word forms the last word typed stands for
  var FRAGMENT = 20;  // docs per metadata file (search.py)

  var loaded = {};  // file -> its data, once its script has run
  var waiting = {};  // file -> callbacks waiting for it
  window.__handbookSearch = {
    shards: function (names, count) { arrived("t/index", {names: names, count: count}); },
    terms: function (key, entries) { arrived("t/" + shardName(key), entries); },
    postings: function (bucket, groups) { arrived("p/" + bucket, groups); },
    meta: function (fragment, rows) { arrived("m/" + fragment, rows); }
  };

  function arrived(file, data) {
    loaded[file] = data;
    (waiting[file] || []).forEach(function (callback) { callback(data); });
    delete waiting[file];
  }

  function load(file) {
    return new Promise(function (resolve) {
      if (Object.prototype.hasOwnProperty.call(loaded, file)) {
        resolve(loaded[file]);
        return;
      }
      if (waiting[file]) {
        waiting[file].push(resolve);
        return;
      }
      waiting[file] = [resolve];
      var tag = document.createElement("script");
      tag.src = new URL(file + ".js", folder).href;
      tag.onerror = function () { arrived(file, null); };
      document.head.appendChild(tag);
    });
  }

  function shardName(key) {
    return Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  // As search.py's words(): NFKC, casefolded (toLowerCase and ß -> ss), letters and digits.
  function words(text) {
    return text.normalize("NFKC").toLowerCase().replace(/ß/g, "ss").match(/[\p{L}\p{N}]+/gu) || [];
  }

  function message(name, count) {
    return (form.getAttribute("data-hb-" + name) || "").replace("{num}", count.toLocaleString(language));
  }

  // The stem groups of one query word with their postings buckets: its exact form, and for the
  // last word every form it begins; an unknown word is tried once more without its last letter.
  function groupsOf(word, prefix, shards, retried) {
    var key = Array.from(word).slice(0, 2).join("");
    if (shards.names.indexOf(shardName(key)) < 0) {
      return Promise.resolve(retry());
    }
    return load("t/" + shardName(key)).then(function (entries) {
      var forms = Object.keys(entries || {}).filter(function (form) {
        return form === word || (prefix && form.indexOf(word) === 0);
      });
      forms.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
      var groups = {};
      forms.slice(0, PREFIX_FORMS).forEach(function (form) {
        var pairs = entries[form];
        for (var i = 0; i < pairs.length; i += 2) {
          groups[pairs[i]] = pairs[i + 1];
        }
      });
      return Object.keys(groups).length ? groups : retry();
    });

    function retry() {
      var shorter = Array.from(word).slice(0, -1).join("");
      return Array.from(word).length >= 4 && !retried ? groupsOf(shorter, true, shards, true) : {};
    }
  }

  // BM25: the postings hold the term-frequency part; the idf comes from how many docs match.
  function rank(perWord, count) {
    var scores = null;
    perWord.forEach(function (weights) {
      var docs = Object.keys(weights);
      var idf = Math.log(1 + (count - docs.length + 0.5) / (docs.length + 0.5));
      var next = {};
      docs.forEach(function (doc) {
        if (scores === null || Object.prototype.hasOwnProperty.call(scores, doc)) {
          next[doc] = (scores === null ? 0 : scores[doc]) + idf * weights[doc];
        }
      });
      scores = next;
    });
    return Object.keys(scores || {}).map(Number).sort(function (a, b) {
      return scores[b] - scores[a] || a - b;
    });
  }

  function weightsOf(groups) {
    var buckets = Object.keys(groups).map(function (group) { return groups[group]; });
    return Promise.all(buckets.map(function (bucket) { return load("p/" + bucket); })).then(function () {
      var weights = {};
      Object.keys(groups).forEach(function (group) {
        var postings = (loaded["p/" + groups[group]] || {})[group] || [];
        for (var i = 0, doc = 0; i < postings.length; i += 2) {
          doc += postings[i];
          weights[doc] = Math.max(weights[doc] || 0, postings[i + 1]);
        }
      });
      return weights;
    });
  }

  var current = 0;  // the latest query: results of older ones are dropped
  var results = [];
  var drawn = 0;

  function run(query) {
    var asked = ++current;
    var typed = words(query);
    list.replaceChildren();
    more.hidden = true;
    if (!typed.length) {
      status.textContent = "";
      return;
    }
    status.textContent = form.getAttribute("data-hb-searching");
    load("t/index").then(function (shards) {
      return Promise.all(typed.map(function (word, i) {
        return groupsOf(word, i === typed.length - 1, shards).then(weightsOf);
      })).then(function (perWord) {
        if (asked !== current) {
          return;
        }
        results = rank(perWord, shards.count);
        drawn = 0;
        status.textContent = results.length ? message(results.length === 1 ? "one" : "other", results.length)
          : form.getAttribute("data-hb-none");
        return draw(asked);
      });
    });
  }

  function draw(asked) {
    var shown = results.slice(drawn, drawn + SHOWN);
    drawn += shown.length;
    var fragments = shown.map(function (doc) { return Math.floor(doc / FRAGMENT); });
    return Promise.all(fragments.map(function (n) { return load("m/" + n); })).then(function () {
      if (asked !== current) {
        return;
      }
      shown.forEach(function (doc) {
        list.appendChild(hit(loaded["m/" + Math.floor(doc / FRAGMENT)][doc % FRAGMENT]));
      });
      more.hidden = drawn >= results.length;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // [url from the root, title, kind, date, place, summary, language]
  function hit(row) {
    var item = element("li", "hb-search__hit");
    var heading = element("p", "hb-search__title");
    var link = element("a", "", row[1]);
    link.href = new URL(row[0], root).href;
    if (row[6] !== language) {
      link.lang = row[6];
    }
    heading.appendChild(link);
    var mark = row[6] !== language && form.getAttribute("data-hb-lang-" + row[6]);
    if (mark) {
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(element("span", "hb-lang", mark));
    }
    item.appendChild(heading);
    var facts = [form.getAttribute("data-hb-kind-" + row[2]), row[3], row[4]].filter(Boolean);
    item.appendChild(element("p", "hb-search__meta", facts.join(" · ")));
    if (row[5]) {
      var summary = element("p", "hb-search__summary", row[5]);
      if (row[6] !== language) {
        summary.lang = row[6];
      }
      item.appendChild(summary);
    }
    return item;
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  more.addEventListener("click", function () { draw(current); });

  function show(query) {
    try {  // the address keeps the query (?q=…), also from file://
      var address = new URL(location.href);
      address.searchParams.set("q", query);
      history.replaceState(null, "", address.href);
    } catch (ignored) {
      // a browser that refuses to change a file:// address: the results still show
    }
    run(query);
  }

  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    run(asked);
  }
}());
