"""`python -m scripts reports [--out DIR]`: validate the data and the briefings, then write each briefing as
<id>.pdf and <id>.html (the standalone document the PDF is made from, charts included) into DIR. The site build
makes the same PDFs, from the same cache."""

from __future__ import annotations

import os
from pathlib import Path

from ..charts.files import chart_files
from ..generate import make_renderers
from ..urls import DEFAULT_SITE_URL
from ...records.problems import shown_path
from ...records.validate import validate
from .document import file_size
from .files import render_briefings


def run(root: Path, out: Path) -> int:
    dataset = validate(root / "data")
    # The address the PDFs cite and link to: the published site's, as mkdocs.yml reads it (SITE_URL).
    (renderer,) = make_renderers(dataset, root / "data", os.environ.get("SITE_URL") or DEFAULT_SITE_URL,
                                 language_codes=("en",))
    charts = chart_files(renderer, root / ".cache" / "charts")
    rendered = render_briefings(renderer, charts, root / "reports", root / ".cache" / "reports")
    if not rendered:
        print(f"No briefings in {root / 'reports'}; see reports/README.md to add one.")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for item in rendered:
        pdf, html = out / f"{item.briefing.id}.pdf", out / f"{item.briefing.id}.html"
        pdf.write_bytes(item.pdf)
        html.write_text(item.html, encoding="utf-8")
        print(f"{shown_path(pdf, root)} ({file_size(len(item.pdf))}) and {html.name}: {item.briefing.title}, "
              f"data as of {item.briefing.as_of}")
    return 0
