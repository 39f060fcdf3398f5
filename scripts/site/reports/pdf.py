"""A briefing's standalone HTML as PDF (WeasyPrint), and a folder of rendered PDFs so an unchanged briefing is not
rendered again.

Determinism: the PDF's creation and modification dates come from the HTML's dcterms.created / dcterms.modified meta
tags (the briefing's data date), it gets no file identifier (/ID), and nothing is fetched (the charts are data: URLs);
so the same HTML gives the same bytes (tested). The cache key is the SHA-256 of the HTML and the versions of
WeasyPrint and pydyf (its PDF writer). Fonts come from the system (fonts-dejavu-core): a machine with other fonts
renders other bytes, but its own cache is its own.

No network: the URL fetcher allows data: URLs only and any fetch failure stops the rendering, so a template that
names a remote stylesheet or image fails loudly instead of reaching out. WeasyPrint's warnings about the document
(an unsupported CSS property, say) fail the rendering too, as MkDocs' warnings fail the strict build; its warnings
about the machine's fonts and libraries (no HarfBuzz-Subset, say) are logged as warnings: they are not in the
briefing and the PDF is still right. A system library WeasyPrint cannot load is an EnvironmentProblem."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from ..failures import library_missing
from ..file_cache import FileCache

ENGINE = ("weasyprint", "pydyf")


class PdfError(RuntimeError):
    pass


LOG = logging.getLogger(__name__)
_logged: set[str] = set()  # each engine warning once per process, not once per briefing


def _about_the_machine(record: logging.LogRecord) -> bool:
    """WeasyPrint's font embedding (pdf/fonts.py) warns about the fonts and libraries installed, not the document."""
    return Path(record.pathname).parts[-2:] == ("pdf", "fonts.py")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not _about_the_machine(record):
            self.messages.append(message)
        elif message not in _logged:
            _logged.add(message)
            LOG.warning("WeasyPrint: %s", message)


def render_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError, URLFetcher
    except OSError as error:  # cffi could not dlopen Pango, HarfBuzz or fontconfig
        raise library_missing(error) from None

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False  # collected here, not printed twice
    try:
        pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    except FatalURLFetchingError as error:
        raise PdfError(f"{error} ({error.__cause__}); a briefing may embed data: URLs only") from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    if collect.messages:
        raise PdfError("WeasyPrint: " + "; ".join(dict.fromkeys(collect.messages)))
    return pdf


def pdf_key(html: str) -> str:
    digest = hashlib.sha256(html.encode("utf-8"))
    for name in ENGINE:
        digest.update(f"\0{name} {version(name)}".encode())
    return digest.hexdigest()


def language_cache(cache_dir: Path, code: str) -> Path:
    """Where a language's PDFs are cached: English in cache_dir, another language in cache_dir/<code>/. Each cache
    keeps only the PDFs its last run used, so the languages must not share a folder."""
    return Path(cache_dir) if code == "en" else Path(cache_dir) / code


_LANG = re.compile(r'<html lang="([a-z]{2,3})">')


def document_language(html: str) -> str:
    """The language a standalone briefing is written in, from its <html lang> ("en" if it says none)."""
    found = _LANG.search(html[:2000])
    return found.group(1) if found else "en"


def print_into_cache(cache_dir: Path, html: str) -> bytes:
    """Print a standalone briefing into its language's cache (see language_cache)."""
    return PdfCache(language_cache(cache_dir, document_language(html))).get_or_render(html, render_pdf)


class PdfCache(FileCache):
    """One PDF per key (the HTML and the engine's versions): see scripts/site/file_cache.py."""

    def __init__(self, folder: Path):
        super().__init__(folder, ".pdf")

    def has_pdf(self, html: str) -> bool:
        return self.has(pdf_key(html))

    def get_or_render(self, html: str, render: Callable[[str], bytes]) -> bytes:
        return self.get_or_make(pdf_key(html), lambda: render(html))
