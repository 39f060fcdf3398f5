"""State laws on 287(g), detainers and cooperation with ICE (issue #29): a law's page says what it does and where it
stands, the listing sorts laws by the kinds readers filter on, and a law with an impossible status is refused with a
message that says what to write."""

from __future__ import annotations

import pytest
import yaml

from scripts.records.problems import DataError
from scripts.records.validate import validate
from scripts.site.i18n import spanish
from scripts.site.render import Renderer, render_site

from .conftest import TODAY
from .test_places import write_tables

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
    assert "<dt>Status</dt> <dd>in force " in page


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
    assert '<dd lang="en">SB 31 (2017), Public Act 100-463</dd>' in pages["es/" + LAW]
    assert "vigente" in pages["es/laws/index.md"]


def _texas_law(data_dir):
    _add_law(data_dir, "example-texas-detainer-act", state="TX", title="Example Texas Detainer Act",
             kinds=["requires-detainers"], citation="SB 4 (2017)", signed="2017-05-07", enacted="signed")
    _add_law(data_dir, "example-texas-old-act", state="TX", title="Example Texas Old Act",
             kinds=["limits-detainers"], citation="HB 9 (2013)", signed="2013-06-01", status="repealed",
             ended="2017-05-07", superseded_by="example-texas-detainer-act")


def test_a_state_page_gives_its_posture_its_laws_in_force_and_their_history_and_its_counties_pages_too(data_dir):
    write_tables(data_dir)
    _texas_law(data_dir)
    pages = render_site(validate(data_dir, today=TODAY))
    texas = pages["states/tx.md"].split('<section class="state-laws" id="laws">')[1].split("</section>")[0]
    assert "State law requires cooperation with ICE." in texas
    in_force = texas.split('<ul class="place-laws">')[1].split("</ul>")[0]
    assert "Example Texas Detainer Act" in in_force and "Example Texas Old Act" not in in_force
    history = texas.split('<ol class="law-history">')[1]
    assert history.index("Example Texas Old Act") < history.index("Example Texas Detainer Act"), "oldest first"
    assert "repealed May 7, 2017" in history
    travis = pages["counties/tx-48453.md"].split('id="state-law"')[1].split("</section>")[0]
    assert "State law requires cooperation with ICE." in travis and "Example Texas Detainer Act" in travis
    alabama = pages["states/al.md"].split('id="laws"')[1].split("</section>")[0]
    assert "No state law on 287(g) or detainers recorded here." in alabama and "place-laws" not in alabama
    # In the line's parentheses the kinds run on in lower case, as its dates and status do
    assert "(SB 4 (2017); requires honoring detainers; signed: May 7, 2017; in force)" in in_force
    spanish_texas = Renderer(validate(data_dir, today=TODAY), language=spanish()).render_all()["es/states/tx.md"]
    assert '(<span lang="en">SB 4 (2017)</span>; exige cumplir las órdenes de retención; firma:' in spanish_texas, \
        "a citation is written as the state writes it, in English: a screen reader reads it so"


def test_the_posture_map_colours_each_state_by_its_laws_in_force_and_says_so_in_words(data_dir):
    from scripts.site.charts import tilemap
    from scripts.site.charts.specs import chart_specs
    from scripts.site.charts.specs_laws import POSTURE_COLOURS, POSTURE_MAP_ID

    _texas_law(data_dir)
    _add_law(data_dir, "example-texas-287g-ban", state="TX", kinds=["forbids-287g"], status="enjoined",
             ended="2018-01-01")
    spec = chart_specs(validate(data_dir, today=TODAY))[POSTURE_MAP_ID]
    rows = {r["state"]: r for r in spec.records()}
    assert rows["TX"]["posture"] == "requires", "an enjoined law does not count"
    assert rows["IL"]["posture"] == "limits" and rows["IL"]["laws"] == "example-state-trust-act"
    assert rows["AL"]["posture"] == "none" and rows["AL"]["laws_in_force"] == 0
    assert "Requires cooperation: Texas; Limits cooperation: Illinois." in spec.summary
    svg = tilemap.draw(spec).decode()
    assert POSTURE_COLOURS["requires"] in svg.lower() and POSTURE_COLOURS["limits"] in svg.lower()
    assert "Requires cooperation" in svg and "None recorded" in svg


