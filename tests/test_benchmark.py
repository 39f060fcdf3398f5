"""The benchmark's synthetic data: whole copies of the real records, and a cut last copy that is still valid, so
"exactly 5,000 record pages" is measured on data the validator accepts."""

from __future__ import annotations

import pytest
import yaml

from scripts.records.registry import REGISTRY
from scripts.records.validate import validate
from scripts.tools.benchmark import _references, dependency_order, make_data

from .conftest import FIXTURE_DATA, ROOT


def test_copies_and_a_cut_last_copy_make_exactly_the_records_asked_for(tmp_path):
    """At the fixture's scale (the benchmark copies the real data the same way): a whole copy, then a cut one."""
    original = sum(1 for _ in FIXTURE_DATA.glob("*/*.yaml"))
    cut = original // 2
    count = make_data(FIXTURE_DATA, tmp_path / "data", 2, limit=original + cut)
    files = list((tmp_path / "data").glob("*/*.yaml"))
    assert count == len(files) == original + cut
    dataset = validate(tmp_path / "data")  # every reference in the cut copy resolves
    assert sum(len(dataset.collections[c.name]) for c in REGISTRY.hand_written()) == original + cut  # places: tables


@pytest.mark.slow  # reads the repository's data: the quick tier works at fixture scale
def test_dependency_order_puts_every_record_after_those_it_refers_to():
    records = {path: yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in sorted((ROOT / "data").glob("*/*.yaml"))}
    ids = {path.stem for path in records}
    position = {path.stem: index for index, path in enumerate(dependency_order(records, ids))}
    assert len(position) == len(records)
    for path, record in records.items():
        assert all(position[ref] < position[path.stem] for ref in _references(record, ids)), path.stem


def _figures(scale=1, warm=120.0, cpu=60.0, pages_en=5_000, pages_es=5_000, **changes):
    from scripts.tools.benchmark_figures import Figures
    values = dict(scale=scale, records=850, pages_en=pages_en, pages_es=pages_es, serve_first_page=200.0,
                  serve_first_spanish_page=200.5, cold_build=300.0, warm_build=warm, warm_build_cpu=cpu,
                  peak_memory_mb=900.0, load_before=3.0, load_after=5.0, runs=3, measured="2026-12-07, commit abc1234")
    values.update(changes)
    return Figures(**values)


README_WITH_FIGURES = """# Project

Some prose.

{start}
{table}
{end}

More prose.
"""


def _readme(figures):
    from scripts.tools.benchmark_figures import FIGURES_END, FIGURES_START, table
    return README_WITH_FIGURES.format(start=FIGURES_START, table=table(figures), end=FIGURES_END)


def test_the_figures_written_into_the_readme_read_back_the_same_and_the_prose_around_them_stays():
    from scripts.tools.benchmark_figures import parse, write
    one, ten = _figures(1), _figures(10, warm=1_300.0, cpu=700.0, pages_en=50_000, pages_es=49_990)
    readme = _readme([one])
    written = write(readme, [ten])
    assert parse(written) == {1: one, 10: ten}  # the 1× row kept, the 10× row added
    assert written.startswith("# Project\n\nSome prose.\n") and written.endswith("\n\nMore prose.\n")
    remeasured = _figures(1, warm=100.0)
    assert parse(write(written, [remeasured])) == {1: remeasured, 10: ten}
    assert "| 1× | 850 | 10,000 (5,000 + 5,000) | 200.0 | 200.5 | 300.0 | 100.0 | 60.0 | 10.00 | 6.00 | 900 | " \
           "3.0 → 5.0 | 3 | 2026-12-07, commit abc1234 |" in write(written, [remeasured])


def test_a_time_per_page_grown_by_more_than_a_quarter_is_said_plainly_and_a_smaller_growth_is_not():
    from scripts.tools.benchmark_figures import compare
    committed = {1: _figures(1, warm=100.0, cpu=50.0)}  # 10 ms and 5 ms a page
    lines, grew = compare(committed, [_figures(1, warm=124.0, cpu=50.0)])
    assert not grew
    assert "1×: time per page 10.00 ms → 12.40 ms (+24%), within a quarter" in lines
    lines, grew = compare(committed, [_figures(1, warm=126.0, cpu=50.0)])
    assert grew
    assert any(line.startswith("1×: time per page grew by more than a quarter: 10.00 ms → 12.60 ms") for line in lines)
    lines, grew = compare(committed, [_figures(1, warm=100.0, cpu=70.0)])
    assert grew and any("CPU time per page grew by more than a quarter: 5.00 ms → 7.00 ms" in line for line in lines)
    lines, grew = compare(committed, [_figures(2)])
    assert not grew and lines == ["2×: no committed figures to compare with"]


def test_the_median_of_runs_takes_each_figure_s_median_and_the_loads_extremes():
    from scripts.tools.benchmark_figures import median
    runs = [_figures(warm=w, load_before=b, load_after=a) for w, b, a in ((130.0, 2.0, 4.0), (90.0, 6.0, 9.0),
                                                                         (100.0, 3.0, 3.5))]
    result = median(runs, "today")
    assert (result.warm_build, result.load_before, result.load_after, result.runs, result.measured) == (
        100.0, 2.0, 9.0, 3, "today")


def test_a_readme_without_the_figures_block_or_with_a_mangled_row_is_refused_with_its_line():
    from scripts.tools.benchmark_figures import FiguresError, parse
    with pytest.raises(FiguresError, match="no benchmark figures block"):
        parse("# Project\n\nNo figures here.\n")
    mangled = _readme([_figures()]).replace("10,000 (5,000 + 5,000)", "10,000")
    with pytest.raises(FiguresError, match=r"^README.md:8: .*the pages"):
        parse(mangled)


@pytest.mark.slow
def test_the_benchmark_at_fixture_scale_reports_every_figure_and_flags_a_slower_page(tmp_path, capsys):
    """About two minutes on the shared 2-core machine: a fresh serve, a cold and a warm build of the fixture site."""
    from scripts.tools.benchmark import main
    from scripts.tools.benchmark_figures import parse, write

    readme = tmp_path / "README.md"
    fast = _figures(1, warm=0.001, cpu=0.001, pages_en=116, pages_es=115)  # no build is that fast: it must flag
    readme.write_text(write(_readme([]), [fast]), encoding="utf-8")
    code = main(["--project", str(ROOT), "--data", str(ROOT / "tests/fixtures/data"), "--runs", "1",
                 "--readme", str(readme), "--check", "--write-readme"])
    out = capsys.readouterr().out
    assert code == 1
    assert "1×: time per page grew by more than a quarter: 0.00 ms → " in out
    measured = parse(readme.read_text(encoding="utf-8"))[1]
    assert measured.records == sum(1 for _ in (ROOT / "tests/fixtures/data").glob("*/*.yaml"))
    assert measured.pages_en > 100 and measured.pages_es > 100  # both languages built
    assert 0 < measured.serve_first_page <= measured.serve_first_spanish_page
    assert measured.cold_build > 0 and 0 < measured.warm_build_cpu and measured.peak_memory_mb > 50
