"""The handbook's own full-text search: documents, stemming and a sharded static index.

Why not the theme's search: it makes every reader download the whole index on the first page
view (73 MB at 5,000 cases), and from disk it needs all of it as one script. Here the index is
many small scripts, each calling `window.__handbookSearch.<kind>(…)`, because a page opened from
file:// may load a script but not fetch a file; online the same files load only once a reader
searches, and only those a query needs:

- `search/t/index.js`: which term shards exist, and the number of docs.
- `search/t/<key>.js`: word forms whose first two letters are `<key>` (as hex code points), each
  with its stem groups and their postings bucket. The browser looks words up by their exact form
  and, for the last word typed, every form it begins, so it needs no stemmer of its own.
- `search/p/<n>.js`: postings of the stem groups hashed into bucket n: doc ids delta-encoded,
  each with a weight that already holds BM25's term-frequency part (title words count triple).
- `search/m/<n>.js`: what a result shows, for docs n*FRAGMENT … (n+1)*FRAGMENT-1.

Everything is sorted and hashed deterministically, so two builds write identical bytes.
"""
from __future__ import annotations

import json
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable

import snowballstemmer

from .handbook import Handbook
from .pictures import country_rows

FOLDER = "search"
FRAGMENT = 20  # docs per metadata file: a first page of results loads a few small files
BUCKET_BYTES = 16 * 1024  # about this much postings per bucket file
MAX_BUCKETS = 1024
TITLE_WEIGHT = 3
K1, B = 1.2, 0.75  # BM25's usual constants
WEIGHT_SCALE = 40  # postings weights are whole numbers: BM25's tf part (at most K1 + 1) times this
SNIPPET = 160  # characters of summary a result shows
STEMMERS = {"de": "german", "en": "english"}

_WORD = re.compile(r"[^\W_]+")
_URL = re.compile(r"https?://\S+|\]\([^)]*\)|\{:[^}]*\}|<[^>]*>")


@dataclass(frozen=True)
class SearchDocument:
    """One result: a page with the words it is found by (`text`) and what the result shows."""

    url: str  # from the site's root, as the build links it (cases/x/ online, cases/x.html offline)
    kind: str  # case, method, instrument, sector, country, page
    title: str
    text: str
    language: str  # the language its words are in, stemmed as such
    date: str = ""
    place: str = ""
    summary: str = ""


def words(text: str) -> list[str]:
    """Unicode words, compatibility-normalised and casefolded (search.js folds queries alike)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def markdown_text(markdown: str) -> str:
    """A contributed body's words: link targets, addresses, attribute lists and tags dropped
    (the tokeniser skips the remaining Markdown punctuation)."""
    return _URL.sub(" ", markdown)


class _Text(HTMLParser):
    """The text of rendered HTML, without elements marked `data-search-exclude` (navigation
    lists) and permalink signs; `lead` is the text after the page's heading, for a snippet."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lead: list[str] = []
        self.skipping = 0  # depth inside an excluded element
        self.heading = False

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        if (self.skipping or "data-search-exclude" in attributes or tag in ("script", "style")
                or "headerlink" in (attributes.get("class") or "").split()):
            self.skipping += 1
        self.heading = self.heading or tag == "h1"

    def handle_endtag(self, tag):
        if self.skipping and tag not in self.VOID:
            self.skipping -= 1
        if tag == "h1":
            self.heading = False

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)
            if not self.heading:
                self.lead.append(data)


def html_text(html: str) -> tuple[str, str]:
    """(all the words of the page, those after its heading)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts), " ".join(parser.lead)


def snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[:SNIPPET].rsplit(" ", 1)[0] + " …"


def handbook_documents(handbook: Handbook, formats, url: Callable[[str], str]) -> list[SearchDocument]:
    """Cases, methods and the instrument, sector and country pages of one edition; `formats` is
    the renderer's (render.Formats: dates, places and labels as the pages show them), `url` maps a
    page path to its URL from the site's root."""
    edition = formats.language.code
    taxonomy = handbook.taxonomy
    documents = []
    for case in handbook.cases:
        facts = [formats.place(case), formats.when(case), formats.label(taxonomy.instruments[case.instrument]),
                 *(formats.label(taxonomy.sectors[key]) for key in case.sectors),
                 *(formats.country_name(code) for code in case.countries)]
        text = " ".join([case.summary or "", markdown_text(case.body), *(r.text for r in case.recommendations), *facts])
        documents.append(SearchDocument(url(case.page_path), "case", case.title, text, case.language,
                                        formats.when(case), formats.place(case),
                                        snippet(case.summary or markdown_text(case.body))))
    for method in handbook.methods:
        documents.append(SearchDocument(url(method.page_path), "method", method.title,
                                        f"{method.summary} {markdown_text(method.body)}", method.language,
                                        summary=snippet(method.summary)))
    for kind, vocabulary in (("instrument", taxonomy.instruments), ("sector", taxonomy.sectors)):
        for term in vocabulary.values():
            own = term.description_in(edition)
            description = own or term.description
            documents.append(SearchDocument(url(term.page_path), kind, formats.label(term), description,
                                            edition if own else "de", summary=snippet(description)))
    for row in country_rows(handbook):
        name = formats.country_name(row.code)
        documents.append(SearchDocument(url(row.page_path), "country", name, name, edition))
    return documents


def page_document(url: str, title: str, html: str, language: str) -> SearchDocument:
    """An editorial page from its rendered HTML."""
    text, lead = html_text(html)
    return SearchDocument(url, "page", title, text, language, summary=snippet(lead))


