"""Command line: `python -m scripts validate | build | reports | schema | new | format | translated | templates |
ingest`."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (holding data/ and mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every YAML record and report all problems")
    build = commands.add_parser("build", help="validate, generate pages and build the site into site/")
    build.add_argument("--out", "--site-dir", dest="site_dir", type=Path,
                       help="where to write the site (default: <root>/site)")
    build.add_argument("--data", type=Path, help="the data folder to build (default: <root>/data); any folder laid "
                                                 "out like data/, e.g. tests/fixtures/data")
    build.add_argument("--reports", type=Path, help="the briefings to build (default: <root>/reports, or the "
                                                    "reports/ beside --data)")
    reports = commands.add_parser("reports", help="write each briefing in reports/ as PDF and printable HTML")
    reports.add_argument("--out", type=Path, help="where to write them (default: <root>/build/reports)")
    schema = commands.add_parser("schema", help="write the JSON Schema of each collection into schema/")
    schema.add_argument("--check", action="store_true", help="fail if schema/ is out of date instead of writing")
    new = commands.add_parser("new", help="start a new record file in data/ with a valid id and today's date")
    new.add_argument("type", help="the kind of record: event, case, source, statistic, person, ...")
    new.add_argument("title", help="the record's title (or name), in quotes; the id is made from it")
    new.add_argument("--date", help="the date (YYYY-MM-DD, YYYY-MM or YYYY); an event's id then starts with it")
    new.add_argument("--id", dest="record_id", help="use this id instead of one made from the title")
    fmt = commands.add_parser("format", help="rewrite record files in canonical form (field order, quoting, width)")
    fmt.add_argument("--check", action="store_true", help="only report files that are not canonical; write nothing")
    fmt.add_argument("paths", nargs="*", type=Path, help="record files or folders (default: <root>/data)")
    translated = commands.add_parser("translated", help="record that each file's Spanish (es:) translates its "
                                                        "current English: checks it, then writes english_version")
    translated.add_argument("paths", nargs="+", type=Path, help="the record files whose translation is up to date")
    translated.add_argument("--partial", action="store_true", help="also record a translation that lacks some of "
                            "the English fields (its page says which are still in English)")
    templates = commands.add_parser("templates", help="write the commented template of each collection into "
                                                      "templates/records/")
    templates.add_argument("--check", action="store_true", help="fail if templates/records/ is out of date")
    ingest = commands.add_parser("ingest", help="read a publisher's data file, validate it and write tidy tables into "
                                                "data/datasets/ (nothing is written if anything is wrong)")
    kinds = ingest.add_subparsers(dest="kind", required=True)
    kinds.add_parser("npr", help="NPR's FOIA detainer tables, 2007-2015").add_argument(
        "source", type=Path, help="the folder holding NPR's export/ tables")
    kinds.add_parser("ddp", help="the Deportation Data Project's detainer file, 2023 onward").add_argument(
        "source", type=Path, help="detainers-latest.parquet (or .xlsx)")
    ice = kinds.add_parser("287g", help="ICE's 287(g) participating- and pending-agency lists (.xlsx, any of ICE's "
                                        "formats)")
    ice.add_argument("files", nargs="+", type=Path, help="the spreadsheets as ICE publishes them, or folders holding "
                                                         "them (searched for .xlsx files)")
    ice.add_argument("--source-url", help="where the files were downloaded ({file_name} is replaced by each "
                                          "file's name; default: the RelevantResearch/287g-DetentionData archive)")
    ice.add_argument("--retrieved", help="the day the files were downloaded, YYYY-MM-DD (default: the date in "
                                         "each file's name)")
    kinds.add_parser("dhs-sanctuary", help="DHS's sanctuary-jurisdiction list of May 29, 2025, from a print of the "
                                           "page (PDF; needs pdftotext)").add_argument(
        "source", type=Path, help="the print, e.g. data/datasets/sanctuary-lists/dhs-2025-05-29-print.pdf")
    kinds.add_parser("fbi-lee", help="the FBI's law-enforcement employee table, one row per agency (CSV), matched "
                                     "to ICE's latest 287(g) list").add_argument(
        "source", type=Path, help="fbi_lee_latest.csv as 287(g) Watch publishes it")
    detention = kinds.add_parser("detention", help="ICE's detention-statistics workbooks (.xlsx), any fiscal year")
    detention.add_argument("sources", nargs="+", type=Path, help="the workbooks, or folders holding them (searched "
                                                                 "with their subfolders)")
    args = parser.parse_args(argv)

    from .records.problems import DataError
    from .records.datasets.detainer_checks import IngestError
    from .site.build import DISK_ERRORS, OutputError
    from .site.failures import BUG_NOTE, EXIT_BUG, BuildFailed, EnvironmentProblem

    try:
        if args.command == "validate":
            from .site.project_check import validate_project
            dataset, briefings, stale = validate_project(args.root)
            counts = ", ".join(f"{len(r)} {name}" for name, r in dataset.collections.items())
            print(f"OK: {dataset.count()} records checked ({counts})")
            from .site.generate import make_renderers
            from .site.reports.files import check_briefing_templates
            for renderer in make_renderers(dataset, args.root / "data"):  # briefings are printed in every language
                check_briefing_templates(renderer, briefings, args.root / "reports")
            if briefings:
                print(f"OK: {len(briefings)} briefings checked (reports/)")
            for warning in stale:  # not an error: the exit code stays 0
                print(f"WARNING: {warning}", file=sys.stderr)
            if stale and os.environ.get("GITHUB_ACTIONS") == "true":
                print("\n".join(w.github_annotation() for w in stale), file=sys.stderr)
        elif args.command == "build":
            from .site.build import build_site
            from .site.build_inputs import BuildInputs
            build_site(args.root, args.site_dir or args.root / "site",
                       inputs=BuildInputs.of_project(args.root, args.data, args.reports))
        elif args.command == "reports":
            from .site.reports.cli import run
            return run(args.root, args.out or args.root / "build" / "reports")
        elif args.command == "schema":
            from .tools.schema_export import export_schemas
            return export_schemas(args.root / "schema", check=args.check)
        elif args.command == "new":
            from .tools.scaffold import run
            return run(args.root, args.type, args.title, date=args.date, record_id=args.record_id)
        elif args.command == "format":
            from .tools.formatter import run
            return run(args.paths or [args.root / "data"], args.root, check=args.check)
        elif args.command == "translated":
            from .tools.translated import run
            return run(args.root, args.paths, partial=args.partial)
        elif args.command == "templates":
            from .tools.template_export import export_templates
            return export_templates(args.root / "templates" / "records", check=args.check)
        elif args.command == "ingest" and args.kind == "287g":
            from .records.datasets.ingest_287g import run
            return run(args.root, args.files, source_url=args.source_url, retrieved=args.retrieved)
        elif args.command == "ingest" and args.kind == "dhs-sanctuary":
            from .tools.ingest_sanctuary_list import run
            return run(args.root, args.source)
        elif args.command == "ingest" and args.kind == "fbi-lee":
            from .records.datasets.fbi_lee import run as run_fbi_lee
            return run_fbi_lee(args.root, args.source)
        elif args.command == "ingest" and args.kind == "detention":
            from .records.datasets.ingest_detention import run as run_detention
            return run_detention(args.root, args.sources)
        elif args.command == "ingest" and args.kind in ("npr", "ddp"):
            from .records.datasets.detainer_cli import run
            return run(args.kind, args.source, args.root)
    except IngestError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except (EnvironmentProblem, BuildFailed) as error:
        print(error, file=sys.stderr)
        return error.exit_code
    except OutputError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        if error.errno not in DISK_ERRORS:
            traceback.print_exc()
            print(BUG_NOTE, file=sys.stderr)
            return EXIT_BUG
        print(f"Could not write {error.filename or 'a file'}: {DISK_ERRORS[error.errno]}; free some space (or make "
              f"the folder writable) and run the command again.", file=sys.stderr)
        return 1
    except Exception:
        traceback.print_exc()
        print(BUG_NOTE, file=sys.stderr)
        return EXIT_BUG
    return 0


if __name__ == "__main__":
    sys.exit(main())
