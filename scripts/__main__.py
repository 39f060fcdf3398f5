"""Command line: `python -m scripts validate | build | schema`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (holding data/ and mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every YAML record and report all problems")
    build = commands.add_parser("build", help="validate, generate pages and build the site into site/")
    build.add_argument("--site-dir", type=Path, help="where to write the site (default: <root>/site)")
    schema = commands.add_parser("schema", help="write the JSON Schema of each collection into schema/")
    schema.add_argument("--check", action="store_true", help="fail if schema/ is out of date instead of writing")
    args = parser.parse_args(argv)

    from .problems import DataError

    try:
        if args.command == "validate":
            from .validate import validate
            dataset = validate(args.root / "data")
            counts = ", ".join(f"{len(r)} {name}" for name, r in dataset.collections.items())
            print(f"OK: {dataset.count()} records checked ({counts})")
        elif args.command == "build":
            from .build import build_site
            build_site(args.root, args.site_dir or args.root / "site")
        elif args.command == "schema":
            from .schema_export import export_schemas
            return export_schemas(args.root / "schema", check=args.check)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
