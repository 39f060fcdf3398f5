"""Briefing templates are data: `python -m scripts validate` (CI's first step) renders every one in a sandbox and
refuses, with the file and line, a template that runs a command, reads a file, replaces a shared template, loops
without end or builds output without end; what an own template writes cannot carry script."""

from __future__ import annotations

import time

import pytest

from scripts.__main__ import main
from scripts.site.reports.briefing_output import UnsafeOutput

from .conftest import make_project
from .test_reports import EXAMPLE, printable, reports_dir  # noqa: F401 (a fixture)

OWN = EXAMPLE + "template: own.html.j2\n"


def validate_with_template(tmp_path, data_dir, capsys, template: str, name: str = "own.html.j2") -> tuple[int, str]:
    project = make_project(tmp_path, data_dir)
    (project / "reports").mkdir()
    (project / "reports/example.yaml").write_text(OWN)
    (project / "reports" / name).write_text(template)
    code = main(["--root", str(project), "validate"])
    return code, capsys.readouterr().err


EXTENDS = '{% extends "report.html.j2" %}\n'


@pytest.mark.parametrize("body, shown", [
    ('{{ cycler.__init__.__globals__.os.popen("id").read() }}', "__init__"),
    ("{{ joiner.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ('{{ report.definition.model_validate_json("{}") }}', "model_validate_json"),
    ("{{ data.collections.clear() }}", "clear"),
])
def test_a_template_that_tries_to_run_code_is_refused_at_its_line(tmp_path, data_dir, capsys, body, shown):
    code, err = validate_with_template(tmp_path, data_dir, capsys, EXTENDS + "\n{% block intro %}\n" + body
                                       + "\n{% endblock %}\n")
    assert code == 1
    assert err.startswith("reports/own.html.j2:4:1: report example: template own.html.j2: "), err
    assert shown in err and "Traceback" not in err


@pytest.mark.parametrize("body", ['{% include "/etc/passwd" %}',
                                  '{% include "../data/programs/example-program.yaml" %}',
                                  '{% include "../../../../../../etc/hostname" %}'])
def test_a_template_cannot_read_a_file(tmp_path, data_dir, capsys, body):
    code, err = validate_with_template(tmp_path, data_dir, capsys, EXTENDS + "{% block intro %}" + body
                                       + "{% endblock %}\n")
    assert code == 1
    assert err.startswith("reports/own.html.j2:2:1: report example: template own.html.j2: "), err
    assert "is not a template name" in err or "no template" in err


def test_a_template_that_is_a_symbolic_link_is_refused(tmp_path, data_dir, capsys):
    project = make_project(tmp_path, data_dir)
    (project / "reports").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text('{% extends "report.html.j2" %}{% block intro %}SECRET{% endblock %}')
    (project / "reports/own.html.j2").symlink_to(secret)
    (project / "reports/example.yaml").write_text(OWN)
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert "reports/own.html.j2:1:1: is a symbolic link; files in data/ and reports/ must be ordinary files" in err
    assert "SECRET" not in err


@pytest.mark.parametrize("name", ["report.html.j2", "macros.html.j2", "record.html.j2"])
def test_a_file_in_reports_cannot_replace_a_shared_template(tmp_path, data_dir, capsys, name):
    project = make_project(tmp_path, data_dir)
    (project / "reports").mkdir()
    (project / "reports/example.yaml").write_text(EXAMPLE)  # no template named: the shared one
    (project / "reports" / name).write_text("{% macro refs(s) %}HIJACKED{% endmacro %}HIJACKED")
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reports/{name}:1:1: template {name}: a briefing template cannot be named {name}: that "
                          f"is a shared template in scripts/site/templates/"), err


def test_an_own_template_must_extend_the_shared_one(tmp_path, data_dir, capsys):
    code, err = validate_with_template(tmp_path, data_dir, capsys, "<script>alert(1)</script>" + EXTENDS)
    assert code == 1
    assert err.startswith('reports/own.html.j2:1:1: template own.html.j2: a briefing template must start with '
                          '{% extends "report.html.j2" %}'), err


@pytest.mark.parametrize("body, why", [
    ("{% for i in range(10**10) %}x{% endfor %}", "larger than a briefing template may use"),
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "steps"),
    ('{% set ns = namespace(s="ab") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
     "more than"),
    ('{{ "x" * 10**9 }}', "larger than"),
    ('{{ 99 ** 99999 }}', "power"),
    ('{{ "%0999999999d" % 1 }}', "format width"),
    ('{{ report.title | replace("", report.title * 10000) }}', "replace would build"),
    ("{% macro loop_forever() %}{{ loop_forever() }}{% endmacro %}{{ loop_forever() }}", "calls itself"),
    # refused before the product is built, not after (#32)
    ('{{ ("x" * 1000) * 100000 }}', "multiplying would build 100,000,000 characters"),
    ('{{ [report.title] * 100000 * 100000 }}', "multiplying would build"),
    ('{{ "%(a)2000000000s" % {"a": "x"} }}', "format width"),
    ('{{ "%(a).2000000000f" % {"a": 1} }}', "format width"),
    ('{{ ("%s" * 1000) % ((report.title * 900,) * 1000) }}', "could build more than"),
    ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "nested more than 50 levels"),
])
def test_a_template_cannot_hang_or_exhaust_the_build(tmp_path, data_dir, capsys, body, why):
    started = time.monotonic()
    code, err = validate_with_template(tmp_path, data_dir, capsys, EXTENDS + "{% block intro %}" + body
                                       + "{% endblock %}\n")
    assert code == 1 and why in err, err
    assert err.startswith("reports/own.html.j2:"), err
    assert time.monotonic() - started < 20


def test_what_an_own_template_writes_cannot_run_script(data_dir, reports_dir):  # noqa: F811
    (reports_dir / "own.html.j2").write_text(
        EXTENDS + '{% block intro %}<p onclick="alert(1)" style="color:red">Own</p><script>alert(2)</script>'
                  '<a href="javascript:alert(3)">x</a><img src="data:text/html;base64,PHNjcmlwdD4=">'
                  "<iframe src=//evil.example></iframe>{% endblock %}\n")
    (reports_dir / "example.yaml").write_text(OWN)
    html = printable(data_dir, reports_dir)
    assert "<p>Own</p>" in html
    for unsafe in ("onclick", "<script", "alert(2)", "javascript:", "data:text/html", "<iframe", 'style="'):
        assert unsafe not in html
    assert '<h2 id="references">' in html  # the shared blocks are still there


def test_an_own_style_block_holds_css_only(data_dir, reports_dir):  # noqa: F811
    (reports_dir / "own.html.j2").write_text(EXTENDS + "{% block style %}{{ super() }} h2 { color: #000; }"
                                                       "</style><script>alert(1)</script>{% endblock %}\n")
    (reports_dir / "example.yaml").write_text(OWN)
    with pytest.raises(UnsafeOutput, match='the style block may not contain "<"'):
        printable(data_dir, reports_dir)
    (reports_dir / "own.html.j2").write_text(EXTENDS + "{% block style %}{{ super() }} h2 { color: #000; }"
                                                       "{% endblock %}\n")
    assert "h2 { color: #000; }</style>" in printable(data_dir, reports_dir)
