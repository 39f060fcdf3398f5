"""A reader who finds a mistake can say so from the page: every page links to the repository's correction form,
prefilled with the page's address and (on a record's page) the record's id, and a record's page links to GitHub's
editor on the record's file. The forms' field ids are the parameters the links fill."""

from __future__ import annotations

import os
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from scripts.site.build import build_site
from scripts.site.feedback import correction_links
from scripts.site.i18n import ENGLISH, spanish

from .conftest import ROOT, make_project

REPOSITORY = "https://github.com/example-owner/detainers-record"
SITE = "https://example.org/detainers/"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
LINKS = re.compile(r'<p class="page-feedback"[^>]*>(.*?)</p>', re.S)
ANCHOR = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


def _links(html: str) -> dict[str, str]:
    found = LINKS.findall(html)
    assert len(found) == 1, "one feedback line per page"
    return {text: unescape(href) for href, text in ANCHOR.findall(found[0])}


def _query(href: str) -> dict[str, str]:
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPOSITORY + "/issues/new"
    return {key: values[0] for key, values in parse_qs(parts.query).items()}


def _form_ids(name: str) -> set[str]:
    form = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    return {field["id"] for field in form["body"] if "id" in field}


def test_the_forms_exist_and_the_links_fill_their_fields():
    assert {p.name for p in FORMS.glob("*.yml")} >= {"correction.yml", "tip.yml", "place.yml"}
    (report,) = correction_links(REPOSITORY, SITE + "about/", ENGLISH)
    assert set(_query(report.href)) - {"template"} <= _form_ids("correction.yml")
    for name in ("tip.yml", "place.yml"):
        assert {"source"} <= _form_ids(name)


def test_no_repository_no_links():
    assert correction_links("", SITE, ENGLISH) == []


@pytest.mark.slow
def test_fixture_pages_carry_prefilled_correction_and_edit_links(tmp_path, data_dir, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SITE_URL", SITE)
    monkeypatch.setenv("REPO_URL", REPOSITORY)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(tmp_path, data_dir)
    build_site(project, project / "site")
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    site = project / "site"

    case = _links((site / "cases/example-v-agency/index.html").read_text(encoding="utf-8"))
    assert _query(case["Report a correction"]) == {
        "template": "correction.yml", "page": SITE + "cases/example-v-agency/", "record": "example-v-agency"}
    assert case["Edit this record"] == REPOSITORY + "/edit/main/data/cases/example-v-agency.yaml"

    spanish_case = _links((site / "es/cases/example-v-agency/index.html").read_text(encoding="utf-8"))
    assert _query(spanish_case["Informar de un error"]) == {
        "template": "correction.yml", "page": SITE + "es/cases/example-v-agency/", "record": "example-v-agency"}
    assert spanish_case["Editar este registro"] == case["Edit this record"]

    # Pages that are not a record's (a listing, the home page, a hand-written page) report their address only.
    for path, address in [("cases/index.html", "cases/"), ("index.html", ""), ("about/index.html", "about/"),
                          ("es/about/index.html", "es/about/")]:
        links = _links((site / path).read_text(encoding="utf-8"))
        (text,) = links
        assert text in ("Report a correction", "Informar de un error")
        assert _query(links[text]) == {"template": "correction.yml", "page": SITE + address}
