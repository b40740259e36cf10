/* The case form (docs/fall-eintragen.md): every field of the content contract, checked the way
 * `check` and `new-case` check them, turned into a case file that passes `check` unchanged.
 * Plain script, no library, no request to any host: the choices, patterns and messages come from
 * case-form-data.js, which the build generates from the domain (hooks/municipal_handbook/form.py),
 * loaded beside this file so it works from file:// (the offline zip) too. */
(function () {
  "use strict";

  var form = document.getElementById("case-form");
  if (!form) { return; }
  var here = document.currentScript && document.currentScript.src;
  var loader = document.createElement("script");
  loader.src = here ? here.replace(/case-form\.js(\?.*)?$/, "case-form-data.js") : "case-form-data.js";
  loader.onload = function () { setup(window.handbookCaseForm); };
  document.head.appendChild(loader);

  function setup(data) {
    var german = (form.getAttribute("data-lang") || document.documentElement.lang || "de").indexOf("de") === 0;
    var result = document.getElementById("case-form-result");
    var problemsBox = form.querySelector("[data-form-problems]");
    var unsafe = data.patterns.unsafe.map(function (entry) { return [new RegExp(entry[0], "i"), entry[1]]; });
    var tag = new RegExp(data.patterns.tag, "i");
    var countryCodes = {}, countryNames = {};
    data.countries.forEach(function (entry) {
      countryCodes[entry[0]] = entry[1];
      countryNames[fold(entry[1])] = entry[0];
      countryNames[fold(entry[2])] = entry[0];
    });
    var caseSlugs = {}, caseTitles = {};
    data.cases.forEach(function (entry) { caseSlugs[entry[0]] = true; caseTitles[fold(entry[1])] = entry[0]; });

    form.querySelector("[data-form-loading]").hidden = true;
    buildChoices();
    fillList("f-country-names", data.countries.map(function (c) { return [c[1], c[0]]; }));
    fillList("f-case-names", data.cases.map(function (c) { return [c[0], c[1]]; }));
    var online = form.elements.online;
    online.addEventListener("change", function () {
      form.querySelector("[data-unless-online]").hidden = online.checked;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      produce();
    });
    result.querySelector("[data-action=download]").addEventListener("click", download);
    result.querySelector("[data-action=copy]").addEventListener("click", copy);

    /* ---- the same rules as normalise.py, validation.py and slug.py ---- */

    function fold(text) { return String(text).replace(/\s+/g, " ").trim().toLowerCase().replace(/ß/g, "ss"); }
    function clean(text) { return String(text || "").replace(/\s+/g, " ").trim(); }

    function message(code, params) {
      var template = data.messages[code][german ? 1 : 0];
      params = params || {};
      var shown = {};
      Object.keys(params).forEach(function (name) { shown[name] = params[name]; });
      shown.suggestion = params.suggestion ? data.suggestion[german ? 1 : 0].replace("{}", suggestionText(code, params.suggestion)) : "";
      if (german && shown.kind) { shown.kind = data.nouns[shown.kind] || shown.kind; }
      return template.replace(/\{\{|\}\}|\{(\w+)\}/g, function (all, name) {
        if (all === "{{") { return "{"; }
        if (all === "}}") { return "}"; }
        return shown[name] === undefined ? all : String(shown[name]);
      });
    }

    function suggestionText(code, value) {
      var text = quote(value);
      if (code === "country-answer" && countryCodes[value]) {  // 'MK' (Nordmazedonien)
        text += " (" + (german ? countryCodes[value] : englishName(value)) + ")";
      }
      return text;
    }

    function englishName(code) {
      for (var i = 0; i < data.countries.length; i++) {
        if (data.countries[i][0] === code) { return data.countries[i][2]; }
      }
      return code;
    }

    function quote(value) {
      var text = String(value);
      return "'" + (text.length > 80 ? text.slice(0, 77) + "..." : text) + "'";
    }

    function ratio(a, b) {  // difflib's ratio: matching characters of the longest common blocks
      function matched(a, b) {
        if (!a.length || !b.length) { return 0; }
        var best = 0, ai = 0, bj = 0, previous = new Array(b.length + 1).fill(0);
        for (var i = 1; i <= a.length; i++) {
          var row = new Array(b.length + 1).fill(0);
          for (var j = 1; j <= b.length; j++) {
            if (a[i - 1] === b[j - 1]) {
              row[j] = previous[j - 1] + 1;
              if (row[j] > best) { best = row[j]; ai = i - best; bj = j - best; }
            }
          }
          previous = row;
        }
        if (!best) { return 0; }
        return best + matched(a.slice(0, ai), b.slice(0, bj)) + matched(a.slice(ai + best), b.slice(bj + best));
      }
      return a.length + b.length ? 2 * matched(a, b) / (a.length + b.length) : 0;
    }

    function closest(value, candidates) {  // difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
      var best = null, score = 0.6;
      candidates.forEach(function (candidate) {
        var r = ratio(value, candidate);
        if (r >= score && (best === null || r > score || candidate > best)) { best = candidate; score = r; }
      });
      return best;
    }

    function isoDate(text) {
      text = clean(text);
      var match;
      if (new RegExp(data.patterns.date).test(text)) { return text; }
      if ((match = new RegExp(data.patterns.dayMonthYear).exec(text))) { return iso(match[3], match[2], match[1]); }
      if ((match = new RegExp(data.patterns.looseIso).exec(text))) { return iso(match[1], match[2], match[3]); }
      return null;
    }

    function iso(year, month, day) { return year + "-" + pad(month) + "-" + pad(day); }
    function pad(number) { return ("0" + parseInt(number, 10)).slice(-2); }

    function realDate(text) {
      var parts = text.split("-").map(Number);
      if (parts[1] < 1 || parts[1] > 12) { return "month must be in 1..12"; }
      var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
      if (parts[2] < 1 || date.getUTCMonth() !== parts[1] - 1) { return "day is out of range for month"; }
      return "";
    }

    function countryCode(text) {
      text = clean(text);
      if (text.length === 2 && countryCodes[text.toUpperCase()]) { return text.toUpperCase(); }
      return countryNames[fold(text)] || null;
    }

    function slugify(text) {
      text = String(text).normalize("NFC");
      text = Array.from(text).map(function (c) { return data.transliteration[c] || c; }).join("");
      text = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
      var slug = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
      if (slug.length > data.maxSlugLength) {
        var cut = slug.slice(0, data.maxSlugLength + 1);
        slug = cut.lastIndexOf("-") > 0 ? cut.slice(0, cut.lastIndexOf("-")) : slug.slice(0, data.maxSlugLength);
        slug = slug.replace(/^-+|-+$/g, "");
      }
      return slug;
    }

    function unsafeMarkup(text) {
      var decoder = document.createElement("textarea");
      var lines = String(text).split("\n");
      for (var i = 0; i < lines.length; i++) {
        decoder.innerHTML = lines[i].replace(/</g, "&lt;");  // entities decoded, markup stays text
        var candidates = [lines[i], decoder.value];
        for (var c = 0; c < candidates.length; c++) {
          for (var p = 0; p < unsafe.length; p++) {
            var match = unsafe[p][0].exec(candidates[c]);
            if (match) { return [match[0].trim(), unsafe[p][1].replace("{0}", match[1].toLowerCase())]; }
          }
        }
      }
      return null;
    }

    function items(text) {
      return String(text || "").split(new RegExp(data.patterns.listSeparators)).map(clean).filter(Boolean);
    }

    /* ---- reading and checking the answers ---- */

    function plainText(name, raw, problems, required) {
      var value = clean(raw);
      if (!value) {
        if (required) { problems.push([name, message("form-required")]); }
        return null;
      }
      if (tag.test(value)) { problems.push([name, message("html-in-text", {value: quote(value)})]); return null; }
      var found = unsafeMarkup(value);
      if (found) {
        problems.push([name, message("unsafe-markup", {value: quote(found[0]), detail: found[1]})]);
        return null;
      }
      return value;
    }

    function date(name, raw, problems, required) {
      if (!clean(raw)) {
        if (required) { problems.push([name, message("form-required")]); }
        return null;
      }
      var text = isoDate(raw);
      if (!text) { problems.push([name, message("date-answer", {value: quote(clean(raw))})]); return null; }
      var wrong = realDate(text);
      if (wrong) { problems.push([name, message("date-invalid", {value: quote(clean(raw)), detail: wrong})]); return null; }
      return text;
    }

    function country(name, raw, problems) {
      var code = countryCode(raw);
      if (code) { return code; }
      var near = closest(fold(raw), Object.keys(countryNames));
      problems.push([name, message("country-answer", {value: quote(clean(raw)), suggestion: near && countryNames[near]})]);
      return null;
    }

    function checked(name) {
      return Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
        return box.checked;
      }).map(function (box) { return box.value; });
    }

    function read() {
      var el = form.elements, problems = [], answers = {};
      answers.title = plainText("title", el.title.value, problems, true);
      if (answers.title && caseTitles[fold(answers.title)]) {
        problems.push(["title", message("duplicate-title", {value: quote(answers.title),
          other: "cases/" + caseTitles[fold(answers.title)] + ".md"})]);
      }
      answers.date = date("date", el.date.value, problems, true);
      answers.end_date = date("end_date", el.end_date.value, problems, false);
      if (answers.date && answers.end_date && answers.end_date < answers.date) {
        problems.push(["end_date", message("date-order", {value: quote(answers.end_date), start: answers.date})]);
        answers.end_date = null;
      }
      answers.date_precision = el.date_precision.value;
      answers.instrument = checked("instrument")[0] || null;
      if (!answers.instrument) { problems.push(["instrument", message("form-required")]); }
      answers.sectors = checked("sectors");
      if (!answers.sectors.length) { problems.push(["sectors", message("form-required")]); }
      answers.online = el.online.checked;
      if (!answers.online) {
        answers.city = plainText("city", el.city.value, problems, true);
        answers.country = clean(el.country.value) ? country("country", el.country.value, problems)
          : (problems.push(["country", message("form-required")]), null);
      }
      answers.participating = [];
      items(el.participating_countries.value).forEach(function (item) {
        var code = country("participating_countries", item, problems);
        if (code && code === answers.country) {
          problems.push(["participating_countries", message("host-country", {value: quote(code)})]);
        } else if (code && answers.participating.indexOf(code) < 0) {
          answers.participating.push(code);
        }
      });
      answers.methods = checked("methods");
      answers.participants = [];
      el.participants.value.split("\n").map(clean).filter(Boolean).forEach(function (line) {
        var match = /^(.+?)\s*:\s*(\S+)$/.exec(line);
        if (!match) { problems.push(["participants", message("form-participants", {value: quote(line)})]); return; }
        if (!/^\d+$/.test(match[2])) { problems.push(["participants", message("count", {value: quote(match[2])})]); return; }
        var group = plainText("participants", match[1], problems, false);
        if (group) { answers.participants.push([group, parseInt(match[2], 10)]); }
      });
      answers.summary = plainText("summary", el.summary.value, problems, false);
      answers.recommendations = [];
      data.themes.forEach(function (theme) {
        var field = form.elements["recommendations-" + theme.key];
        field.value.split("\n").forEach(function (line) {
          var text = plainText("recommendations-" + theme.key, line, problems, false);
          if (text) { answers.recommendations.push([theme.key, text]); }
        });
      });
      answers.author = plainText("author", el.author.value, problems, false);
      answers.language = el.language.value;
      answers.source = clean(el.source.value) || null;
      if (answers.source && !new RegExp(data.patterns.url).test(answers.source)) {
        problems.push(["source", message("not-url", {value: quote(answers.source)})]);
      } else if (answers.source && !new RegExp(data.patterns.sourceUrl).test(answers.source)) {
        problems.push(["source", message("source-https", {value: quote(answers.source)})]);
      }
      answers.follows = [];
      items(el.follows.value).forEach(function (slug) {
        if (caseSlugs[slug]) {
          if (answers.follows.indexOf(slug) < 0) { answers.follows.push(slug); }
        } else {
          problems.push(["follows", message("unknown-slug", {kind: "case", value: quote(slug), folder: "cases",
            suggestion: closest(slug, Object.keys(caseSlugs))})]);
        }
      });
      answers.body = el.body.value.replace(/\r\n?/g, "\n").trim();
      var found = unsafeMarkup(answers.body);
      if (found) { problems.push(["body", message("unsafe-markup", {value: quote(found[0]), detail: found[1]})]); }
      if (answers.title && answers.date) {
        answers.slug = slugify(answers.title);
        if (!answers.slug) {
          problems.push(["title", message("slug-empty", {value: quote(answers.title)})]);
        } else if (caseSlugs[answers.date + "-" + answers.slug]) {
          problems.push(["title", message("file-exists")]);
        }
      }
      return {answers: answers, problems: problems};
    }

    /* ---- the case file ---- */

    function yamlText(text) { return JSON.stringify(text); }  // a double-quoted YAML scalar

    function caseFile(a) {
      var lines = ["---", "title: " + yamlText(a.title), "date: " + a.date];
      if (a.end_date) { lines.push("end_date: " + a.end_date); }
      if (a.date_precision !== "day") { lines.push("date_precision: " + a.date_precision); }
      lines.push("instrument: " + a.instrument, "sectors: [" + a.sectors.join(", ") + "]", "location:");
      if (a.online) {
        lines.push("  online: true");
      } else {
        lines.push("  city: " + yamlText(a.city), "  country: " + a.country);
      }
      if (a.participating.length) { lines.push("participating_countries: [" + a.participating.join(", ") + "]"); }
      if (a.methods.length) { lines.push("methods: [" + a.methods.join(", ") + "]"); }
      if (a.participants.length) {
        lines.push("participants:");
        a.participants.forEach(function (p) { lines.push("  " + yamlText(p[0]) + ": " + p[1]); });
      }
      if (a.summary) { lines.push("summary: " + yamlText(a.summary)); }
      if (a.recommendations.length) {
        lines.push("recommendations:");
        a.recommendations.forEach(function (r) { lines.push("- theme: " + r[0], "  text: " + yamlText(r[1])); });
      }
      if (a.author) { lines.push("author: " + yamlText(a.author)); }
      lines.push("language: " + a.language);
      if (a.source) { lines.push("source: " + yamlText(a.source)); }
      if (a.follows.length) { lines.push("follows: [" + a.follows.join(", ") + "]"); }
      lines.push("---", "", "");
      return lines.join("\n") + (a.body ? a.body + "\n" : "");
    }

    function produce() {
      form.querySelectorAll("[data-error-for]").forEach(function (box) { box.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); });
      var outcome = read();
      var list = problemsBox.querySelector("ul");
      list.textContent = "";
      if (outcome.problems.length) {
        outcome.problems.forEach(function (problem) {
          var box = form.querySelector("[data-error-for='" + problem[0] + "']");
          if (box) { box.textContent = (box.textContent ? box.textContent + " " : "") + problem[1]; }
          var field = form.elements[problem[0]];
          if (field && field.setAttribute) { field.setAttribute("aria-invalid", "true"); }
          var item = document.createElement("li");
          var link = document.createElement("a");
          var label = form.querySelector("[data-label-for='" + problem[0] + "']") ||
            form.querySelector("label[for='f-" + problem[0] + "']");
          link.href = "#" + (field && field.id ? field.id : "f-" + problem[0]);
          link.textContent = (label ? label.textContent.replace(/\s*\*.*$/, "") : problem[0]) + ": " + problem[1];
          item.appendChild(link);
          list.appendChild(item);
        });
        problemsBox.hidden = false;
        result.hidden = true;
        problemsBox.setAttribute("tabindex", "-1");
        problemsBox.focus();
        return;
      }
      problemsBox.hidden = true;
      var name = outcome.answers.date + "-" + outcome.answers.slug + ".md";
      var text = caseFile(outcome.answers);
      result.querySelector("[data-result=file-name]").textContent = name;
      result.querySelector("[data-result=text]").value = text;
      result.querySelector("[data-result=status]").textContent = "";
      var host = result.querySelector("[data-action=open-host]");
      var tooLong = result.querySelector("[data-result=too-long]");
      tooLong.textContent = "";
      host.hidden = !data.newCaseUrl;
      if (data.newCaseUrl) {
        var address = data.newCaseUrl + "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(text);
        if (address.length > 8000) {  // longer addresses are refused by Git hosts and browsers
          host.hidden = true;
          tooLong.textContent = message("form-too-long");
        } else {
          host.href = address;
        }
      }
      result.hidden = false;
      result.scrollIntoView();
    }

    function download() {
      var name = result.querySelector("[data-result=file-name]").textContent;
      var blob = new Blob([result.querySelector("[data-result=text]").value], {type: "text/markdown;charset=utf-8"});
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    function copy(event) {
      var area = result.querySelector("[data-result=text]");
      var status = result.querySelector("[data-result=status]");
      var done = function () { status.textContent = event.target.getAttribute("data-done"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(done, function () { area.select(); });
      } else {  // file:// pages have no clipboard API: select the text for Ctrl-C
        area.focus();
        area.select();
        if (document.execCommand && document.execCommand("copy")) { done(); }
      }
    }

    /* ---- choices from the taxonomy and the content ---- */

    function buildChoices() {
      form.querySelectorAll("[data-choices]").forEach(function (group) {
        var kind = group.getAttribute("data-choices"), name = group.getAttribute("data-name");
        var type = group.getAttribute("data-type");
        var entries = kind === "methods" ? data.methods.map(function (m) { return {key: m[0], de: m[1], en: m[1]}; })
          : data[kind];
        var list = document.createElement("div");
        list.className = "hb-form__choices";
        entries.forEach(function (entry) {
          var id = "f-" + name + "-" + entry.key;
          if (type === "textarea") {  // one box per recommendation theme
            var label = document.createElement("label");
            label.htmlFor = id;
            label.textContent = group.getAttribute("data-label").replace("{label}", german ? entry.de : entry.en);
            var area = document.createElement("textarea");
            area.id = id;
            area.name = name + "-" + entry.key;
            area.rows = 2;
            var error = document.createElement("p");
            error.className = "hb-form__error";
            error.setAttribute("data-error-for", area.name);
            list.append(label, area, error);
            return;
          }
          var choice = document.createElement("label");
          choice.className = "hb-form__choice";
          var input = document.createElement("input");
          input.type = type;
          input.name = name;
          input.value = entry.key;
          input.id = id;
          var text = document.createElement("span");
          text.textContent = german ? entry.de : entry.en;
          var key = document.createElement("code");
          key.textContent = entry.key;
          choice.append(input, text, key);
          list.appendChild(choice);
        });
        var error = group.querySelector("[data-error-for]");
        group.insertBefore(list, error && error.parentNode === group ? error : null);
      });
    }

    function fillList(id, entries) {
      var list = document.getElementById(id);
      entries.forEach(function (entry) {
        var option = document.createElement("option");
        option.value = entry[0];
        option.label = entry[1];
        list.appendChild(option);
      });
    }
  }
}());
