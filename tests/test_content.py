"""The research content meets the project's minimums and keeps its spine: a drop below them fails the build."""

from __future__ import annotations

import pytest

from scripts.records import dates


MINIMUMS = {"events": 40, "cases": 8, "statistics": 15, "sources": 30, "quotes": 15}

REQUIRED_CASES = ["jimenez-moreno-v-napolitano", "makowski-v-united-states", "ndlon-v-ice", "galarza-v-szalczyk",
                  "miranda-olivares-v-clackamas-county", "morales-v-chadbourne", "lunn-v-commonwealth", "gonzalez-v-ice"]
REQUIRED_PROGRAMS = ["secure-communities", "pep", "detainers", "287g", "declined-detainer-outcome-report"]
REQUIRED_DOCUMENTS = ["johnson-memo-2014-11-20-secure-communities", "johnson-memo-2014-11-20-enforcement-priorities",
                      "eo-13768", "coalition-letter-2015-06-17-end-detainers",
                      "congress-letter-2021-02-end-287g-detainers", "form-i-247d", "form-i-247n", "form-i-247a"]
SEED_SOURCES = ["nijc-2015-06-coalition-letter-end-detainers", "nijc-2014-11-21-ice-must-be-held-accountable",
                "ndlon-2015-06-17-civil-rights-organizations-slam-pep", "aclu-2017-03-shaming-local-law-enforcement",
                "aclu-2021-02-12-congress-urges-end-287g-secure-communities"]
# The design card's four milestones: (date, program that must be tagged).
SPINE = [("2014-11-20", "secure-communities"), ("2014-11-20", "pep"), ("2017-01-25", "secure-communities"),
         ("2021-02-11", "287g")]


@pytest.fixture(scope="module")
def dataset(real_dataset):
    return real_dataset


@pytest.mark.parametrize("collection, minimum", MINIMUMS.items())
def test_minimum_record_counts(dataset, collection, minimum):
    assert len(dataset.collections[collection]) >= minimum


@pytest.mark.parametrize("collection, ids", [("cases", REQUIRED_CASES), ("programs", REQUIRED_PROGRAMS),
                                             ("documents", REQUIRED_DOCUMENTS), ("sources", SEED_SOURCES)])
def test_required_records_exist(dataset, collection, ids):
    assert [i for i in ids if i not in dataset.collections[collection]] == []


@pytest.mark.parametrize("day, program", SPINE)
def test_spine_events(dataset, day, program):
    assert any(e.date == day and program in e.programs for e in dataset.collections["events"].values())


def test_timeline_spans_2008_to_2025(dataset):
    years = {dates.earliest(e.date).year for e in dataset.collections["events"].values()}
    assert min(years) == 2008 and max(years) >= 2025


def test_secure_communities_has_two_periods(dataset):
    periods = dataset.collections["programs"]["secure-communities"].periods
    assert len(periods) == 2 and periods[0].end == "2014-11-20" and periods[1].start == "2017-01-25"


def test_the_834_figure_has_its_denominator(dataset):
    figures = [s for s in dataset.collections["statistics"].values() if s.value == 834]
    assert figures, "the 834 U.S. citizens figure is recorded"
    series = figures[0].series
    assert series and len(dataset.referring(series, "statistics")) >= 2, "shown with its denominator"
    assert figures[0].caveats


def test_287g_series_has_enough_points_for_a_chart(dataset):
    assert len(dataset.referring("287g-agreements", "statistics")) >= 5
