"""After an edit to one record (the `serve` loop), generation renders only the pages that can show it, and the result
is exactly what a full generation of the edited data gives: every page, download, chart and briefing, compared.

At fixture scale (the fixture has every kind of record, a cut of every table and, here, a briefing), in the quick
tier; one edit of the real data stays (slow): the same rules at the real site's size. Any edit at all is
tests/test_incremental_property.py's."""

from __future__ import annotations

import hashlib
import shutil

import pytest
import yaml

from scripts.site import generate
from scripts.site.reports import pdf as pdf_module
from scripts.site.generate import generate_pages, last_generation_rendered
from scripts.records.registry import REGISTRY
from scripts.records.validate import validate

from .conftest import FIXTURE_DATA, ROOT, use_shared_charts
from .test_reports import EXAMPLE

NAME_FIELDS = ("title", "name", "text")  # what each kind of record is called by on the pages that link it


YUMA, HILLSBOROUGH = "counties/az-04027.md", "counties/nh-33011.md"


def _jurisdiction(record_id: str, name: str, state: str, policies: int) -> str:
    listed = "".join(f"  - summary: Policy {n}.\n    as_of: 201{n}-01-01\n    sources:\n      - source: example-report-2014\n"
                     for n in range(policies))
    return (f"id: {record_id}\nname: {name}\nkind: county\nstate: {state}\npolicies:\n{listed}"
            "last_reviewed: 2026-11-01\n")


@pytest.fixture(autouse=True)
def pdf_named_by_its_html(monkeypatch):
    """The PDF engine replaced by the digest of the HTML it is given: these tests compare what generation gives, not
    how WeasyPrint draws a page (tests/test_reports.py prints real ones), and each print takes seconds. (`serve`
    prints later in a separate process, which keeps the real engine.)"""
    monkeypatch.setattr(pdf_module, "render_pdf",
                        lambda html: b"%PDF-1.7 " + hashlib.sha256(html.encode()).hexdigest().encode())


@pytest.fixture
def project(tmp_path, shared_charts):
    """The fixture data, two jurisdictions in its counties (Yuma, Arizona, and Hillsborough, New Hampshire) and one
    briefing (tests/test_reports.py's example) in reports/."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    jurisdictions = tmp_path / "data/jurisdictions"
    (jurisdictions / "yuma-county-az.yaml").write_text(_jurisdiction("yuma-county-az", "Yuma County, Arizona", "AZ", 2))
    (jurisdictions / "hillsborough-county-nh.yaml").write_text(
        _jurisdiction("hillsborough-county-nh", "Hillsborough County, New Hampshire", "NH", 1))
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports/example.yaml").write_text(EXAMPLE)
    (tmp_path / "data/sources/example-ruling-2014.yaml").write_text(
        "id: example-ruling-2014\ntitle: Opinion in Example v. Agency\npublisher: Example Court\ndate: 2014-04-11\n"
        "type: court-opinion\nurl: https://example.org/ruling?id=1&part=2\nlast_reviewed: 2026-11-01\n")
    case = tmp_path / "data/cases/example-v-agency.yaml"
    case.write_text(case.read_text().replace("sources:\n", "sources:\n  - source: example-ruling-2014\n"))
    use_shared_charts(tmp_path, shared_charts)
    return tmp_path


@pytest.fixture
def real_project(tmp_path, shared_charts):
    """The real data and briefings, with the project's chart cache (the real charts take minutes to draw)."""
    use_shared_charts(tmp_path, shared_charts)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "reports", tmp_path / "reports")
    return tmp_path


def _generate(project):
    return generate_pages(project / "data", cache_dir=project / ".cache/charts", reports_dir=project / "reports",
                          report_cache_dir=project / ".cache/reports")


def _full(project):
    generate._last = None
    return _generate(project)


def _most_linked(dataset):
    """In each collection of record files, the record most others name: an edit to it reaches the most pages.
    (Records derived from tables change only with their tables, which renders every page.)"""
    for collection in [c.name for c in REGISTRY.hand_written()]:
        records = dataset.collections[collection]
        if records:
            yield collection, max(sorted(records), key=lambda i: len(dataset.backlinks.get(i, [])))


def _edit(path, change):
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def _rename(record):
    field = next((f for f in NAME_FIELDS if isinstance(record.get(f), str)), None)
    if field is None:  # a glossary term is called by its first English form
        record["english"][0] = f"{record['english'][0]} Renamedmarker"
        return
    record[field] = f"{record[field]} Renamedmarker"


