"""A state law on 287(g) and ICE's lists, linked both ways (issue #29): the law's page and its state's page show the
state's agencies on the last list before the law took effect and on the latest, and the agencies added and removed on
each list after it, linking each list's page; a federal list's page names the state laws in force on its date.

Expectations are counted from the fixture's cut of ICE's lists (Arizona, New Hampshire, Guam on three lists) with
plain sets of agency ids, not with the code under test."""

from __future__ import annotations

import pandas as pd

from scripts.records.datasets.tables import load_287g
from scripts.records.validate import validate
from scripts.site.i18n import spanish
from scripts.site.render import Renderer
from scripts.site.sanctuary_lists_view import load_lists

from .conftest import TODAY
from .test_laws import _add_law
from .test_places import write_tables

NH = "33"


def _agencies(data_dir, date: str) -> set[str]:
    table = pd.read_csv(data_dir / "datasets" / "ice-287g" / "lists" / f"{date}.csv", dtype=str)
    return set(table.loc[table["state_fips"] == NH, "agency_id"])


def _pages(data_dir, **kwargs) -> dict[str, str]:
    return Renderer(validate(data_dir, today=TODAY), ice287g=load_287g(data_dir / "datasets" / "ice-287g"),
                    **kwargs).render_all()


def test_a_287g_mandate_shows_the_states_lists_after_it_on_its_page_and_its_states(data_dir):
    _add_law(data_dir, "example-nh-287g-act", state="NH", title="Example New Hampshire 287(g) Act",
             kinds=["requires-287g"], signed="2025-05-01", effective="2025-06-01")
    first, middle, last = (_agencies(data_dir, d) for d in ("2025-01-31", "2025-09-30", "2026-05-18"))
    added = len(middle - first) + len(last - middle)
    removed = len(first - middle) + len(middle - last)
    assert added > 0, "the fixture's New Hampshire agencies join after the law's date"
    pages = _pages(data_dir)
    law = pages["laws/example-nh-287g-act.md"].split('id="287g-changes"')[1].split("</section>")[0]
    assert (f"New Hampshire agencies on ICE's 287(g) lists: {len(first)} on the list of January 31, 2025, the last "
            f"before its effective date, June 1, 2025; {len(last)} on the list of May 18, 2026.") in law
    assert f"Agencies added since: {added}; removed: {removed} (lists with a change in the state: 2)." in law
    assert '<a href="../../287g-releases/2025-09-30/">September 30, 2025</a> (+' in law, "each list links its page"
    assert "2025-01-31/" not in law, "a list before the law is not counted"
    state = pages["states/nh.md"].split('id="laws"')[1].split("</section>")[0]
    assert '<a href="../../laws/example-nh-287g-act/#287g-changes">Example New Hampshire 287(g) Act</a>:' in state
    assert f"{len(last)} on the list of May 18, 2026" in state
    es = _pages(data_dir, language=spanish())["es/laws/example-nh-287g-act.md"]
    assert "en las listas 287(g) de ICE:" in es and "la última anterior a su fecha de entrada en vigor" in es


def test_a_law_not_about_287g_or_dated_after_every_list_says_nothing_or_so(data_dir):
    _add_law(data_dir, "example-nh-detainer-act", state="NH", kinds=["requires-detainers"], signed="2025-05-01")
    _add_law(data_dir, "example-nh-ban", state="NH", title="Example New Hampshire Ban", kinds=["forbids-287g"],
             signed="2026-06", effective="2026-07-01")
    _add_law(data_dir, "example-az-287g-act", state="AZ", title="Example Arizona Act", kinds=["requires-287g"],
             signed="2019-04")
    pages = _pages(data_dir)
    assert 'id="287g-changes"' not in pages["laws/example-nh-detainer-act.md"], "only laws on 287(g)"
    arizona = pages["laws/example-az-287g-act.md"].split('id="287g-changes"')[1].split("</section>")[0]
    first = pd.read_csv(data_dir / "datasets" / "ice-287g" / "lists" / "2025-01-31.csv", dtype=str)
    count = first.loc[first["state_fips"] == "04", "agency_id"].nunique()
    assert (f"Arizona agencies on ICE's 287(g) lists: {count} on the list of January 31, 2025, the first held here "
            "(after its date of enactment, April 2019 (no effective date is recorded));") in arizona, \
        "a law whose record does not say the governor signed it is not said to have a signing date"
    ban = pages["laws/example-nh-ban.md"].split('id="287g-changes"')[1].split("</section>")[0]
    assert "No 287(g) list held here is dated after its effective date, July 1, 2026." in ban


def test_a_federal_list_page_names_each_states_law_in_force_on_its_date(data_dir):
    write_tables(data_dir)
    folder = data_dir / "datasets" / "sanctuary-lists"
    folder.mkdir(parents=True)
    (folder / "dhs-2025-05-29.csv").write_text(
        "entry,source_line,state,state_name,listed_under,kind,name\n1,10,TX,Texas,Counties,county,Travis County\n"
        "2,11,AL,Alabama,Counties,county,Baldwin County\n")
    _add_law(data_dir, "example-texas-detainer-act", state="TX", title="Example Texas Detainer Act",
             kinds=["requires-detainers"], signed="2017-05", effective="2017-09-01")
    _add_law(data_dir, "example-texas-287g-act", state="TX", title="Example Texas 287(g) Act",
             kinds=["requires-287g"], effective="2026-01-01")
    _add_law(data_dir, "example-texas-old-act", state="TX", title="Example Texas Old Act", kinds=["limits-detainers"],
             signed="2013-06-01", status="repealed", ended="2017-05")
    lists = load_lists(data_dir / "datasets")
    page = Renderer(validate(data_dir, today=TODAY), sanctuary_lists=lists).render_all()[
        "sanctuary-lists/dhs-2025-05-29.md"]
    texas = page.split('id="state-tx"')[1].split("</section>")[0]
    assert "State law in force on May 29, 2025:" in texas and "Example Texas Detainer Act" in texas
    assert "Example Texas 287(g) Act" not in texas, "in force only from 2026"
    assert "Example Texas Old Act" not in texas, "repealed before the list"
    pages = Renderer(validate(data_dir, today=TODAY), sanctuary_lists=lists).render_all()
    travis = pages["counties/tx-48453.md"].split('id="federal-lists"')[1].split("</section>")[0]
    assert "State law in force on May 29, 2025: <a" in travis and "Example Texas Detainer Act" in travis, \
        "a county named on a list says which state law governed it then"
    assert "Example Texas 287(g) Act" not in travis
    alabama = page.split('id="state-al"')[1].split("</section>")[0]
    assert "No state law on 287(g) or detainers recorded here was in force on May 29, 2025." in alabama