def test_a_law_enacted_over_a_veto_or_without_signature_is_never_called_signed(data_dir):
    """Issue #27: North Carolina's HB 10 became law when the legislature overrode the governor's veto, and the state
    and county pages said "signed". A date is called "signed" only when the record says the governor signed it."""
    write_tables(data_dir)
    _add_law(data_dir, "example-texas-override-act", state="TX", title="Example Texas Override Act",
             kinds=["requires-detainers"], citation="HB 10 (2024)", signed="2024-11-20", effective="2024-12-01",
             enacted="over-veto")
    _add_law(data_dir, "example-texas-unsigned-act", state="TX", title="Example Texas Unsigned Act",
             kinds=["other"], citation="HB 2315 (2018)", signed="2018-05", enacted="without-signature")
    _add_law(data_dir, "example-texas-quiet-act", state="TX", title="Example Texas Quiet Act",
             kinds=["other"], citation="HB 7 (2019)", signed="2019-06-01")
    _add_law(data_dir, "example-texas-order", state="TX", title="Example Texas Order", type="executive-order",
             kinds=["other"], citation="EO 1 (2020)", signed="2020-01-02")
    dataset = validate(data_dir, today=TODAY)
    pages = render_site(dataset)
    texas = pages["states/tx.md"].split('<ul class="place-laws">')[1].split("</ul>")[0]
    assert "enacted over the governor's veto: November 20, 2024; in force from: December 1, 2024" in texas
    assert "became law without the governor's signature: May 2018" in texas
    assert "(HB 7 (2019); other rules on cooperation with ICE; enacted: June 1, 2019; in force)" in texas, \
        "a record that does not say how it became law is not called signed"
    assert "issued: January 2, 2020" in texas
    assert "signed:" not in texas
    assert "enacted over the governor's veto: November 20, 2024" in pages["counties/tx-48453.md"]
    law = pages["laws/example-texas-override-act.md"]
    assert "<dt>Enacted over the governor's veto</dt>" in law and "<dt>Signed</dt>" not in law
    assert "<dt>Signed</dt>" in pages[LAW], "the fixture's law says the governor signed it"
    listing = pages["laws/index.md"]
    assert "November 20, 2024<br><small>over the governor's veto</small>" in listing
    spanish_pages = Renderer(dataset, language=spanish()).render_all()
    assert "promulgada pese al veto del gobernador: 20 de noviembre de 2024" in spanish_pages["es/states/tx.md"]
    assert "<dt>Promulgada pese al veto del gobernador</dt>" in spanish_pages["es/laws/example-texas-override-act.md"]


def test_only_a_statute_can_be_enacted_over_a_veto(data_dir):
    _add_law(data_dir, "example-state-order", type="executive-order", enacted="over-veto")
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    report = raised.value.report(github=False)
    assert "data/laws/example-state-order.yaml" in report
    assert 'enacted is "over-veto", which only a statute can be' in report


def test_every_real_law_whose_summary_says_veto_override_or_no_signature_says_how_in_enacted():
    """The real records (YAML only, no validation): a law whose own summary says it was enacted over a veto or became
    law without the governor's signature must not be left to read "enacted" or, worse, "signed" (issue #27)."""
    from .conftest import ROOT

    checked = 0
    for path in sorted((ROOT / "data" / "laws").glob("*.yaml")):
        law = yaml.safe_load(path.read_text(encoding="utf-8"))
        summary = law["summary"].lower()
        if "over governor" in summary or "veto was overridden" in summary or "overrode" in summary \
                or "enacted over" in summary:
            assert law.get("enacted") == "over-veto", f"{path.name}: its summary says a veto was overridden"
            checked += 1
        if "without the governor's signature" in summary or "without his signature" in summary \
                or "without her signature" in summary:
            assert law.get("enacted") == "without-signature", f"{path.name}: its summary says it was not signed"
            checked += 1
    assert checked >= 4, "North Carolina's HB 10 and HB 318, Tennessee's HB 2315 and Maine's LD 1971 at least"
