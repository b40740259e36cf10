"""Content problems: one per bad field, located by file and line, worded for contributors.

Messages live in one catalogue so that every check speaks the same way and each
message exists in English (default) and German.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field

import yaml
from babel import Locale
from babel.numbers import format_decimal

# code -> (English, German). Placeholders come from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "not-utf8": (
        "the file is not UTF-8 text (undecodable byte {byte} at column {column}); save it as UTF-8",
        "die Datei ist kein UTF-8-Text (Byte {byte} in Spalte {column} nicht lesbar); als UTF-8 speichern",
    ),
    "unclosed-front-matter": (
        "the front matter opened by '---' on line 1 is never closed; add a line '---' after the last field "
        "(probably just before line {line}, the first empty line)",
        "der mit '---' in Zeile 1 begonnene Kopfbereich wird nie geschlossen; nach dem letzten Feld eine Zeile "
        "'---' einfügen (vermutlich direkt vor Zeile {line}, der ersten leeren Zeile)",
    ),
    "unclosed-front-matter-end": (
        "the front matter opened by '---' on line 1 is never closed; add a line '---' after the last field",
        "der mit '---' in Zeile 1 begonnene Kopfbereich wird nie geschlossen; nach dem letzten Feld eine Zeile "
        "'---' einfügen",
    ),
    "tab": (
        "YAML does not allow tabs for indentation or spacing; replace the tab at line {line}, column {column} "
        "with spaces",
        "YAML erlaubt keine Tabulatoren zum Einrücken oder als Abstand; den Tabulator in Zeile {line}, "
        "Spalte {column} durch Leerzeichen ersetzen",
    ),
    "no-front-matter": (
        "the file has no front matter; start it with a line '---', the fields, and another line '---'",
        "die Datei hat keinen Kopfbereich; sie muss mit einer Zeile '---', den Feldern und einer weiteren Zeile '---' beginnen",
    ),
    "yaml": (
        "the front matter is not valid YAML: {detail}; check the quotes, brackets and indentation there "
        "(a value containing ': ' or starting with '[', '{{' or '*' needs quotes)",
        "der Kopfbereich ist kein gültiges YAML: {detail}; dort Anführungszeichen, Klammern und Einrückung prüfen "
        "(ein Wert mit ': ' oder am Anfang '[', '{{' oder '*' braucht Anführungszeichen)",
    ),
    "not-mapping": (
        "the front matter must be a list of 'field: value' lines, got {value}",
        "der Kopfbereich muss aus Zeilen 'feld: wert' bestehen, gefunden: {value}",
    ),
    "duplicate-key": (
        "the field appears twice (first on line {first}); keep one",
        "das Feld steht doppelt da (zuerst in Zeile {first}); eines entfernen",
    ),
    # The fixes are YAML that can be pasted as it is, indentation included.
    "missing": (
        "required field is missing; add the line '{fix}'",
        "Pflichtfeld fehlt; die Zeile '{fix}' ergänzen",
    ),
    "missing-below": (
        "required field is missing; add the line '{fix}' below line {below}, indented exactly like that",
        "Pflichtfeld fehlt; unter Zeile {below} die Zeile '{fix}' einfügen, genau so eingerückt",
    ),
    "missing-flow": (
        "required field is missing; add '{fix}' before the closing '}}' on line {below}",
        "Pflichtfeld fehlt; '{fix}' vor der schließenden '}}' in Zeile {below} einfügen",
    ),
    "comma-list": (
        "{value} is one text, not a list; write the list in square brackets: '{fix}'",
        "{value} ist ein einziger Text, keine Liste; die Liste in eckigen Klammern schreiben: '{fix}'",
    ),
    "file-date": (
        "the file name {value} starts with another date than date: {date}; rename the file to {rename} "
        "(or correct date:)",
        "der Dateiname {value} beginnt mit einem anderen Datum als date: {date}; die Datei in {rename} "
        "umbenennen (oder date: korrigieren)",
    ),
    "unknown-field": (
        "unknown field {value}{suggestion}; allowed fields: {allowed}",
        "unbekanntes Feld {value}{suggestion}; erlaubte Felder: {allowed}",
    ),
    "type": (
        "{value} is {actual}, expected {expected}",
        "{value} ist {actual}, erwartet: {expected}",
    ),
    "empty": (
        "must not be empty; expected {expected}",
        "darf nicht leer sein; erwartet: {expected}",
    ),
    "date-format": (
        "{value} is not a date in the form YYYY-MM-DD (for example 2018-04-10)",
        "{value} ist kein Datum der Form JJJJ-MM-TT (zum Beispiel 2018-04-10)",
    ),
    "date-written": (
        "{value} is not in the form YYYY-MM-DD; write {fix}",
        "{value} hat nicht die Form JJJJ-MM-TT; {fix} schreiben",
    ),
    "date-invalid": (
        "{value} is not a real date ({detail}); check the day and the month",
        "{value} ist kein existierendes Datum ({detail}); Tag und Monat prüfen",
    ),
    "date-order": (
        "{value} is before the start date {start}; end_date is the last day of the event, on or after date",
        "{value} liegt vor dem Anfangsdatum {start}; end_date ist der letzte Tag der Veranstaltung, am oder nach date",
    ),
    "unknown-key": (
        "{value} is not a known {vocabulary}{suggestion}; allowed: {allowed}",
        "{value} ist kein bekannter Schlüssel für {vocabulary}{suggestion}; erlaubt: {allowed}",
    ),
    "unknown-slug": (
        "no {kind} named {value} exists{suggestion}; use the file name without .md of a file in {folder}/",
        "{kind} {value} gibt es nicht{suggestion}; den Dateinamen ohne .md einer Datei in {folder}/ verwenden",
    ),
    "self-reference": (
        "{value} refers to this file itself; remove it",
        "{value} verweist auf diese Datei selbst; den Eintrag entfernen",
    ),
    "country": (
        "{value} is not an ISO 3166-1 alpha-2 country code (two capital letters such as DE, MK, JO){suggestion}",
        "{value} ist kein Ländercode nach ISO 3166-1 alpha-2 (zwei Großbuchstaben wie DE, MK, JO){suggestion}",
    ),
    "host-country": (
        "{value} is already the host country (location.country); remove it here: this list names the other "
        "countries whose people took part",
        "{value} ist schon das Gastgeberland (location.country); hier entfernen: die Liste nennt die anderen "
        "Länder, aus denen Menschen teilnahmen",
    ),
    "location-online": (
        "an online event has no city or country; remove {value} or 'online: true'",
        "eine Online-Veranstaltung hat keine Stadt und kein Land; {value} oder 'online: true' entfernen",
    ),
    "not-url": (
        "{value} is not an absolute http(s) URL (it must start with https:// or http://)",
        "{value} ist keine absolute http(s)-Adresse (sie muss mit https:// oder http:// beginnen)",
    ),
    "count": (
        "{value} is not a whole number of people (0 or more); write a number, e.g. 7",
        "{value} ist keine ganze Personenzahl (0 oder mehr); eine Zahl schreiben, z. B. 7",
    ),
    "choice": (
        "{value} is not allowed; allowed: {allowed}",
        "{value} ist nicht erlaubt; erlaubt: {allowed}",
    ),
    "html-in-text": (
        "{value} contains HTML; write plain text without <…> tags",
        "{value} enthält HTML; bitte reinen Text ohne <…>-Tags schreiben",
    ),
    "unsafe-markup": (
        "{value} is not allowed in contributed content ({detail}); use Markdown text, links and images",
        "{value} ist in Beiträgen nicht erlaubt ({detail}); Markdown-Text, Links und Bilder verwenden",
    ),
    "front-matter-too-long": (
        "the front matter has {size} characters, more than {max}; a case needs far less: move long text into the body",
        "der Kopfbereich hat {size} Zeichen, mehr als {max}; ein Fall braucht viel weniger: langen Text in den Bericht verschieben",
    ),
    "yaml-alias": (
        "{value} repeats an anchored value (a YAML alias); contributed files may not use anchors or aliases: "
        "write the value out",
        "{value} wiederholt einen verankerten Wert (YAML-Alias); Beiträge dürfen keine Anker oder Aliase "
        "verwenden: den Wert ausschreiben",
    ),
    "yaml-anchor": (
        "{value} is a YAML anchor; contributed files may not use anchors or aliases: remove it and write values out",
        "{value} ist ein YAML-Anker; Beiträge dürfen keine Anker oder Aliase verwenden: entfernen und Werte ausschreiben",
    ),
    "yaml-tag": (
        "{value} is an explicit YAML tag; contributed files may not use tags: remove it (write dates as "
        "2018-04-10, numbers as 7, text in quotes if needed)",
        "{value} ist ein ausdrückliches YAML-Tag; Beiträge dürfen keine Tags verwenden: entfernen (Daten als "
        "2018-04-10, Zahlen als 7, Text bei Bedarf in Anführungszeichen)",
    ),
    "yaml-merge": (
        "'<<' is a YAML merge key, which contributed files may not use: write the fields out "
        "(or put '<<' in quotes if you mean the text)",
        "'<<' ist ein YAML-Merge-Schlüssel, den Beiträge nicht verwenden dürfen: die Felder ausschreiben "
        "(oder '<<' in Anführungszeichen setzen, wenn der Text gemeint ist)",
    ),
    "yaml-depth": (
        "the front matter nests lists and mappings more than {max} levels deep; no field needs that: "
        "check the indentation and brackets",
        "der Kopfbereich schachtelt Listen und Zuordnungen tiefer als {max} Ebenen; kein Feld braucht das: "
        "Einrückung und Klammern prüfen",
    ),
    "field-too-long": (
        "the value has {size} characters, more than {max}; shorten it (long text belongs in the body)",
        "der Wert hat {size} Zeichen, mehr als {max}; kürzen (langer Text gehört in den Bericht)",
    ),
    "control-character": (
        "{value} contains the invisible character {character} at position {position}; delete it "
        "(it often comes with text copied from PDFs or chat tools)",
        "{value} enthält das unsichtbare Zeichen {character} an Position {position}; löschen "
        "(es kommt oft mit Text, der aus PDFs oder Chat-Programmen kopiert wurde)",
    ),
    "source-https": (
        "{value} is not an absolute https:// address; write it as the browser's address bar shows it, starting with "
        "https://, with no spaces, quotes or <>",
        "{value} ist keine absolute https://-Adresse; so schreiben, wie sie die Adresszeile des Browsers zeigt, "
        "beginnend mit https://, ohne Leerzeichen, Anführungszeichen oder <>",
    ),
    "unreadable": (
        "the file could not be read ({detail}); save it again as UTF-8 text and run check once more; if this "
        "persists, report it together with this message",
        "die Datei konnte nicht gelesen werden ({detail}); erneut als UTF-8-Text speichern und check wiederholen; "
        "wenn es bleibt, mit dieser Meldung melden",
    ),
    "file-symlink": (
        "{value} is a symbolic link, which is never followed (it could publish a file from outside the "
        "repository): put the file itself here instead of the link",
        "{value} ist ein symbolischer Link, dem nie gefolgt wird (er könnte eine Datei von außerhalb des "
        "Repositorys veröffentlichen): die Datei selbst statt des Links hierher legen",
    ),
    "file-folder": (
        "{value} is a folder; every case or method is one file directly in {folder}/: move its files "
        "there (e.g. {folder}/{name}) and remove the folder",
        "{value} ist ein Ordner; jeder Fall und jede Methode ist eine Datei direkt in {folder}/: die Dateien "
        "dorthin verschieben (z. B. {folder}/{name}) und den Ordner entfernen",
    ),
    "file-special": (
        "{value} is not a regular file; remove it from {folder}/",
        "{value} ist keine normale Datei; aus {folder}/ entfernen",
    ),
    "file-name-space": (
        "the file name {value} starts or ends with a space and is not published; rename it to '{name}'",
        "der Dateiname {value} beginnt oder endet mit einem Leerzeichen und wird nicht veröffentlicht; "
        "in '{name}' umbenennen",
    ),
    "file-extension": (
        "{value} is not published: only files ending in .md (lowercase) are cases or methods; rename it to "
        "'{name}' (or move it out of {folder}/ if it is not content)",
        "{value} wird nicht veröffentlicht: nur Dateien mit der Endung .md (klein geschrieben) sind Fälle oder "
        "Methoden; in '{name}' umbenennen (oder aus {folder}/ entfernen, wenn es kein Inhalt ist)",
    ),
    "unsafe-link": (
        "{value} is not allowed in contributed content ({detail}); links must start with https://, http:// or "
        "mailto:, or be relative such as ../../methods/arbeitsgruppen.md",
        "{value} ist in Beiträgen nicht erlaubt ({detail}); Links müssen mit https://, http:// oder mailto: "
        "beginnen oder relativ sein wie ../../methods/arbeitsgruppen.md",
    ),
    "remote-image": (
        "{value} is not allowed in contributed content ({detail}); images must be files in the repository: add "
        "the file under docs/assets/images/ and write ![description](../../assets/images/file.jpg)",
        "{value} ist in Beiträgen nicht erlaubt ({detail}); Bilder müssen Dateien im Repository sein: die Datei "
        "unter docs/assets/images/ ablegen und ![Beschreibung](../../assets/images/datei.jpg) schreiben",
    ),
    "unsafe-attribute": (
        "{value} is not allowed in contributed content ({detail}); contributed text cannot set attributes, "
        "classes or styles: remove it (and any {{: … }} after it); the theme does the formatting",
        "{value} ist in Beiträgen nicht erlaubt ({detail}); Beiträge können keine Attribute, Klassen oder Stile "
        "setzen: entfernen (auch ein {{: … }} dahinter); die Gestaltung übernimmt das Layout",
    ),
    "embedded-element": (
        "{value} is not allowed in contributed content ({detail}); images are written ![description](file in the "
        "repository), videos, maps and other pages are linked: [title](https://…)",
        "{value} ist in Beiträgen nicht erlaubt ({detail}); Bilder als ![Beschreibung](Datei im Repository) "
        "schreiben, Videos, Karten und andere Seiten verlinken: [Titel](https://…)",
    ),
    "body-too-long": (
        "the text has {size} characters, more than the {max} a page may have; split it into several cases",
        "der Text hat {size} Zeichen, mehr als die {max}, die eine Seite haben darf; auf mehrere Fälle aufteilen",
    ),
    "unclosed-brackets": (
        "too many {value} without a closing counterpart from here on (rendering it would take very long); "
        "close each one ({char} … {closer}) or remove those that are not needed",
        "zu viele {value} ohne schließendes Gegenstück ab hier (die Darstellung dauerte sehr lange); jedes "
        "schließen ({char} … {closer}) oder die nicht benötigten entfernen",
    ),
    "duplicate-title": (
        "the title {value} is already used by {other}; titles must be unique: add the place or the year",
        "der Titel {value} wird schon von {other} verwendet; Titel müssen eindeutig sein: Ort oder Jahr ergänzen",
    ),
    "bad-file-name": (
        "the file name {value} is not a valid slug: use lowercase letters a-z, digits and hyphens, e.g. 2018-04-10-netzwerktreffen-koeln.md",
        "der Dateiname {value} ist nicht gültig: nur Kleinbuchstaben a-z, Ziffern und Bindestriche, z. B. 2018-04-10-netzwerktreffen-koeln.md",
    ),
    "bad-key": (
        "{value} is not a valid key: use lowercase letters a-z, digits and hyphens, e.g. waste-management",
        "{value} ist kein gültiger Schlüssel: nur Kleinbuchstaben a-z, Ziffern und Bindestriche, z. B. waste-management",
    ),
    "reserved-name": (
        "the file name {value} is reserved for a generated page; choose another name",
        "der Dateiname {value} ist für eine erzeugte Seite reserviert; einen anderen Namen wählen",
    ),
    "follows-cycle": (
        "'follows' forms a cycle: {value}; a case can only follow earlier cases",
        "'follows' bildet einen Kreis: {value}; ein Fall kann nur auf frühere Fälle folgen",
    ),
    "not-of-case": (
        "{value} is not one of this case's own; a recommendation can narrow itself only to its case's "
        "{vocabulary} keys: {allowed}",
        "{value} gehört nicht zu diesem Fall; eine Empfehlung kann sich nur auf die Schlüssel ({vocabulary}) "
        "ihres Falls beschränken: {allowed}",
    ),
    "uncited-source": (
        "{value} is not cited by this case; use its 'source' or an address from its list of sources "
        "(\"## Quellen\"), or add it there",
        "{value} wird von diesem Fall nicht zitiert; seine 'source' oder eine Adresse aus seiner Quellenliste "
        "(„## Quellen“) verwenden oder sie dort ergänzen",
    ),
    "undeclared-method-link-methods": (
        "the text links the method page {value}, which the front matter does not declare; if the case used "
        "the method, write: {fix} (otherwise do not link the method page here)",
        "der Text verlinkt die Methodenseite {value}, die der Kopfbereich nicht nennt; wenn der Fall die "
        "Methode eingesetzt hat, schreiben: {fix} (sonst die Methodenseite hier nicht verlinken)",
    ),
    "undeclared-method-link-related": (
        "the text links the method page {value}, which 'related' does not name; write: {fix}",
        "der Text verlinkt die Methodenseite {value}, die 'related' nicht nennt; schreiben: {fix}",
    ),
    "missing-file": (
        "the file is missing; run the command in the handbook's folder or give it with --root",
        "die Datei fehlt; den Befehl im Ordner des Handbuchs ausführen oder ihn mit --root angeben",
    ),
    # `extra.handbook` in mkdocs.yml (or its environment variables), see contribution.py.
    "setting-repository": (
        "{value} is not a repository address; write the https:// address of its page on the Git host, "
        "e.g. https://github.com/<owner>/<repo>",
        "{value} ist keine Adresse eines Repositorys; die https://-Adresse seiner Seite beim Git-Anbieter "
        "schreiben, z. B. https://github.com/<owner>/<repo>",
    ),
    "setting-host": (
        "{value} is not a supported Git host; allowed: {allowed}",
        "{value} ist kein unterstützter Git-Anbieter; erlaubt: {allowed}",
    ),
    "setting-branch": (
        "{value} is not a branch name; use letters, digits, '.', '_', '-' and '/', e.g. main",
        "{value} ist kein Branch-Name; Buchstaben, Ziffern, '.', '_', '-' und '/' verwenden, z. B. main",
    ),
    "setting-contact": (
        "{value} is neither an e-mail address nor an https:// address; e.g. redaktion@example.org",
        "{value} ist weder eine E-Mail-Adresse noch eine https://-Adresse; z. B. redaktion@example.org",
    ),
    # Placeholders left by the templates, `new-case` and `import-legacy`.
    "placeholder": (
        "still the placeholder 'TODO'; replace it with a real value, e.g. '{example}'",
        "noch der Platzhalter 'TODO'; durch einen echten Wert ersetzen, z. B. '{example}'",
    ),
    # Answers to `new-case` and `import-legacy` (checked before any file is written).
    "slug-empty": (
        "the title {value} leaves no letters a-z or digits for the file name; give one with --slug, "
        "e.g. --slug netzwerktreffen-koeln",
        "der Titel {value} enthält keine Buchstaben a-z oder Ziffern für den Dateinamen; einen mit --slug angeben, "
        "z. B. --slug netzwerktreffen-koeln",
    ),
    "missing-answer": (
        "required; give it with {flag} (or run new-case without any answers to be asked step by step)",
        "Pflichtangabe; mit {flag} angeben (oder new-case ohne Angaben starten, um Schritt für Schritt gefragt zu werden)",
    ),
    "bad-slug": (
        "{value} is not a valid file name part: use lowercase letters a-z, digits and single hyphens, "
        "at most {max} characters, e.g. netzwerktreffen-koeln",
        "{value} ist kein gültiger Teil eines Dateinamens: nur Kleinbuchstaben a-z, Ziffern und einzelne "
        "Bindestriche, höchstens {max} Zeichen, z. B. netzwerktreffen-koeln",
    ),
    "date-answer": (
        "{value} is not a date; write it as YYYY-MM-DD (2018-04-10) or DD.MM.YYYY (10.04.2018)",
        "{value} ist kein Datum; als JJJJ-MM-TT (2018-04-10) oder TT.MM.JJJJ (10.04.2018) schreiben",
    ),
    "country-answer": (
        "{value} is not a country{suggestion}; write an ISO 3166-1 alpha-2 code such as DE, MK, JO, "
        "or a country name such as Deutschland or Jordan",
        "{value} ist kein Land{suggestion}; einen Ländercode nach ISO 3166-1 alpha-2 wie DE, MK, JO "
        "oder einen Ländernamen wie Deutschland oder Jordanien schreiben",
    ),
    # Answers in the case form of the site (form.py, assets/javascripts/case-form.js).
    "form-required": (
        "required; please fill in this field",
        "Pflichtangabe; bitte ausfüllen",
    ),
    "form-participants": (
        "{value} is not a line 'group: number', e.g. Kommunalverwaltung: 7",
        "{value} ist keine Zeile 'Gruppe: Zahl', z. B. Kommunalverwaltung: 7",
    ),
    "form-too-long": (
        "the file is too long to hand to the Git host in its address; download it and upload it there instead",
        "die Datei ist zu lang, um sie dem Git-Anbieter in der Adresse zu übergeben; stattdessen herunterladen "
        "und dort hochladen",
    ),
    "file-exists": (
        "the file already exists and is never overwritten; choose another title or --slug, or edit the existing file",
        "die Datei gibt es schon, sie wird nie überschrieben; einen anderen Titel oder --slug wählen "
        "oder die vorhandene Datei bearbeiten",
    ),
    "outside-folder": (
        "{value} is outside {folder}/; new files are only written into {folder}/",
        "{value} liegt außerhalb von {folder}/; neue Dateien werden nur in {folder}/ geschrieben",
    ),
    # Notes and refusals of `import-legacy` (old TYPO3 texts).
    "legacy-unknown-target": (
        "no handbook page is known for the old link target {value}; the link text {text} stays as plain text. "
        "Add a line such as {value}: ansatz.md (or a full https:// URL) to {mapping} and import again, "
        "or write the link by hand",
        "für das alte Linkziel {value} ist keine Seite des Handbuchs bekannt; der Linktext {text} bleibt als "
        "reiner Text stehen. In {mapping} eine Zeile wie {value}: ansatz.md (oder mit einer vollen "
        "https://-Adresse) eintragen und erneut importieren, oder den Link von Hand setzen",
    ),
    "legacy-unclosed-link": (
        "{value} has no closing </link>; took {text} as the link text (rule: the words after the tag up to and "
        "including the first capitalised word, within the clause; the whole clause if none is capitalised); "
        "check it in the new file",
        "{value} hat kein schließendes </link>; als Linktext wurde {text} genommen (Regel: die Wörter nach dem "
        "Tag bis einschließlich des ersten großgeschriebenen Worts, innerhalb des Satzteils; der ganze "
        "Satzteil, wenn keines großgeschrieben ist); in der neuen Datei prüfen",
    ),
    "legacy-page-id-url": (
        "{value} is an address of the old website by page id, which no longer works; it is kept as it is: "
        "map it in {mapping} or replace it by hand",
        "{value} ist eine Adresse der alten Website über die Seiten-ID, die nicht mehr funktioniert; sie bleibt "
        "unverändert: in {mapping} eintragen oder von Hand ersetzen",
    ),
    "legacy-url-cleaned": (
        "removed the old website's cache and tracking parameters from {value}: now {clean}",
        "Cache- und Tracking-Parameter der alten Website aus {value} entfernt: jetzt {clean}",
    ),
    "legacy-email": (
        "wrote the address {value} as {clean}",
        "Adresse {value} als {clean} geschrieben",
    ),
    "legacy-markup": (
        "removed the leftover markup {value}; the text around it is kept",
        "übrig gebliebenes Markup {value} entfernt; der Text darum herum bleibt",
    ),
    "legacy-date-range-guess": (
        "guessed date {value} and end_date {end} from {text} in the text; check them",
        "date {value} und end_date {end} aus {text} im Text abgeleitet; bitte prüfen",
    ),
    "legacy-participants-guess": (
        "guessed participants {value} from the numbers in brackets in the text ({text}); check the groups "
        "and the numbers",
        "participants {value} aus den Zahlen in Klammern im Text abgeleitet ({text}); Gruppen und Zahlen prüfen",
    ),
    "legacy-date-guess": (
        "guessed {value} from {text} in the text; check it",
        "{value} aus {text} im Text abgeleitet; bitte prüfen",
    ),
    "mapping-target": (
        "{value} is not a page of the handbook; use a page path such as ansatz.md, "
        "methods/kollegiale-beratung.md or cases/<file>.md, or a full https:// URL",
        "{value} ist keine Seite des Handbuchs; einen Seitenpfad wie ansatz.md, methods/kollegiale-beratung.md "
        "oder cases/<datei>.md oder eine volle https://-Adresse angeben",
    ),
    # Translations (`<slug>.<lang>.md` beside the original; README, "Languages")
    "translation-orphan": (
        "a translation without an original: {original} does not exist; rename this file to match its "
        "original (<slug>.<lang>.md) or delete it",
        "eine Übersetzung ohne Original: {original} gibt es nicht; die Datei wie ihr Original benennen "
        "(<slug>.<sprache>.md) oder löschen",
    ),
    "translation-language": (
        "{value} is not a language this translation can be in (the original is in '{original_language}'); "
        "allowed: {allowed}",
        "{value} ist keine Sprache, in der diese Übersetzung sein kann (das Original ist auf "
        "'{original_language}'); erlaubt: {allowed}",
    ),
    "translation-fact": (
        "a translation holds only title, summary, body, recommendation texts and the wording of the "
        "original's participant groups, duration and group size; facts stay in the original {original}: "
        "delete this line",
        "eine Übersetzung enthält nur Titel, Zusammenfassung, Text, Empfehlungstexte und den Wortlaut der "
        "Teilnehmergruppen, Dauer und Gruppengröße des Originals; Fakten stehen nur im Original {original}: "
        "diese Zeile löschen",
    ),
    "translation-groups": (
        "must name every participant group of {original}, in its order, with its translation "
        "(the numbers stay in the original): {fix}",
        "muss jede Teilnehmergruppe aus {original} in ihrer Reihenfolge mit ihrer Übersetzung nennen "
        "(die Zahlen stehen nur im Original): {fix}",
    ),
    "translation-numbers": (
        "{value} has other numbers than the original's {wanted} in {original}; a translation changes "
        "the words, never the facts: write the numbers as the original does",
        "{value} enthält andere Zahlen als das Original {wanted} in {original}; eine Übersetzung ändert "
        "die Wörter, nie die Fakten: die Zahlen wie im Original schreiben",
    ),
    "translation-text": (
        "must be translated text, not {value}",
        "muss übersetzter Text sein, nicht {value}",
    ),
    "translation-recommendations": (
        "must list the {count} of {original} in the same order, each as '- text: …' "
        "(themes and sources stay in the original)",
        "muss die {count} aus {original} in derselben Reihenfolge aufführen, jede als "
        "'- text: …' (Themen und Quellen stehen nur im Original)",
    ),
    "translation-outdated": (
        "note: {original} has changed since this was translated; update the translation, then make "
        "this line read: {fix}",
        "Hinweis: {original} wurde geändert, seit dies übersetzt wurde; die Übersetzung anpassen, dann "
        "diese Zeile so schreiben: {fix}",
    ),
}


SUGGESTION = (" (did you mean {}?)", " (meinten Sie {}?)")  # appended where a message has {suggestion}
COUNTRY_CODES = {"country", "country-answer"}  # codes whose suggestion is a country code
GERMAN_NOUNS = {"method": "Methode", "case": "Fall", "instrument": "Instrument", "sector": "Sektor",
                "theme": "Thema"}


def message_language() -> str:
    """Contributors choose German with HANDBOOK_LANG=de; English is the default."""
    return "de" if os.environ.get("HANDBOOK_LANG", "").lower().startswith("de") else "en"


# Countable words: key -> (English, German) forms by CLDR plural category; {num} is the count.
COUNTED: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "case": ({"one": "{num} case", "other": "{num} cases"}, {"one": "{num} Fall", "other": "{num} Fälle"}),
    "method": ({"one": "{num} method", "other": "{num} methods"}, {"one": "{num} Methode", "other": "{num} Methoden"}),
    "problem": ({"one": "{num} problem", "other": "{num} problems"}, {"one": "{num} Problem", "other": "{num} Probleme"}),
    "file": ({"one": "{num} file", "other": "{num} files"}, {"one": "{num} Datei", "other": "{num} Dateien"}),
    "paragraph": ({"one": "{num} paragraph", "other": "{num} paragraphs"},
                  {"one": "{num} Absatz", "other": "{num} Absätze"}),
    "recommendation": ({"one": "{num} recommendation", "other": "{num} recommendations"},
                       {"one": "{num} Empfehlung", "other": "{num} Empfehlungen"}),
}


CONTENT_PROBLEMS = ("{problems} in the handbook's content", "{problems} im Inhalt des Handbuchs")


def content_problems(problems: list) -> str:
    """The heading of a build log that lists problems, in the contributors' language."""
    english, german = CONTENT_PROBLEMS
    return (german if message_language() == "de" else english).format(
        problems=counted(None, "problem", len(problems)))


