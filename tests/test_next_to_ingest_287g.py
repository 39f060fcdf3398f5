"""The maintainers' list of ICE's 287(g) files still to ingest (data/datasets/ice-287g/next-to-ingest.csv, written by
hand): a file drops off the list once the ingest has read it, the page exists in both languages, and a table with the
wrong header is refused at its line, at fixture scale."""

from __future__ import annotations

import pytest

from scripts.records.problems import DataError
from scripts.records.table_files import read_table

HEADER = "ice_file_name,list_date,archived_in,archive_path,lfs_sha256,lfs_size\n"


def _pages(data_dir):
    from scripts.records.datasets.tables import load_287g
    from scripts.records.validate import validate
    from scripts.site.i18n import languages
    from scripts.site.releases_287g import release_pages
    from scripts.site.render import Renderer
    dataset, lists = validate(data_dir), load_287g(data_dir / "datasets" / "ice-287g")
    pages = {}
    for language in languages():
        pages.update(release_pages(Renderer(dataset, ice287g=lists, language=language)))
    return pages


def test_a_file_waiting_is_listed_and_one_already_ingested_is_not(data_dir):
    (data_dir / "datasets" / "ice-287g" / "next-to-ingest.csv").write_text(
        HEADER
        + "participatingAgencies08132026.xlsx,2026-08-13,deportationdata/ice-287g,"
          "sheets/sheets_20260814_014525/participatingAgencies08132026.xlsx,,\n"
        + "participatingAgencies08132026.xlsx,2026-08-13,appelson/Tracking_287g,"
          "sheets/sheets_20260814_014525/participatingAgencies08132026.xlsx,,\n"
        + "participatingAgencies09302025pm.xlsx,2025-09-30,RelevantResearch/287g-DetentionData,"
          "participatingAgencies/participatingAgencies09302025pm.xlsx,,\n", encoding="utf-8")
    pages = _pages(data_dir)
    page = pages["maintainers/287g-files/index.md"]
    waiting = page.split('id="next-to-ingest"')[1]
    assert "participatingAgencies08132026.xlsx" in waiting and "August 13, 2026" in waiting
    assert "participatingAgencies09302025pm.xlsx" not in waiting  # in releases.csv: already ingested
    # one row per archive holding it; on a phone each row is a block, every cell under its column's name
    assert waiting.count("<tr><td class=\"file-name\" data-label=\"ICE's file\">participatingAgencies08132026.xlsx") == 2
    # a long path breaks after its slashes, not inside a name
    assert "<code>sheets/<wbr>sheets_20260814_014525/<wbr>participatingAgencies08132026.xlsx</code>" in waiting
    assert "1 file not yet ingested" in waiting  # one file, counted once
    spanish = pages["es/maintainers/287g-files/index.md"]
    assert "Los próximos archivos que importar" in spanish and "13 de agosto de 2026" in spanish
    assert "1 archivo aún no importado" in spanish and "not yet ingested" not in spanish
    assert 'data-label="Ruta en el archivo público"' in spanish and 'data-label="Path in the archive"' not in spanish


def test_without_the_table_the_page_says_nothing_is_waiting(data_dir):
    (data_dir / "datasets" / "ice-287g" / "next-to-ingest.csv").unlink()  # the fixture has a few rows of it
    page = _pages(data_dir)["maintainers/287g-files/index.md"]
    assert "No file is waiting" in page


def test_a_table_with_a_misnamed_column_is_refused_at_line_1(tmp_path):
    folder = tmp_path / "ice-287g"
    folder.mkdir()
    path = folder / "next-to-ingest.csv"
    path.write_text(HEADER.replace("list_date", "date") + "a.xlsx,2026-08-13,o/r,p,,\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        read_table(path)
    assert raised.value.problems[0].line == 1
