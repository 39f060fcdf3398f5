"""The hand-typed 287(g) figures agree with ICE's lists, or say why not: a figure typed from a list that differs
from the count computed from that list fails here until the figure is corrected or the reason is recorded in
data/datasets/ice-287g/reconciliation.yaml."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from scripts.records.datasets.reconcile_287g import SERIES, load_explanations, problems, reconcile
from scripts.records.datasets.tables import load_287g

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "data" / "datasets" / "ice-287g"


@pytest.fixture(scope="module")
def real(real_dataset):
    return real_dataset, load_287g(LISTS), load_explanations(LISTS)


def _with_value(dataset, statistic_id, value):
    """The dataset with one figure retyped (as a contributor's typo would)."""
    changed = copy.copy(dataset)
    changed.collections = dict(dataset.collections, statistics=dict(dataset.collections["statistics"]))
    changed.collections["statistics"][statistic_id] = dataset.get(statistic_id).model_copy(update={"value": value})
    return changed


def test_every_hand_typed_figure_agrees_with_its_list_or_says_why(real):
    dataset, lists, explanations = real
    assert problems(dataset, reconcile(dataset, lists, explanations), explanations) == []


def test_a_figure_typed_from_an_ice_list_is_compared_with_that_list(real):
    dataset, lists, explanations = real
    rows = {r.statistic: r for r in reconcile(dataset, lists, explanations)}
    typed_from_lists = [r for r in rows.values() if r.from_ice_list]
    assert typed_from_lists and all(r.list_date for r in typed_from_lists)
    for row in typed_from_lists:
        assert row.computed == len(lists.lists[dt.date.fromisoformat(row.list_date)])


def test_a_retyped_figure_fails_until_explained(real):
    dataset, lists, explanations = real
    row = next(r for r in reconcile(dataset, lists, explanations) if r.from_ice_list and r.agrees)
    wrong = _with_value(dataset, row.statistic, row.value + 1)
    without = {k: v for k, v in explanations.items() if k != row.statistic}
    found = problems(wrong, reconcile(wrong, lists, without), without)
    assert len(found) == 1
    assert found[0].startswith(f"{dataset.paths[row.statistic]}:value: ")
    assert f"has {row.computed:,}" in found[0] and "reconciliation.yaml" in found[0]
    explained = dict(without, **{row.statistic: "Counted on a different day."})
    assert problems(wrong, reconcile(wrong, lists, explained), explained) == []


def test_a_list_dated_by_its_content_still_matches_the_figure_named_for_its_file(real):
    dataset, lists, explanations = real
    shifted = [(d, p) for d, p in lists.provenance.items() if p.get("file_name_date", d.isoformat()) != d.isoformat()]
    rows = reconcile(dataset, lists, explanations)
    for row in rows:
        for date, provenance in shifted:
            if row.date == provenance["file_name_date"]:
                assert row.list_date == date.isoformat() and "by its content" in row.how_matched


def test_an_explanation_for_no_figure_is_reported(real):
    dataset, lists, explanations = real
    extra = dict(explanations, **{"287g-agreements-1999-ice-list": "a typo"})
    found = problems(dataset, reconcile(dataset, lists, extra), extra)
    expected = (f"data/datasets/ice-287g/reconciliation.yaml: 287g-agreements-1999-ice-list is not a figure of the "
                f"series {SERIES} — remove it or correct the id")
    assert found == [expected]
