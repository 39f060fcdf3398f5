"""What changed: record dates from git history (or, without it, from last_reviewed), the changes page and the feed."""

from __future__ import annotations

import os
import subprocess
from xml.etree import ElementTree as ET

from scripts.records.registry import REGISTRY
from scripts.records.validate import validate
from scripts.site.feed import atom_feed
from scripts.site.history import record_history
from scripts.site.render import render_site

from .conftest import TODAY

ATOM = "{http://www.w3.org/2005/Atom}"


def _commit(root, message, date):
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{date}T12:00:00Z", GIT_COMMITTER_DATE=f"{date}T12:00:00Z",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", message], check=True, env=env)


def test_history_from_git(tmp_path, data_dir):
    root = data_dir.parent
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    _commit(root, "first records", "2026-10-01")
    case = data_dir / "cases/example-v-agency.yaml"
    case.write_text(case.read_text().replace("It was *the first*", "It was *the very first*"))
    _commit(root, "correct a case", "2026-10-15")
    dataset = validate(data_dir, today=TODAY, shown_root=root)
    history = record_history(dataset, root)
    assert history.source == "git"
    assert history.last_changed["example-v-agency"] == "2026-10-15"
    assert history.last_changed["example-program"] == "2026-10-01"
    assert [(c.date, c.kind, c.record_id) for c in history.changes[:2]] == [
        ("2026-10-15", "changed", "example-v-agency"), ("2026-10-01", "added", "2008-03-example-launch")]
    pages = render_site(dataset, history=history)
    assert "Last changed October 15, 2026" in pages["cases/example-v-agency.md"]
    # Added and corrected on the same day: listed once, as added.
    source = data_dir / "sources/example-new-2026.yaml"
    source.write_text("id: example-new-2026\ntitle: New\npublisher: P\ndate: 2026-10\ntype: report\n"
                      "url: https://example.org/new\nlast_reviewed: 2026-10-20\n")
    _commit(root, "add a source", "2026-10-20")
    source.write_text(source.read_text().replace("title: New", "title: Newer"))
    _commit(root, "correct it", "2026-10-20")
    dataset = validate(data_dir, today=TODAY, shown_root=root)
    newest = record_history(dataset, root).changes[0]
    assert (newest.date, newest.kind, newest.record_id) == ("2026-10-20", "added", "example-new-2026")
    assert '<h2 id="changes-2026-10-15">October 15, 2026</h2>' in pages["changes/index.md"]
    assert "from the project's version history" in pages["changes/index.md"]


def test_without_git_the_review_dates_stand_in(data_dir):
    dataset = validate(data_dir, today=TODAY)
    history = record_history(dataset, data_dir.parent)
    assert history.source == "last_reviewed"
    assert set(history.last_changed.values()) == {"2026-11-01"}
    assert "built without its version history" in render_site(dataset, history=history)["changes/index.md"]


def test_atom_feed(data_dir):
    dataset = validate(data_dir, today=TODAY)
    history = record_history(dataset, None)
    text = atom_feed(dataset, history, "https://example.org/site/")
    assert text == atom_feed(dataset, history, "https://example.org/site/")
    feed = ET.fromstring(text.split("\n", 1)[1])
    assert feed.find(f"{ATOM}updated").text == "2026-11-01T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == sum(len(dataset.collections[c.name]) for c in REGISTRY.hand_written())  # not the places
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert "Changed case: Example v. Agency" in titles
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert "https://example.org/site/cases/example-v-agency/" in links


def test_every_page_says_when_it_last_changed(data_dir):
    pages = render_site(validate(data_dir, today=TODAY))
    assert "Last changed November 1, 2026" in pages["cases/index.md"]
    assert "Last changed November 1, 2026" in pages["index.md"]
    assert "Last changed November 1, 2026" in pages["cases/example-v-agency.md"]
