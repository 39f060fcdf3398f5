"""What changed between two of ICE's participating lists: agencies added and removed, a model added or dropped, a
signed date changed, a name respelled (with the rule that made the two spellings one agency). Every change cites the
rows of both files (ICE's sheet row, `source_row`). Plain pandas over the committed tables (lists/ and lists-daily/).

An agreement is an agency and a model: ICE lists an agency once per model. Agencies are matched by agency_id (the
spelling-blind key of agencies.py), never by guess."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..table_files import read_provenance
from .agencies import agency_key
from .tables import AGREEMENTS, read_csv_table, read_csv_tables_at_once

ADDED, REMOVED = "agency added", "agency removed"
MODEL_ADDED, MODEL_DROPPED = "model added", "model dropped"
SIGNED_CHANGED, RESPELLED = "signed date changed", "name respelled"
KINDS = (ADDED, REMOVED, MODEL_ADDED, MODEL_DROPPED, SIGNED_CHANGED, RESPELLED)
RULE_KEY = "key"  # the same name once case, spacing, punctuation, apostrophes and common abbreviations are set aside
RULE_FIX = "fix"  # a misspelling listed by hand in agencies.SPELLING_FIXES
LIST_FOLDERS = ("lists", "lists-daily")


@dataclass(frozen=True)
class Change:
    kind: str
    agency_id: str
    state_fips: str
    agency: str  # the name on the later list (on the earlier one for a removal)
    model: str  # "" for a change to the agency as a whole (respelling)
    before: str  # the earlier value (name, signed date) or ""
    after: str
    rule: str  # RULE_KEY or RULE_FIX for a respelling, else ""
    before_rows: tuple[int, ...]  # rows of the earlier list's sheet
    after_rows: tuple[int, ...]  # rows of the later list's sheet


@dataclass(frozen=True)
class Release:
    date: dt.date
    folder: str  # lists (last of its month) or lists-daily
    provenance: dict
    table: pd.DataFrame


def load_releases(data_dir: Path, monthly=None) -> list[Release]:
    """Every participating list committed, oldest first (monthly and daily); `monthly` (a Lists287g already read from
    the same folder) saves reading lists/ again."""
    found = []
    if monthly is not None:
        found = [Release(date, "lists", monthly.provenance[date], table) for date, table in monthly.lists.items()]
    for folder in LIST_FOLDERS[1:] if monthly is not None else LIST_FOLDERS:
        paths = sorted((Path(data_dir) / folder).glob("*.csv"))
        together = read_csv_tables_at_once(paths, AGREEMENTS) or [None] * len(paths)
        for path, table in zip(paths, together):
            provenance = read_provenance(path.with_suffix(".provenance.json"))
            found.append(Release(dt.date.fromisoformat(path.stem), folder, provenance,
                                 table if table is not None else read_csv_table(path, AGREEMENTS)))
    return sorted(found, key=lambda r: r.date)


def respelling_rule(before: str, after: str, postal: str) -> str:
    """RULE_KEY when the names are one once spelling is set aside, RULE_FIX when a hand-checked fix joins them."""
    return RULE_KEY if agency_key(before, "") == agency_key(after, "") else RULE_FIX


@dataclass(frozen=True)
class _Row:
    source_row: int
    agency: str
    state_fips: str
    model: str
    signed: str


def by_agency(table: pd.DataFrame) -> dict[str, list[_Row]]:
    """agency_id -> its rows in sheet order (plain Python: a build compares every pair of neighbouring lists)."""
    out: dict[str, list[_Row]] = {}
    signed = table["signed"].dt.strftime("%Y-%m-%d").fillna("")  # YYYY-MM-DD, "" when unknown
    columns = zip(table["agency_id"], table["source_row"], table["agency"], table["state_fips"], table["model"],
                  signed)
    for agency, row, name, state, model, date in sorted(columns, key=lambda r: r[1]):
        out.setdefault(agency, []).append(_Row(int(row), name, state, model, date))
    return out


def changes(before: pd.DataFrame, after: pd.DataFrame) -> list[Change]:
    """The changes from the earlier list to the later, sorted by state, agency, kind and model."""
    return changes_of(by_agency(before), by_agency(after))


def changes_of(old: dict[str, list[_Row]], new: dict[str, list[_Row]]) -> list[Change]:
    """changes() of two lists' rows as by_agency gives them."""
    out: list[Change] = []
    for agency in new.keys() - old.keys():
        rows = new[agency]
        models = " | ".join(sorted({r.model for r in rows}))
        out.append(Change(ADDED, agency, rows[0].state_fips, rows[0].agency, models, "", "", "", (),
                          tuple(r.source_row for r in rows)))
    for agency in old.keys() - new.keys():
        rows = old[agency]
        models = " | ".join(sorted({r.model for r in rows}))
        out.append(Change(REMOVED, agency, rows[0].state_fips, rows[0].agency, models, "", "", "",
                          tuple(r.source_row for r in rows), ()))
    for agency in old.keys() & new.keys():
        a, b = old[agency], new[agency]
        name, state = b[0].agency, b[0].state_fips
        if a[0].agency != name:
            out.append(Change(RESPELLED, agency, state, name, "", a[0].agency, name,
                              respelling_rule(a[0].agency, name, agency[:2].upper()),
                              (a[0].source_row,), (b[0].source_row,)))
        models_a, models_b = {}, {}
        for row in a:
            models_a.setdefault(row.model, []).append(row)
        for row in b:
            models_b.setdefault(row.model, []).append(row)
        for model in models_b.keys() - models_a.keys():
            rows = models_b[model]
            out.append(Change(MODEL_ADDED, agency, state, name, model, "", rows[0].signed, "", (),
                              tuple(r.source_row for r in rows)))
        for model in models_a.keys() - models_b.keys():
            rows = models_a[model]
            out.append(Change(MODEL_DROPPED, agency, state, name, model, rows[0].signed, "", "",
                              tuple(r.source_row for r in rows), ()))
        for model in models_a.keys() & models_b.keys():
            was, now = models_a[model][0], models_b[model][0]
            if was.signed != now.signed:
                out.append(Change(SIGNED_CHANGED, agency, state, name, model, was.signed, now.signed, "",
                                  (was.source_row,), (now.source_row,)))
    return sorted(out, key=lambda c: (c.state_fips, c.agency_id, KINDS.index(c.kind), c.model))


def counts(found: list[Change]) -> dict[str, int]:
    return {kind: sum(1 for c in found if c.kind == kind) for kind in KINDS}