def _differences(a: dict, b: dict) -> list[str]:
    return sorted(path for path in set(a) | set(b) if a.get(path) != b.get(path))


def test_an_edited_name_reaches_every_page_that_shows_it_and_nothing_else_differs(project):
    dataset = validate(project / "data")
    before = _full(project)
    total = dataset.count()
    for collection, record_id in _most_linked(dataset):
        _edit(project / "data" / dataset.paths[record_id].split("data/", 1)[1], _rename)
        incremental = _generate(project)
        rendered = last_generation_rendered()
        full = _full(project)
        assert _differences(incremental, full) == [], f"{collection} {record_id}: pages differ from a full generation"
        changed = _differences(before, full)
        own_page = f"{collection}/{record_id}.md"
        assert own_page in changed
        referrers = {f"{c}/{i}.md" for c, i, _field in dataset.backlinks.get(record_id, [])}
        assert referrers <= set(changed), f"{collection} {record_id}: a page that links it still shows the old name"
        assert rendered < total, f"{collection} {record_id}: every record page was rendered again"
        before = full


@pytest.mark.slow
def test_an_edited_event_summary_renders_a_few_pages_and_matches_a_full_generation(real_project):
    """The one edit made on the real data: a few pages of 11,000 rendered, the same bytes as a full generation."""
    project = real_project
    event = sorted((project / "data/events").glob("*.yaml"))[0]
    before = _full(project)
    records = generate._last.dataset.count()  # the data as validated by that generation (not validated again)
    _edit(event, lambda record: record.update(summary=record["summary"] + " Summarymarker"))
    incremental = _generate(project)
    rendered = last_generation_rendered()
    assert _differences(incremental, _full(project)) == []
    assert f"events/{event.stem}.md" in _differences(before, incremental)
    assert rendered < records


def test_serve_keeps_a_changed_briefing_pdf_for_later_then_serves_the_new_one(project):
    before = _full(project)
    pdfs = sorted(path for path in before if path.endswith(".pdf"))
    event = project / "data/events/2014-11-20-example-memo.yaml"  # in the example briefing
    _edit(event, lambda record: record.update(summary=record["summary"] + " Summarymarker"))
    served = generate_pages(project / "data", cache_dir=project / ".cache/charts", reports_dir=project / "reports",
                            report_cache_dir=project / ".cache/reports", print_later=True)
    assert generate.pending_pdfs(), "the edited event is in no briefing: pick one that is"
    assert [served[path] for path in pdfs] == [before[path] for path in pdfs]  # nothing printed before serving
    assert f"events/{event.stem}.md" in _differences(before, served)
    generate.print_pending_pdfs()
    after = generate_pages(project / "data", cache_dir=project / ".cache/charts", reports_dir=project / "reports",
                           report_cache_dir=project / ".cache/reports", print_later=True)
    assert not generate.pending_pdfs()
    full = _full(project)
    assert _differences(after, full) == []
    assert any(full[path] != before[path] for path in pdfs)


def test_an_edited_jurisdiction_renders_its_county_and_state_pages_and_no_other_place_page(project):
    """County and state pages list the jurisdictions in them by name and state, not by a link: the pages that show
    the edited jurisdiction (before or after the edit) are rendered again, the other place pages are kept."""
    dataset = validate(project / "data")
    counties = {f"counties/{i}.md" for i in dataset.collections["counties"]}
    travis, travis_state, cook = YUMA, "states/az.md", HILLSBOROUGH
    assert {travis, cook} <= counties, "the example jurisdictions' Census counties"
    before = _full(project)
    assert "Yuma County, Arizona</a>: 2 detainer policies recorded" in before[travis]

    def drop_last_policy(record):  # in English and in its Spanish translation (one entry per English policy)
        record["policies"].pop()
        if record.get("es", {}).get("policies"):
            record["es"]["policies"].pop()

    _edit(project / "data/jurisdictions/yuma-county-az.yaml", drop_last_policy)
    incremental = _generate(project)
    rendered = set(generate.last_generation_rendered_pages())
    full = _full(project)
    assert _differences(incremental, full) == []
    assert "Yuma County, Arizona</a>: 1 detainer policy recorded" in incremental[travis]
    assert {travis, travis_state} <= set(_differences(before, full)) and {travis, travis_state} <= rendered
    assert cook not in rendered and "states/nh.md" not in rendered, "a place page that does not show it"
    assert len(rendered & counties) == 1

    before = full
    _edit(project / "data/jurisdictions/hillsborough-county-nh.yaml",  # not the Census name: off the county's page
          lambda record: record.update(name="Hillsborough County (Manchester), New Hampshire"))
    incremental = _generate(project)
    rendered = set(generate.last_generation_rendered_pages())
    assert _differences(incremental, _full(project)) == []
    assert cook in rendered
    assert ("jurisdictions/hillsborough-county-nh/" in before[cook]
            and "jurisdictions/hillsborough-county-nh/" not in incremental[cook])
    assert travis not in rendered