class SearchIndex:
    """Writes the index files of one build."""

    def __init__(self):
        self._stemmers = {code: snowballstemmer.stemmer(name) for code, name in STEMMERS.items()}
        # Each word form is stemmed once per language: thousands of reports share their words.
        self._stems: dict[str, dict[str, str]] = {code: {} for code in STEMMERS}

    def _stem(self, document: SearchDocument, edition: str) -> tuple[dict, dict, frozenset]:
        """The document's groups counted in its title and its text, and its word forms."""
        code, prefix = _stemming(document), _group_prefix(document, edition)
        stemmer, stems = self._stemmers[code], self._stems[code]
        fields, forms = [], set()
        for text in (document.title, document.text):
            tokens = Counter(words(text))
            new = [w for w in tokens if w not in stems]
            stems.update(zip(new, stemmer.stemWords(new)))
            counts: dict[str, int] = {}
            for word, n in tokens.items():
                group = prefix + stems[word]
                counts[group] = counts.get(group, 0) + n
            fields.append(counts)
            forms.update(tokens)
        return fields[0], fields[1], frozenset(forms)

    def files(self, documents: list[SearchDocument], edition: str) -> dict[str, bytes]:
        """{path in the site: content} of the whole index for `documents` of the edition `edition`."""
        documents = sorted(documents, key=lambda d: d.url)
        stemmed = [self._stem(d, edition) for d in documents]
        by_language: dict[tuple[str, str], set[str]] = {}  # (stemming, group prefix) -> word forms
        for document, (_, _, words_of) in zip(documents, stemmed):
            by_language.setdefault((_stemming(document), _group_prefix(document, edition)), set()).update(words_of)
        forms: dict[str, set[str]] = {}
        for (code, prefix), used_forms in by_language.items():
            stems = self._stems[code]
            for form in used_forms:
                forms.setdefault(form, set()).add(prefix + stems[form])
        merged = _plural_s(forms, edition)
        lengths = [sum(t.values()) + sum(b.values()) for t, b, _ in stemmed]
        average = sum(lengths) / len(lengths) if lengths else 1.0
        postings: dict[str, list[int]] = {}  # group -> [doc - previous doc, weight, ...]
        previous: dict[str, int] = {}
        for doc, ((title, body, _), length) in enumerate(zip(stemmed, lengths)):
            counts = dict(body)
            for group, n in title.items():
                counts[group] = counts.get(group, 0) + TITLE_WEIGHT * n
            for group in merged.keys() & counts.keys():
                n = counts.pop(group)
                counts[merged[group]] = counts.get(merged[group], 0) + n
            norm = K1 * (1 - B + B * length / average)
            for group, tf in counts.items():
                weight = max(1, round(WEIGHT_SCALE * tf * (K1 + 1) / (tf + norm)))
                entry = postings.get(group)
                if entry is None:
                    postings[group] = [doc, weight]
                else:
                    entry += (doc - previous[group], weight)
                previous[group] = doc
        size = sum(len(p) for p in postings.values()) * 3  # two numbers a posting, about six bytes
        buckets = 1
        while buckets < MAX_BUCKETS and buckets * BUCKET_BYTES < size:
            buckets *= 2

        def bucket(group: str) -> int:
            return zlib.crc32(group.encode("utf-8")) % buckets

        out: dict[str, bytes] = {}
        by_bucket: dict[int, dict[str, list[int]]] = {}
        for group, flat in postings.items():
            by_bucket.setdefault(bucket(group), {})[group] = flat
        for n, groups in by_bucket.items():
            out[f"{FOLDER}/p/{n}.js"] = _call("postings", n, groups)
        shards: dict[str, dict[str, list]] = {}
        for form, groups in forms.items():
            targets = sorted({merged.get(g, g) for g in groups})
            shards.setdefault(shard_key(form), {})[form] = [x for g in targets for x in (g, bucket(g))]
        for key, entries in shards.items():
            out[f"{FOLDER}/t/{shard_name(key)}.js"] = _call("terms", key, entries)
        # Which shards exist (a query asks for no file that is not there) and how many docs.
        out[f"{FOLDER}/t/index.js"] = _call("shards", sorted(shard_name(k) for k in shards), len(documents))
        for start in range(0, len(documents), FRAGMENT):
            rows = [[d.url, d.title, d.kind, d.date, d.place, d.summary, d.language]
                    for d in documents[start:start + FRAGMENT]]
            out[f"{FOLDER}/m/{start // FRAGMENT}.js"] = _call("meta", start // FRAGMENT, rows)
        return dict(sorted(out.items()))


def _stemming(document: SearchDocument) -> str:
    """The stemmer a document's words get: its language's, else English."""
    return document.language if document.language in STEMMERS else "en"


def _group_prefix(document: SearchDocument, edition: str) -> str:
    """A group of the edition's language is its stem; one of another language says which."""
    return "" if document.language == edition else document.language + ":"


def _plural_s(forms: dict[str, set[str]], edition: str) -> dict[str, str]:
    """German stemming keeps the plural -s of loanwords ("Workshops"): where the stem without it
    is a group too, the word's group joins that one, so "Workshops" finds "Workshop"."""
    groups = {g for gs in forms.values() for g in gs}
    return {group: group[:-1] for group in groups
            if (group.startswith("de:") or (edition == "de" and ":" not in group))
            and group.endswith("s") and len(group) > 4 and group[:-1] in groups}


def shard_key(form: str) -> str:
    return form[:2]


def shard_name(key: str) -> str:
    """A file name for any two letters: their code points in hex (search.js names them alike)."""
    return "-".join(f"{ord(c):x}" for c in key)


def _call(kind: str, *arguments) -> bytes:
    data = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"), sort_keys=True) for a in arguments)
    return f"window.__handbookSearch.{kind}({data});\n".encode("utf-8")
