"""The field reference of CONTRIBUTING.md, generated from the content contract and taxonomy.yml.

`python -m hooks.municipal_handbook contributing` rewrites the part between the two marker
comments (and nothing else); `--check` and a test fail when it is out of date, so the allowed
values contributors read can never drift from the ones the check accepts.
"""
from __future__ import annotations

from .model import Taxonomy
from .validation import CASE_FIELDS, DATE_PRECISIONS, METHOD_FIELDS

CONTRIBUTING = "CONTRIBUTING.md"
BEGIN = "<!-- BEGIN GENERATED FIELD REFERENCE: python -m hooks.municipal_handbook contributing -->"
END = "<!-- END GENERATED FIELD REFERENCE -->"

# field -> (required, example as written in the front matter, German meaning, English meaning)
CASE_DOCS = {
    "title": (True, "title: Netzwerktreffen für kommunale Expertinnen und Experten",
              "Titel der Veranstaltung, im Handbuch eindeutig; reiner Text.",
              "Title of the event, unique in the handbook; plain text."),
    "date": (True, "date: 2018-04-10", "Erster Tag, JJJJ-MM-TT; muss ein existierendes Datum sein.",
             "First day, YYYY-MM-DD; must be a real date."),
    "end_date": (False, "end_date: 2018-04-12", "Letzter Tag bei mehrtägigen Veranstaltungen, nicht vor `date`.",
                 "Last day of events over several days, not before `date`."),
    "date_precision": (False, "date_precision: month",
                       "Wie genau die Quelle das Datum kennt: " + ", ".join(f"`{p}`" for p in DATE_PRECISIONS)
                       + " (Standard `day`); bei `month` zeigt die Seite nur Monat und Jahr.",
                       "How much of the date the source gives: " + ", ".join(f"`{p}`" for p in DATE_PRECISIONS)
                       + " (default `day`); with `month` the page shows month and year only."),
    "instrument": (True, "instrument: network-meeting", "Genau ein Instrument, Schlüssel aus der Liste unten.",
                   "Exactly one instrument, a key from the list below."),
    "sectors": (True, "sectors: [mobility, wastewater]", "Ein oder mehrere Sektoren, Schlüssel aus der Liste unten.",
                "One or more sectors, keys from the list below."),
    "location": (True, "location: {city: Köln, country: DE}",
                 "Stadt und Ländercode (ISO 3166-1 alpha-2, zwei Großbuchstaben); für virtuelle Veranstaltungen "
                 "`location: {online: true}` ohne Stadt und Land.",
                 "City and country code (ISO 3166-1 alpha-2, two capital letters); for virtual events "
                 "`location: {online: true}` without city and country."),
    "participating_countries": (
        False, "participating_countries: [UA, JO]",
        "Weitere Länder, aus denen Menschen teilnahmen (Partnerstädte, Delegationen, bei Online-Veranstaltungen "
        "alle): Ländercodes nach ISO 3166-1 alpha-2, ohne das Gastgeberland aus `location`. Der Filter „Land“ "
        "findet einen Fall über sein Gastgeberland oder eines dieser Länder.",
        "Other countries whose people took part (partner cities, delegations, for online events all of them): "
        "ISO 3166-1 alpha-2 codes, without the host country from `location`. The \"Land\" filter finds a case by "
        "its host country or any of these."),
    "methods": (False, "methods: [arbeitsgruppen, kollegiale-beratung]",
                "Verwendete Methoden: Dateinamen aus `methods/` ohne `.md`. Die Methodenseite des Instruments "
                "(Spalte „Methodenseite“ unten) gilt ohne Eintrag als verwendet. Verlinkt der Text eine "
                "Methodenseite, muss sie hier stehen; `check` meldet sonst die Zeile und die korrigierte Liste.",
                "Methods used: file names in `methods/` without `.md`. The instrument's method page (column "
                "\"guide\" below) counts as used without an entry. A method page the text links must be listed "
                "here; otherwise `check` reports the line and the corrected list."),
    "participants": (False, "participants: {Kommunalverwaltung: 7, Kommunale Unternehmen: 7}",
                     "Teilnehmende je Gruppe als ganze Zahlen; die Seite zeigt auch die Summe.",
                     "Participants per group as whole numbers; the page also shows the total."),
    "summary": (False, "summary: Eintägiges Treffen von 15 Fachleuten in Köln …",
                "Ein bis zwei Sätze reiner Text für Übersichten und Suche.",
                "One or two sentences of plain text for overviews and search."),
    "recommendations": (False, "recommendations: [{theme: prerequisites, text: Frühzeitig planen., "
                        "sectors: [mobility], source: https://…}]",
                        "Empfehlungen aus den Ergebnissen der Veranstaltung, jede mit `theme` (Schlüssel aus der "
                        "Themenliste unten) und `text`; optional `id`, `source` (eine der zitierten Adressen des "
                        "Falls, aus der sie stammt), `sectors` und `instruments` (Teilmengen der Schlüssel des "
                        "Falls). Sektor- und Instrumentseiten zeigen eine Empfehlung nur, wenn sie für sie gilt: "
                        "für die genannten Sektoren, ohne Angabe für den einzigen Sektor eines Falls mit nur "
                        "einem (nicht, wenn sie ein Instrument nennt); für Instrumente nur, wenn sie genannt "
                        "sind. Alle stehen auf der Seite Empfehlungen.",
                        "Recommendations from the event's outcomes, each with `theme` (a key from the theme list "
                        "below) and `text`; optional `id`, `source` (one of the case's cited addresses it comes "
                        "from), `sectors` and `instruments` (subsets of the case's keys). Sector and instrument "
                        "pages show a recommendation only where it applies: the sectors it names, or without "
                        "them the only sector of a one-sector case (not if it names an instrument); instruments "
                        "only when named. All appear on the recommendations page."),
    "author": (False, "author: Benjamin Jeromin, Connective Cities", "Wer den Bericht geschrieben hat.",
               "Who wrote the report."),
    "language": (False, "language: de", "Sprache des Berichts: `de` (Standard) oder `en`.",
                 "Language of the report: `de` (default) or `en`."),
    "source": (False, "source: https://www.connective-cities.net/…",
               "Volle https://-Adresse der öffentlichen Quelle des Berichts.",
               "Full https:// address of the public page the report is based on."),
    "follows": (False, "follows: [2017-06-19-nachhaltige-staedtische-mobilitaet-bremen]",
                "Frühere Fälle, auf denen dieser aufbaut (Dateinamen aus `cases/` ohne `.md`); ergibt den Lernpfad.",
                "Earlier cases this one builds on (file names in `cases/` without `.md`); makes the learning path."),
}
METHOD_DOCS = {
    "title": (True, "title: Kollegiale Beratung", "Name der Methode, im Handbuch eindeutig; reiner Text.",
              "Name of the method, unique in the handbook; plain text."),
    "instruments": (True, "instruments: [dialogue-event, local-project-workshop]",
                    "Instrumente, in denen die Methode vorkommt; Schlüssel aus der Liste unten.",
                    "Instruments the method is used in; keys from the list below."),
    "summary": (True, "summary: Strukturierte Beratung auf Augenhöhe …", "Ein Satz reiner Text: wozu die Methode dient.",
                "One sentence of plain text: what the method is for."),
    "duration": (False, 'duration: "60–75 Minuten je Runde"', "Typische Dauer, freier Text.",
                 "Typical duration, free text."),
    "group_size": (False, 'group_size: "5–8 Personen je Gruppe"', "Typische Gruppengröße, freier Text.",
                   "Typical group size, free text."),
    "related": (False, "related: [gute-praxis-praesentation]",
                "Verwandte Methoden (Dateinamen aus `methods/` ohne `.md`); gilt in beide Richtungen. Jede "
                "Methodenseite, die der Text verlinkt, muss hier (oder in `related` der anderen Seite) stehen.",
                "Related methods (file names in `methods/` without `.md`); counts both ways. Every method page "
                "the text links must be listed here (or in the other page's `related`)."),
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _field_table(fields, docs) -> list[str]:
    missing = [name for name in fields if name not in docs]
    if missing:  # the contract gained a field: document it here before the reference can be generated
        raise KeyError(f"no documentation for field(s) {', '.join(missing)} in contributing.py")
    rows = ["| Feld / field | Pflicht / required | Bedeutung | Meaning | Beispiel / example |",
            "| --- | --- | --- | --- | --- |"]
    for name in fields:
        required, example, german, english = docs[name]
        rows.append(f"| `{name}` | {'ja / yes' if required else 'nein / no'} | {_cell(german)} | {_cell(english)} "
                    f"| `{_cell(example)}` |")
    return rows


def _term_table(vocabulary, with_guide: bool = False) -> list[str]:
    header = "| Schlüssel / key | Deutsch | English |" + (" Methodenseite / guide |" if with_guide else "")
    rows = [header, "| --- | --- | --- |" + (" --- |" if with_guide else "")]
    for key, term in vocabulary.items():
        row = f"| `{key}` | {_cell(term.de)} | {_cell(term.en)} |"
        if with_guide:
            row += f" `methods/{term.guide}.md` |" if getattr(term, "guide", None) else " |"
        rows.append(row)
    return rows


def generate(taxonomy: Taxonomy) -> str:
    lines = [BEGIN,
             "<!-- Do not edit by hand: generated from taxonomy.yml and hooks/municipal_handbook/validation.py. -->",
             "",
             "### Felder eines Falls / Fields of a case (`cases/*.md`)", ""]
    lines += _field_table(CASE_FIELDS, CASE_DOCS)
    lines += ["", "### Felder einer Methode / Fields of a method (`methods/*.md`)", ""]
    lines += _field_table(METHOD_FIELDS, METHOD_DOCS)
    lines += ["", "### Instrumente / Instruments (`instrument`, `instruments`)", ""]
    lines += _term_table(taxonomy.instruments, with_guide=True)
    lines += ["", "### Sektoren / Sectors (`sectors`)", ""]
    lines += _term_table(taxonomy.sectors)
    lines += ["", "### Themen der Empfehlungen / Recommendation themes (`recommendations: - theme:`)", ""]
    lines += _term_table(taxonomy.themes)
    lines += ["", "### Weitere Werte / Other values", "",
              "- `date_precision`: " + ", ".join(f"`{p}`" for p in DATE_PRECISIONS) + ".",
              "- `location.country`: ISO 3166-1 alpha-2, z. B. / e.g. `DE`, `JO`, `MK`, `LB`, `BR`.",
              "- `participating_countries`: dieselben Codes / the same codes, z. B. / e.g. `[UA, EG, TN]`; "
              "nie das Gastgeberland / never the host country.",
              "- `location.online`: `true` (dann ohne / then without `city` and `country`).",
              "- Dateinamen / file names: `cases/JJJJ-MM-TT-kurzer-name.md`, `methods/kurzer-name.md`: "
              "a-z, 0-9, `-`; Namen mit `_` am Anfang sind Vorlagen / names starting with `_` are templates.",
              "", END]
    return "\n".join(lines)


def update(current: str, taxonomy: Taxonomy) -> str:
    """`current` with its generated section replaced (or appended if it has none)."""
    section = generate(taxonomy)
    if BEGIN in current and END in current:
        before = current[:current.index(BEGIN)]
        after = current[current.index(END) + len(END):]
        return before + section + after
    return current.rstrip("\n") + ("\n\n" if current.strip() else "") + section + "\n"
