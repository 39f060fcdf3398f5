"""The phone layout of wide tables (`stack-narrow`: every cell under its column's name, from its data-label): the
name is interface text, and Jinja takes what _() gives as markup (a message may hold a link), so each such attribute
goes through the attribute_text filter. A translation or label holding a quotation mark or a < must not end the
attribute or open a tag."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from scripts.site.generate import generate_pages
from scripts.site.i18n.catalog import Catalog
from scripts.site.render import TEMPLATES, attribute_text

from .conftest import TODAY

AWKWARD = ' "quoted" <b>'  # what every message ends with here, in both languages


class _Attributes(HTMLParser):
    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.names, self.found = names, []

    def handle_starttag(self, tag, attrs):
        self.found += [(name, value) for name, value in attrs if name in self.names]


def test_attribute_text_escapes_what_would_end_an_attribute_or_open_a_tag():
    assert attribute_text('Name "as published" <i>') == "Name &quot;as published&quot; &lt;i&gt;"
    assert attribute_text("ICE's file & more") == "ICE's file &amp; more"


def test_a_stacked_tables_labels_keep_a_quotation_mark_and_a_less_than_sign(data_dir, monkeypatch):
    messages = Catalog.get
    monkeypatch.setattr(Catalog, "get", lambda self, message: messages(self, message) + AWKWARD)
    pages = generate_pages(data_dir, today=TODAY)
    labels = {}
    for path, page in pages.items():
        if isinstance(page, str) and ("data-label" in page or "placeholder" in page):
            parser = _Attributes(("data-label", "placeholder"))
            parser.feed(page)
            labels[path] = parser.found
    stacked = {path for path, found in labels.items() if any(name == "data-label" for name, _ in found)}
    # the fixture's stacked tables, in both languages: agencies, lists, pending, coverage, field offices, files
    for page in ("coverage/index.md", "es/coverage/index.md", "287g-pending/index.md", "es/field-offices/index.md",
                 "maintainers/287g-files/index.md"):
        assert page in stacked, page
    broken = sorted({(path, value) for path, found in labels.items() for _, value in found
                     if value != "#" and not value.endswith(AWKWARD)})
    assert not broken, f"labels cut short or turned into markup: {broken[:5]}"
    assert ('placeholder', 'County, city or agency, e.g. Maricopa' + AWKWARD) in labels["index.md"]


def test_every_data_label_in_the_templates_goes_through_attribute_text():
    for template in sorted(TEMPLATES.rglob("*.j2")):
        for value in re.findall(r'data-label="(\{\{.*?\}\})"', template.read_text()):
            assert "| attribute_text }}" in value, f"{template.name}: data-label={value} is not escaped as an attribute"
