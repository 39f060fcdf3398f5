"""What the 287(g) ingest does with what it should not trust: files it did not make are kept, impossible dates and
unreadable names are refused with the cell named, a missing file is "no such file", a duplicated row counts once."""

from __future__ import annotations

from scripts.records.datasets.ingest_287g import ingest

from .test_ingest_287g import REFERENCE, capture_file, ice_file, snapshot


def test_an_ingest_keeps_every_file_it_did_not_make(tmp_path):
    out = tmp_path / "out"
    ingest([capture_file(tmp_path)], out, REFERENCE)
    hand_written = {"README.md": "# The lists\n", "reconciliation.yaml": "287g-x: Why the figures differ.\n",
                    "notes/why.txt": "a maintainer's note\n", "lists/README.md": "one file per list\n"}
    for name, text in hand_written.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text)
    ingest([ice_file(tmp_path)], out, REFERENCE)
    after = snapshot(out)
    assert {name: after.get(name, b"").decode() for name in hand_written} == hand_written
    assert "lists/2024-12-29.csv" in after and "lists/2026-05-18.csv" in after
