"""Pages that keep renamed ids' old web addresses working: `<collection>/<old-id>/index.html` sends the reader on to
the record's current page (with the #fragment kept), and tells search engines where the record lives now."""

from __future__ import annotations

import html
import json

from ..records.model import Dataset
from .i18n import ENGLISH, Language
from .urls import record_label


def redirect_pages(dataset: Dataset, language: Language = ENGLISH) -> dict[str, str]:
    """The redirect pages, written in `language` (the caller puts them under its prefix)."""
    _ = language.gettext
    files = {}
    for old, new in sorted(dataset.redirects.items()):
        collection = dataset.collection_of[new]
        target = f"../{new}/"
        name = html.escape(record_label(dataset.get(new), language.code))
        files[f"{collection}/{old}/index.html"] = (
            f'<!doctype html>\n<html lang="{language.code}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{_('Moved: %(name)s') % {'name': name}}</title>\n"
            f'<link rel="canonical" href="{target}">\n<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f"<script>location.replace({json.dumps(target)} + location.hash);</script>\n"
            "</head>\n<body>\n"
            "<p>" + _('This record has a new permanent address: %(link)s.') % {
                "link": f'<a href="{target}">{name}</a>'} + "</p>\n"
            "</body>\n</html>\n")
    return files


def event_anchor_redirects(dataset: Dataset) -> str:
    """Old event ids → new, for the timeline page to follow #old-id anchors (JSON, safe inside an attribute)."""
    events = {old: new for old, new in dataset.redirects.items() if dataset.collection_of[new] == "events"}
    return json.dumps(dict(sorted(events.items())))
