"""Cut a small copy of a data folder's ingested tables (datasets/) for the tests' fixture: a few states and a few of
ICE's 287(g) lists, with the Census tables, the map shapes and NPR's facility views cut to the same states. The cut
is consistent on its own (an agency's first and last list, a list's count of agreements, the shapes' arcs), so the
fixture builds place pages, 287(g) charts and maps and dataset pages without the repository's data/.

    python -m scripts.tools.cut_datasets data/datasets tests/fixtures/data/datasets

Every file it writes says, in its provenance, that it is a cut and of what."""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
from pathlib import Path

STATES = ("04", "33", "66")  # Arizona (15 counties), New Hampshire (10), Guam (no shapes: a territory)
POSTALS = ("AZ", "NH", "GU")
LISTS = ("2025-01-31", "2025-09-30", "2026-05-18")
STATE_CODES_FBI = {"GU": "GM"}  # the FBI's code for Guam
CUT_NOTE = "cut for the tests: only the rows of Arizona, New Hampshire and Guam (scripts/tools/cut_datasets.py)"


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue(), encoding="utf-8")


def cut_287g(source: Path, target: Path) -> None:
    lists = {}
    for date in LISTS:
        header, rows = _read(source / "lists" / f"{date}.csv")
        lists[date] = (header, [r for r in rows if r["state_fips"] in STATES])
    on = {}
    for date, (_header, rows) in lists.items():
        for row in rows:
            on.setdefault(row["agency_id"], []).append(date)
    header, agencies = _read(source / "agencies.csv")
    kept = []
    for row in agencies:
        dates = sorted(set(on.get(row["agency_id"], [])))
        if dates:
            kept.append(dict(row, first_list=dates[0], last_list=dates[-1], lists=str(len(dates)),
                             on_latest_list="true" if dates[-1] == LISTS[-1] else "false"))
    _write(target / "agencies.csv", header, kept)
    for date, (header, rows) in lists.items():
        _write(target / "lists" / f"{date}.csv", header, rows)
        provenance = json.loads((source / "lists" / f"{date}.provenance.json").read_text(encoding="utf-8"))
        by_model: dict[str, int] = {}
        for row in rows:
            by_model[row["model"]] = by_model.get(row["model"], 0) + 1
        provenance.update(agreements=len(rows), agreements_by_model=dict(sorted(by_model.items())), cut=CUT_NOTE)
        (target / "lists" / f"{date}.provenance.json").write_text(
            json.dumps(provenance, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    cut_pending_and_releases(source, target)
    cut_next_to_ingest(source, target)
    shutil.copy(source / "README.md", target / "README.md")


def cut_pending_and_releases(source: Path, target: Path) -> None:
    """The pending lists' rows of the cut's states (pending.csv), and the ingest's decisions (releases.csv) on the
    cut's participating lists and on every pending list (each pending list is kept, empty or not: a list without an
    agency ends its pending period), with each list's rows counted again for the cut."""
    if not (source / "releases.csv").is_file():
        return
    header, pending = _read(source / "pending.csv")
    pending = [r for r in pending if r["state_fips"] in STATES]
    _write(target / "pending.csv", header, pending)
    per_list: dict[str, int] = {}
    for row in pending:
        per_list[row["release"]] = per_list.get(row["release"], 0) + 1
    header, decisions = _read(source / "releases.csv")
    kept = []
    for row in decisions:
        if row["kind"] == "participating" and row["date_taken"] in LISTS and row["list_folder"] == "lists":
            kept.append(dict(row, rows=str(sum(1 for _ in _read(target / "lists" / f"{row['date_taken']}.csv")[1]))))
        elif row["kind"] == "pending" and row["decision"] == "release":
            kept.append(dict(row, rows=str(per_list.get(row["workbook_saved_utc"], 0))))
    _write(target / "releases.csv", header, kept)


def cut_next_to_ingest(source: Path, target: Path) -> None:
    """A few rows of the maintainers' list of files still to ingest (next-to-ingest.csv), so the fixture's page shows
    its table: every row of the first file waiting, of the first held by two archives and of the first with an LFS
    hash (the longest cells the table has)."""
    if not (source / "next-to-ingest.csv").is_file():
        return
    header, rows = _read(source / "next-to-ingest.csv")
    archives: dict[str, int] = {}
    for row in rows:
        archives[row["ice_file_name"]] = archives.get(row["ice_file_name"], 0) + 1
    picks = [next((r["ice_file_name"] for r in rows if wanted(r)), None) for wanted in (
        lambda r: True, lambda r: archives[r["ice_file_name"]] > 1, lambda r: r["lfs_sha256"])]
    _write(target / "next-to-ingest.csv", header, [r for r in rows if r["ice_file_name"] in picks])


def cut_reference(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    header, rows = _read(source / "state_fips_names.csv")
    _write(target / "state_fips_names.csv", header, [r for r in rows if r["fips"] in STATES])
    postal = {r["postal"] for r in rows if r["fips"] in STATES}
    header, rows = _read(source / "state_names_es.csv")
    _write(target / "state_names_es.csv", header, [r for r in rows if r["postal"] in postal])
    header, rows = _read(source / "county_fips_names.csv")
    _write(target / "county_fips_names.csv", header, [r for r in rows if r["statefp"] in STATES])
    for name in ("README.md", "LICENSE_us-atlas_ISC.txt"):
        shutil.copy(source / name, target / name)
    for name in ("county_fips_names.provenance.json", "us-atlas-counties-albers-10m.provenance.json"):
        record = json.loads((source / name).read_text(encoding="utf-8"))
        record.pop("sha256", None)
        record["cut"] = CUT_NOTE
        (target / name).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    topology = json.loads((source / "us-atlas-counties-albers-10m.json").read_text(encoding="utf-8"))
    (target / "us-atlas-counties-albers-10m.json").write_text(
        json.dumps(cut_topology(topology, STATES), separators=(",", ":")), encoding="utf-8")


def cut_topology(topology: dict, states: tuple[str, ...]) -> dict:
    """The counties and states of `states` only, with the arcs they use renumbered (the nation is left out)."""
    keep = {"counties": lambda g: str(g.get("id", ""))[:2] in states,
            "states": lambda g: str(g.get("id", "")) in states}
    objects = {name: dict(topology["objects"][name],
                          geometries=[g for g in topology["objects"][name]["geometries"] if keep[name](g)])
               for name in keep}
    used: dict[int, int] = {}

    def renumber(arcs):
        if isinstance(arcs, int):
            index = arcs if arcs >= 0 else ~arcs
            new = used.setdefault(index, len(used))
            return new if arcs >= 0 else ~new
        return [renumber(a) for a in arcs]

    for geometries in objects.values():
        for geometry in geometries["geometries"]:
            geometry["arcs"] = renumber(geometry["arcs"])
    arcs = [None] * len(used)
    for old, new in used.items():
        arcs[new] = topology["arcs"][old]
    return {"type": "Topology", "transform": topology["transform"], "objects": objects, "arcs": arcs}


def cut_npr(source: Path, target: Path) -> None:
    (target / "views").mkdir(parents=True, exist_ok=True)
    for path in sorted((source / "views").glob("*.csv")):
        header, rows = _read(path)
        if "state" in header and "facility" in path.stem:
            rows = [r for r in rows if r["state"] in POSTALS]
        _write(target / "views" / path.name, header, rows)
    provenance = json.loads((source / "provenance.json").read_text(encoding="utf-8"))
    provenance["cut"] = CUT_NOTE + "; the facility views only"
    (target / "provenance.json").write_text(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    shutil.copy(source / "README.md", target / "README.md")


def cut_field_offices(source: Path, target: Path, reference: Path) -> None:
    """The publisher's lines of the cut's states, kept as written (a space after each comma), with the provenance
    counting them again."""
    if not (source / "provenance.json").is_file():
        return
    names = {r["name"] for r in _read(reference / "state_fips_names.csv")[1] if r["fips"] in STATES}
    provenance = json.loads((source / "provenance.json").read_text(encoding="utf-8"))
    lines = (source / provenance["file"]).read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:]
                         if next(csv.reader([line], skipinitialspace=True))[1] in names]
    target.mkdir(parents=True, exist_ok=True)
    (target / provenance["file"]).write_text("\n".join(kept) + "\n", encoding="utf-8")
    provenance.update(rows=len(kept) - 1, cut=CUT_NOTE + "; sha256 is of the publisher's whole file")
    (target / "provenance.json").write_text(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    for name in ("README.md", "LICENSE.ice-offices.txt"):
        shutil.copy(source / name, target / name)


def cut_fbi_lee(source: Path, target: Path) -> None:
    """The FBI staffing table's rows of the cut's states (its state codes: GM is Guam), lines kept as written."""
    if not (source / "provenance.json").is_file():
        return
    provenance = json.loads((source / "provenance.json").read_text(encoding="utf-8"))
    lines = (source / provenance["file"]).read_text(encoding="utf-8").splitlines()
    codes = {STATE_CODES_FBI.get(code, code) for code in POSTALS}
    kept = [lines[0]] + [line for line in lines[1:] if next(csv.reader([line]))[3] in codes]
    target.mkdir(parents=True, exist_ok=True)
    (target / provenance["file"]).write_text("\n".join(kept) + "\n", encoding="utf-8")
    provenance.update(rows=len(kept) - 1, cut=CUT_NOTE + "; sha256 is of the publisher's whole file")
    provenance.pop("rows_by_year", None)
    (target / "provenance.json").write_text(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    shutil.copy(source / "LICENSE.287g-watch.txt", target / "LICENSE.287g-watch.txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a data folder's datasets/ (e.g. data/datasets)")
    parser.add_argument("target", type=Path, help="where to write the cut (e.g. tests/fixtures/data/datasets)")
    args = parser.parse_args(argv)
    cut_287g(args.source / "ice-287g", args.target / "ice-287g")
    cut_reference(args.source / "reference", args.target / "reference")
    cut_npr(args.source / "npr-detainers", args.target / "npr-detainers")
    cut_field_offices(args.source / "ice-field-offices", args.target / "ice-field-offices", args.source / "reference")
    cut_fbi_lee(args.source / "fbi-lee", args.target / "fbi-lee")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
