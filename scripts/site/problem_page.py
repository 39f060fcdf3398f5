"""What `mkdocs serve` shows while the site cannot be built: every data problem as `file:line:column` and what to do,
or what to install, or the traceback of a bug. Everything in it is escaped text.

Before serve has built the site once, the problem page replaces the site: the home page gets MkDocs' live-reload
script and the copy served for every other address (as the 404 page, which MkDocs serves without that script)
reloads itself every few seconds, so fixing the file brings the site back. Once the site has been built, a data
problem leaves every page as it was last built, each with a notice (problem_notice) naming the first problems and
linking to the page that lists them all (PROBLEMS_PAGE)."""

from __future__ import annotations

import re
from html import escape

from ..records.problems import DataError, cut_floods

RELOAD_SECONDS = 2
PROBLEMS_PAGE = "serve-problems.html"  # at the served site's root; written only by `serve`, never by `build`
NOTICE_PROBLEMS = 3  # problems named in the notice on every page; the problems page lists them all

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; color: #9b1c1c; }
ol { padding-left: 1.5rem; }
li { margin: 0 0 .75rem; overflow-wrap: anywhere; }
code, pre { font: 14px/1.4 ui-monospace, monospace; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 1rem; overflow-wrap: anywhere; }
"""


def problem_page(title: str, summary: str, items: list[tuple[str, str]] | None = None, detail: str = "",
                 reload: bool = False) -> str:
    """A standalone HTML page: a heading, one sentence, then a numbered list of (where, what) and/or a block of
    preformatted text. With reload, it reloads itself every RELOAD_SECONDS."""
    refresh = f"<meta http-equiv=\"refresh\" content=\"{RELOAD_SECONDS}\">\n" if reload else ""
    parts = [f"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{refresh}"
             f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
             f"<h1>{escape(title)}</h1>\n<p>{escape(summary)}</p>\n"]
    if items:
        parts.append('<ol class="problems">\n')
        parts.extend(f"<li><code>{escape(where)}</code>: {escape(what)}</li>\n" for where, what in items)
        parts.append("</ol>\n")
    if detail:
        parts.append(f"<pre>{escape(detail)}</pre>\n")
    parts.append("<p>This page reloads by itself; the site comes back as soon as it can be built.</p>\n"
                 "</main>\n</body>\n</html>\n")
    return "".join(parts)


def _count(error: DataError) -> str:
    count = len(error.problems)
    return f"{count:,} problem{'s' if count != 1 else ''}"


def data_problem_page(error: DataError, reload: bool = False, site_kept: bool = False) -> str:
    """Every problem of the data (the first of each kind, with a count of the rest). With site_kept, the page says
    that the site is still served as it was last built."""
    shown, cut = cut_floods(error.problems)
    effect = ("keep the site from being built again: every other page is served as it was last built, without "
              "the change that brought them" if site_kept else "keep the site from being built")
    return problem_page(
        "The data has problems",
        f"{_count(error)} in data/ or reports/ {effect}; each line names the file, line and column, the record and "
        "field, and what to do. Fix them and save: the site is built again.",
        [(f"{p.path}:{p.line}:{p.column}", p.message) for p in shown]
        + [("…", f"and {more:,} more like the one at {first.path}:{first.line}:{first.column}") for first, more in cut],
        reload=reload)


def problem_notice(error: DataError, problems_page_address: str) -> str:
    """The notice `serve` puts at the top of every page it keeps from the last build while the data has problems:
    the first problems (file:line:column and what to do) and a link to the page listing them all. Escaped text."""
    items = "".join(f"<li><code>{escape(f'{p.path}:{p.line}:{p.column}')}</code>: {escape(p.message)}</li>"
                    for p in error.problems[:NOTICE_PROBLEMS])
    return (f'<div class="serve-problems" role="alert" style="background:#fdecea;color:#1a1a1a;border:2px solid '
            f'#9b1c1c;padding:.75rem 1rem;margin:0;font:15px/1.5 system-ui,sans-serif;overflow-wrap:anywhere">'
            f"<strong>The data has {_count(error)}; this page is as it was last built, without your latest "
            f"change.</strong><ol style=\"margin:.25rem 0 .25rem 1.5rem\">{items}</ol>"
            f'<a href="{escape(problems_page_address)}">See every problem and what to do</a>. Fix them and save: '
            "the site is built again.</div>")


_BODY = re.compile(r"<body[^>]*>")
_NOTICE_START, _NOTICE_END = "<!--serve-problems-->", "<!--/serve-problems-->"


def with_problem_notice(output: str, depth: int, error: DataError) -> str:
    """A page's HTML with the notice of the data's problems at the top of its body (in place of any notice it had);
    `depth`: how many folders the page is below the site's root (its link to PROBLEMS_PAGE climbs them)."""
    output = without_problem_notice(output)
    body = _BODY.search(output)
    if body is None:
        return output
    notice = _NOTICE_START + problem_notice(error, "../" * depth + PROBLEMS_PAGE) + _NOTICE_END
    return output[:body.end()] + notice + output[body.end():]


def without_problem_notice(output: str) -> str:
    start = output.find(_NOTICE_START)
    end = output.find(_NOTICE_END, start) if start >= 0 else -1
    return output if end < 0 else output[:start] + output[end + len(_NOTICE_END):]