def test_spanish_pages_follow_an_edit_to_the_english_and_to_the_translation(project):
    """An edit to a translated record's English shows on its Spanish page as a translation older than the English;
    an edit to its es: block renders the Spanish page again and keeps the English page as it was. After each edit the
    pages in both languages are exactly what a full generation gives."""
    from scripts.site.i18n import spanish
    english, es, path = "laws/example-state-trust-act.md", "es/laws/example-state-trust-act.md", \
        project / "data/laws/example-state-trust-act.yaml"
    older = spanish().gettext("Translation older than the English")
    before = _full(project)
    assert older not in before[es], "the fixture's translation is current"

    _edit(path, lambda record: record.update(summary=record["summary"] + " Englishmarker."))
    incremental = _generate(project)
    assert {english, es} <= set(generate.last_generation_rendered_pages())
    assert "Englishmarker" in incremental[english] and older in incremental[es]
    assert _differences(incremental, _full(project)) == []

    before = incremental
    _edit(path, lambda record: record["es"].update(summary=record["es"]["summary"] + " Marcadorespanol."))
    incremental = _generate(project)
    rendered = set(generate.last_generation_rendered_pages())
    assert "Marcadorespanol" in incremental[es] and "Marcadorespanol" not in incremental[english]
    assert es in rendered and english not in rendered, "the English page reads no translation: kept"
    assert incremental[english] == before[english]
    assert _differences(incremental, _full(project)) == []


def test_an_edited_spanish_state_name_reaches_the_spanish_pages_charts_and_feeds_as_a_full_generation(project):
    """The states' Spanish names are a table (data/datasets/reference/state_names_es.csv), read into the state and
    county records and from them into the charts, the pending lists' page and the feeds: after an edit to it the
    Spanish pages show the new name everywhere a full generation does, and no English page changes (the downloads,
    which carry both languages' names, do)."""
    before = _full(project)
    names = project / "data/datasets/reference/state_names_es.csv"
    names.write_text(names.read_text(encoding="utf-8").replace("NH,Nuevo Hampshire", "NH,Nuevo Hampshiremarcador"),
                     encoding="utf-8")
    incremental = _generate(project)
    full = _full(project)
    assert _differences(incremental, full) == []
    changed = _differences(before, full)
    assert {"es/states/nh.md", "es/counties/nh-33011.md", "es/places.json", "es/charts/287g-state-nh.svg",
            "es/287g-pending/index.md", "es/feeds/287g/state/nh.xml"} <= set(changed)
    # the downloads carry each record's Spanish (es.name, es.state_name) beside its English
    assert "Nuevo Hampshiremarcador" in full["downloads/states.csv"]
    assert not [path for path in changed if not path.startswith(("es/", "downloads/"))]


def test_a_briefing_is_rendered_again_only_when_it_shows_the_edited_record(project, monkeypatch):
    from scripts.site.reports import files as report_files_module

    _full(project)
    rendered = []
    real = report_files_module.render_document

    def counting(briefing, *args, **kwargs):
        rendered.append((briefing.prefix, briefing.id))
        return real(briefing, *args, **kwargs)

    monkeypatch.setattr(report_files_module, "render_document", counting)
    term = project / "data/terms/example-hold.yaml"  # names no record, and no briefing shows it
    _edit(term, lambda record: record.update(note=record["note"] + " Notemarker."))
    incremental = _generate(project)
    assert rendered == [], "a briefing that shows no edited record keeps its documents"
    monkeypatch.setattr(report_files_module, "render_document", real)
    assert _differences(incremental, _full(project)) == []

    monkeypatch.setattr(report_files_module, "render_document", counting)
    event = project / "data/events/2014-11-20-example-memo.yaml"  # in the example briefing
    _edit(event, lambda record: record.update(summary=record["summary"] + " Summarymarker"))
    incremental = _generate(project)
    assert set(rendered) == {("", "example"), ("es/", "example")}, "rendered again, in both languages"
    monkeypatch.setattr(report_files_module, "render_document", real)
    full = _full(project)
    assert _differences(incremental, full) == []
    assert "Summarymarker" in full["reports/example.md"]
