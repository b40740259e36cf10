"""The handbook's domain: taxonomy terms, methods, cases and their recommendations.

Plain data with no MkDocs import, so the CLI, the tests and the hook share it.
Each object knows the site path of its page (the URL contract), nothing about rendering.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One entry of a taxonomy vocabulary: a stable key, labels and a description."""

    key: str
    de: str
    en: str
    description: str
    description_en: str | None = None  # for the English edition; without it, the German one shows

    def label_in(self, language: str) -> str | None:
        """Its name in `language`, if taxonomy.yml gives one."""
        return getattr(self, language, None)

    def description_in(self, language: str) -> str | None:
        """Its description written in `language` (German is the original), None if not written yet."""
        return self.description if language == "de" else getattr(self, f"description_{language}", None)


@dataclass(frozen=True)
class Instrument(Term):
    """A format of exchange (dialogue event, expert secondment, …)."""

    guide: str | None = None  # slug of the method page that explains how the instrument works

    @property
    def page_path(self) -> str:
        return f"instruments/{self.key}.md"


class Sector(Term):
    """A field of municipal work (waste management, mobility, …)."""

    @property
    def page_path(self) -> str:
        return f"sectors/{self.key}.md"


class Theme(Term):
    """A recommendation theme (prerequisites, instruments and methods, impacts)."""

    @property
    def page_path(self) -> str:
        """Every recommendation of the theme, when the recommendations page is too long to hold them."""
        return f"recommendations/{self.key}.md"


@dataclass(frozen=True)
class Taxonomy:
    instruments: dict[str, Instrument]
    sectors: dict[str, Sector]
    themes: dict[str, Theme]


@dataclass(frozen=True)
class Location:
    city: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    online: bool = False


@dataclass(frozen=True)
class Recommendation:
    theme: str
    text: str
    id: str | None = None
    # What the lesson is specific to, each a subset of its case's (empty: not named).
    sectors: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    source: str | None = None  # the cited page it comes from, when the case cites several


def specific_sectors(recommendation: Recommendation, case: "Case") -> tuple[str, ...]:
    """The sectors a recommendation speaks to: those it names, else its case's only sector.

    A lesson from a meeting about five sectors is no lesson about any one of them unless it
    says so; a lesson from a one-sector case is about that sector, unless it names an
    instrument: then it is a lesson about the format, whatever the meeting's subject.
    """
    if recommendation.sectors:
        return recommendation.sectors
    if recommendation.instruments:
        return ()
    return case.sectors if len(case.sectors) == 1 else ()


def specific_instruments(recommendation: Recommendation) -> tuple[str, ...]:
    """The instruments a recommendation speaks to: only those it names.

    Every case has one instrument, but most of what a workshop recommends is about its
    subject, not about the format it met in; a lesson about the format says so.
    """
    return recommendation.instruments


CARD_DECK = "cards/methodenkarten.pdf"  # every method card in one PDF (cards.py)


@dataclass(frozen=True, eq=False)
class Method:
    slug: str
    source_path: str
    title: str
    instruments: tuple[str, ...]
    summary: str
    body: str
    duration: str | None = None
    group_size: str | None = None
    related: tuple[str, ...] = ()
    body_line: int = 1  # line of the source file on which the body starts, for messages
    language: str = "de"  # the language its text is in (a translation's, in another edition)

    @property
    def page_path(self) -> str:
        return f"methods/{self.slug}.md"

    @property
    def card_path(self) -> str:
        """Its printable card (cards.py)."""
        return f"cards/{self.slug}.pdf"


@dataclass(frozen=True, eq=False)
class Case:
    slug: str
    source_path: str
    title: str
    date: datetime.date
    instrument: str
    sectors: tuple[str, ...]
    location: Location
    body: str
    end_date: datetime.date | None = None
    date_precision: str = "day"  # day | month | year: how much of `date` the source gives
    # ISO 3166-1 alpha-2 codes of the other countries whose people took part (never the host country)
    participating_countries: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    participants: dict[str, int] = field(default_factory=dict)
    summary: str | None = None
    recommendations: tuple[Recommendation, ...] = ()
    author: str | None = None
    language: str = "de"
    source: str | None = None
    follows: tuple[str, ...] = ()
    body_line: int = 1  # line of the source file on which the body starts, for messages

    @property
    def page_path(self) -> str:
        return f"cases/{self.slug}.md"

    @property
    def countries(self) -> tuple[str, ...]:
        """Every country of the case: the host country first, then the participating ones."""
        host = (self.location.country,) if self.location.country else ()
        return host + self.participating_countries

    @property
    def participant_total(self) -> int | None:
        return sum(self.participants.values()) if self.participants else None

    @property
    def sort_key(self):
        """Newest first, then by slug, so equal dates still give a stable order."""
        return (-self.date.toordinal(), self.slug)
