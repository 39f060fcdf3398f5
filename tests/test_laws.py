"""State laws on 287(g), detainers and cooperation with ICE (issue #29): a law's page says what it does and where it
stands, the listing sorts laws by the kinds readers filter on, and a law with an impossible status is refused with a
message that says what to write."""

from __future__ import annotations

import yaml

import pytest

from scripts.records.problems import DataError
from scripts.records.validate import validate
from scripts.site.i18n import spanish
from scripts.site.render import Renderer, render_site

from .conftest import TODAY

LAW = "laws/example-state-trust-act.md"


def _add_law(data_dir, law_id, **fields):
    law = {"id": law_id, "title": "Example State Detention Act", "state": "IL", "type": "statute",
           "citation": "HB 2 (2011)", "kinds": ["requires-detainers", "requires-287g"], "signed": "2011-05-01",
           "status": "in-force", "summary": "Requires jails to honor detainers.\n",
           "sources": [{"source": "example-report-2014"}], "last_reviewed": "2026-11-01", **fields}
    (data_dir / "laws" / f"{law_id}.yaml").write_text(yaml.safe_dump(law, sort_keys=False))


def test_a_law_page_shows_its_citation_kinds_dates_and_status(data_dir):
    page = render_site(validate(data_dir, today=TODAY))[LAW]
    assert "SB 31 (2017), Public Act 100-463" in page
    assert '<a href="../../laws/#limits-detainers">Limits detainers</a>' in page
    assert 'datetime="2017-08-28"' in page
    assert "<dt>Status</dt> <dd>in force</dd>" in page


def test_the_listing_groups_laws_by_kind_and_a_law_of_two_kinds_is_under_both(data_dir):
    _add_law(data_dir, "example-state-detention-act", status="repealed", ended="2017-08-28",
             superseded_by="example-state-trust-act")
    pages = render_site(validate(data_dir, today=TODAY))
    listing = pages["laws/index.md"]
    assert 'href="#requires-287g">Requires 287(g)</a> (1)' in listing
    assert 'href="#limits-detainers">Limits detainers</a> (1)' in listing
    sections = {part.split('"', 1)[0]: part for part in listing.split('<section class="law-kind" id="')[1:]}
    assert set(sections) == {"requires-287g", "requires-detainers", "limits-detainers"}
    assert "Example State Detention Act" in sections["requires-287g"]
    assert "Example State Detention Act" in sections["requires-detainers"]
    assert "Example State Detention Act" not in sections["limits-detainers"]
    assert "repealed (" in sections["requires-287g"]
    # the newer law names the one it replaced
    assert "Example State Detention Act" in pages[LAW].split('id="replaced"')[1]


def test_a_law_marked_repealed_without_a_date_is_refused_with_what_to_write(data_dir):
    _add_law(data_dir, "example-state-detention-act", status="repealed")
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    assert 'status is "repealed": write when that happened in "ended"' in raised.value.report(github=False)
    assert "data/laws/example-state-detention-act.yaml" in raised.value.report(github=False)


def test_the_spanish_law_page_and_listing_are_in_spanish(data_dir):
    pages = Renderer(validate(data_dir, today=TODAY), language=spanish()).render_all()
    assert "Ley Trust del Estado de Example" in pages["es/" + LAW]
    assert "Limita las órdenes de retención" in pages["es/" + LAW]
    assert "vigente" in pages["es/laws/index.md"]
