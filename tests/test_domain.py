"""Domain rules checked without MkDocs: relatedness, learning paths, recommendation merging."""
import datetime
import random

from municipal_handbook.handbook import RELATED_CASES, Handbook
from municipal_handbook.model import Case, Location, Recommendation
from municipal_handbook.recommendations import normalise
from municipal_handbook.taxonomy import load_taxonomy

from conftest import ROOT

TAXONOMY, _ = load_taxonomy(ROOT / "taxonomy.yml")


def make_case(number, instrument, sectors, date, follows=(), recommendations=()):
    return Case(slug=f"c{number:04d}", source_path=f"cases/c{number:04d}.md", title=f"Fall {number} (Testdaten)",
                date=date, instrument=instrument, sectors=tuple(sectors), location=Location("X", "DE"), body="",
                follows=tuple(follows), recommendations=tuple(recommendations))


def brute_force_related(handbook, case):
    def score(other):
        return (other.instrument == case.instrument) + len(set(other.sectors) & set(case.sectors))

    candidates = [o for o in handbook.cases if o.slug != case.slug and score(o) > 0]
    candidates.sort(key=lambda o: (-score(o), o.sort_key))
    return candidates[:RELATED_CASES]


def test_related_cases_match_the_definition_on_a_random_corpus():
    rng = random.Random(7)
    instruments, sectors = list(TAXONOMY.instruments), list(TAXONOMY.sectors)
    cases = [make_case(n, rng.choice(instruments[:3]), rng.sample(sectors[:5], rng.randint(1, 2)),
                       datetime.date(2014, 1, 1) + datetime.timedelta(days=rng.randint(0, 3000)))
             for n in range(300)]
    handbook = Handbook(TAXONOMY, [], cases)
    for case in cases:
        assert [c.slug for c in handbook.related_cases(case)] == [c.slug for c in brute_force_related(handbook, case)]


def test_learning_path_joins_branches_both_ways():
    d = datetime.date
    cases = [make_case(1, "dialogue-event", ["mobility"], d(2017, 6, 1)),
             make_case(2, "local-project-workshop", ["mobility"], d(2017, 12, 1), follows=["c0001"]),
             make_case(3, "expert-secondment", ["mobility"], d(2018, 8, 1), follows=["c0001"]),
             make_case(4, "expert-secondment", ["mobility"], d(2019, 1, 1), follows=["c0003"]),
             make_case(5, "dialogue-event", ["mobility"], d(2016, 1, 1))]
    handbook = Handbook(TAXONOMY, [], cases)
    expected = ["c0001", "c0002", "c0003", "c0004"]
    for slug in expected:
        assert [c.slug for c in handbook.learning_path(handbook.case_by_slug[slug])] == expected
    assert handbook.learning_path(handbook.case_by_slug["c0005"]) == []


def test_recommendations_merge_by_normalised_text_or_id():
    assert normalise("  Früh   PLANEN!! ") == normalise("früh planen") == "früh planen"
    d = datetime.date
    cases = [make_case(1, "dialogue-event", ["mobility"], d(2017, 1, 1),
                       recommendations=[Recommendation("impacts", "A."), Recommendation("prerequisites", "B", "b")]),
             make_case(2, "expert-secondment", ["wastewater"], d(2018, 1, 1),
                       recommendations=[Recommendation("impacts", "a"), Recommendation("prerequisites", "Bee", "b"),
                                        Recommendation("prerequisites", "C")])]
    entries = Handbook(TAXONOMY, [], cases).recommendations
    assert [(e.theme, e.text, e.count) for e in entries] == [
        ("prerequisites", "Bee", 2), ("prerequisites", "C", 1), ("impacts", "a", 2)]
    assert entries[0].sectors == ("wastewater", "mobility")
