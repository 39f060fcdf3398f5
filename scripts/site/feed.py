"""The "what changed" Atom feed: one entry per record and day it was added or changed, newest first."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from .history import History
from ..records.model import Dataset
from ..records.registry import REGISTRY
from .urls import absolute_url, display_name, record_path
from .xml_text import xml_text

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 200


def atom_feed(dataset: Dataset, history: History, site_url: str) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    changes_url = absolute_url(site_url, "changes/")

    def sub(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
        if text is not None:
            element.text = xml_text(text)
        return element

    sub(feed, "title", "Detainers Record: what changed")
    sub(feed, "subtitle", "Records added to or changed in the Detainers Record, newest first.")
    sub(feed, "id", changes_url)
    sub(feed, "link", href=changes_url)
    sub(feed, "link", rel="self", href=absolute_url(site_url, "changes/feed.xml"))
    sub(feed, "updated", f"{history.latest() or dataset.last_reviewed()}T00:00:00Z")
    author = sub(feed, "author")
    sub(author, "name", "Detainers Record contributors")
    for change in history.changes[:MAX_ENTRIES]:
        collection = dataset.collection_of[change.record_id]
        url = absolute_url(site_url, record_path(collection, change.record_id))
        entry = sub(feed, "entry")
        kind = REGISTRY.singular(collection)
        sub(entry, "title", f"{change.kind.capitalize()} {kind}: {display_name(dataset, change.record_id)}")
        sub(entry, "id", f"{url}#{change.kind}-{change.date}")
        sub(entry, "link", href=url)
        sub(entry, "updated", f"{change.date}T00:00:00Z")
        sub(entry, "summary", f"The {kind} record {change.record_id} was {change.kind} on {change.date}.")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
