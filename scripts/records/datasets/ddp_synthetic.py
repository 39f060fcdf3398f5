"""Synthetic files in the Deportation Data Project's detainer format (every column, the publisher's types), for tests
and the benchmark. Same rows and seed, same file: values come from numpy's seeded generator.

    .venv/bin/python -m scripts.records.datasets.ddp_synthetic ROWS OUT.parquet [--seed N]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .ddp_format import ARROW_SCHEMA, COLUMNS

FACILITIES = [  # (code, name, city, state): some name their county, some do not
    ("HARRISTX", "HARRIS COUNTY JAIL", "HOUSTON", "TEXAS"),
    ("DALLASTX", "DALLAS CO JAIL", "DALLAS", "TEXAS"),
    ("LASDCA", "LOS ANGELES COUNTY MEN'S CENTRAL JAIL", "LOS ANGELES", "CALIFORNIA"),
    ("SANTAANA", "SANTA ANA CITY JAIL", "SANTA ANA", "CALIFORNIA"),
    ("MIAMIFL", "MIAMI-DADE COUNTY PRETRIAL DETENTION CENTER", "MIAMI", "FLORIDA"),
    ("FLDOC", "FL DEPT OF CORRECTIONS", "TALLAHASSEE", "FLORIDA"),
    ("COOKIL", "COOK COUNTY JAIL", "CHICAGO", "ILLINOIS"),
    ("RIKERSNY", "RIKERS ISLAND", "EAST ELMHURST", "NEW YORK"),
    ("MARICOPA", "MARICOPA CNTY 4TH AVE JAIL", "PHOENIX", "ARIZONA"),
    ("CADDOLA", "CADDO PARISH CORR CENTER", "SHREVEPORT", "LOUISIANA"),
]
COUNTRIES = ["MEXICO", "GUATEMALA", "HONDURAS", "EL SALVADOR", "UNITED STATES", "VENEZUELA", "CUBA", "INDIA"]
LIFT_REASONS = [None, "Detainer Lifted - Released", "Removed", "Case Closed", "Declined by LEA",
                "United States Citizen"]
TEXT_POOL = ["YES", "NO", None, "b(6), b(7)c", "OTHER"]
FIRST_DAY = np.datetime64("2023-09-01")
DAYS = 700  # to early August 2025


def synthetic_table(rows: int, seed: int = 17) -> pa.Table:
    rng = np.random.default_rng(seed)
    facility = rng.integers(0, len(FACILITIES), rows)
    columns: dict[str, pa.Array] = {}

    def pick(pool, indices=None):
        indices = rng.integers(0, len(pool), rows) if indices is None else indices
        return pc.take(pa.array(pool, pa.string()), pa.array(indices))

    def dates(missing: float):
        days = rng.integers(0, DAYS, rows)
        values = (FIRST_DAY + days).astype("datetime64[D]")
        mask = rng.random(rows) < missing
        return pa.array(values, pa.date32(), mask=mask)

    for _, name, kind in COLUMNS:
        if name == "detainer_prepare_date":
            columns[name] = dates(0.0005)
        elif name in ("detention_facility_code", "detention_facility", "facility_city", "facility_state"):
            position = ("detention_facility_code", "detention_facility", "facility_city", "facility_state").index(name)
            columns[name] = pick([f[position] for f in FACILITIES], facility)
        elif name == "citizenship_country":
            columns[name] = pick(COUNTRIES)
        elif name == "detainer_lift_reason":
            columns[name] = pick(LIFT_REASONS)
        elif name == "row_original":
            columns[name] = pa.array(np.arange(rows, dtype=np.int32) % 100_000 + 8, pa.int32())
        elif name == "file_original":
            columns[name] = pick(["ICE Detainers FY2024.xlsx", "ICE Detainers FY2025.xlsx"])
        elif name == "sheet_original":
            columns[name] = pick(["Sheet1", "Sheet2", "Sheet3"])
        elif kind == "date":
            columns[name] = dates(0.6)
        elif kind == "integer":
            columns[name] = pa.array(rng.integers(1950, 2007, rows).astype(np.int32), pa.int32())
        elif kind == "numeric":
            columns[name] = pa.array(rng.integers(0, 400, rows).astype(np.float64), mask=rng.random(rows) < 0.7)
        elif kind == "boolean":
            columns[name] = pa.array(rng.random(rows) < 0.01)
        else:
            columns[name] = pick(TEXT_POOL)
    return pa.table(columns, schema=ARROW_SCHEMA)


def table_from_records(records: list[dict], drop: tuple[str, ...] = (), types: dict[str, pa.DataType] | None = None
                       ) -> pa.Table:
    """A small file for tests: the given values, every other column blank, in the publisher's types (or `types`
    where a test wants a wrong one), without the columns in `drop`."""
    types = types or {}
    fields = [pa.field(f.name, types.get(f.name, f.type)) for f in ARROW_SCHEMA if f.name not in drop]
    data = {f.name: pa.array([record.get(f.name) for record in records], f.type) for f in fields}
    return pa.table(data, schema=pa.schema(fields))


def write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="zstd")


def write_xlsx(table: pa.Table, path: Path) -> None:
    """As writexl does: one sheet, the column names in row 1, blank cells for missing values."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(table.column_names)
    for row in table.to_pylist():
        sheet.append(list(row.values()))
    book.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    table = synthetic_table(args.rows, args.seed)
    (write_xlsx if args.out.suffix == ".xlsx" else write_parquet)(table, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