@dataclass(frozen=True)
class Count:
    """A number of things in a message, worded when the message's language is known."""

    word: str  # a key of COUNTED
    number: int


def counted(language: str | None, word: str, number: int) -> str:
    """'1 case' / '2 cases', '1 Fall' / '2 Fälle': the language's plural rule from Babel (CLDR),
    not a '(s)' suffix, so a language with more categories only needs more forms."""
    locale = Locale.parse(language or message_language())
    forms = COUNTED[word][locale.language == "de"]
    return forms.get(locale.plural_form(number), forms["other"]).format(num=format_decimal(number, locale=locale))


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, with what is allowed."""

    path: str
    line: int | None
    field: str
    code: str
    params: dict = field(default_factory=dict, compare=False, hash=False)

    def message(self, language: str | None = None) -> str:
        german_wanted = (language or message_language()) == "de"
        english, german = MESSAGES[self.code]
        params = {name: counted(language, value.word, value.number) if isinstance(value, Count) else value
                  for name, value in self.params.items()}
        close = params.get("suggestion")
        if close:
            shown = quote(close)
            if self.code in COUNTRY_CODES:  # `'MK' (Nordmazedonien)`: the code with the name it stands for
                shown += f" ({Locale(language or message_language()).territories.get(close, close)})"
            params["suggestion"] = SUGGESTION[german_wanted].format(shown)
        else:
            params["suggestion"] = ""
        if german_wanted:
            for name in ("kind", "vocabulary"):
                if name in params:
                    params[name] = GERMAN_NOUNS.get(params[name], params[name])
        return (german if german_wanted else english).format(field=self.field, **params)

    def format(self, language: str | None = None) -> str:
        """`path:line: field: message`, the form editors and CI annotations understand."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.field}: {self.message(language)}")


# Characters that are invisible, reorder text or cannot be printed (control characters, bidi
# overrides, lone surrogates): an error in any text field, and escaped wherever a message shows them.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """The text with every INVISIBLE character shown as \\uXXXX: a message never moves the
    terminal's cursor, reorders a line or fails to print."""
    return INVISIBLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def quote(value) -> str:
    """Show a bad value the way the contributor typed it, shortened if long."""
    if isinstance(value, str):
        text = value
    else:  # as the contributor would write it in YAML, e.g. {a: 1} or [x, y]
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()
        text = text[:-4].rstrip() if text.endswith("\n...") or text.endswith(" ...") else text
    text = printable(text)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"'{text}'"


def closest(value, candidates) -> str | None:
    """The likely intended key, slug or field name behind a typo, for 'did you mean'."""
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def listing(values, limit: int = 12) -> str:
    values = list(values)
    shown = ", ".join(values[:limit])
    return shown + (f", … ({len(values)} in all)" if len(values) > limit else "")
