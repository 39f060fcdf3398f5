"""A briefing's standalone HTML as PDF (WeasyPrint), and a folder of rendered PDFs so an unchanged briefing is not
rendered again.

Determinism: the PDF's creation and modification dates come from the HTML's dcterms.created / dcterms.modified meta
tags (the briefing's data date), it gets no file identifier (/ID), and nothing is fetched (the charts are data: URLs);
so the same HTML gives the same bytes (tested). The cache key is the SHA-256 of the HTML and the versions of
WeasyPrint and pydyf (its PDF writer). Fonts come from the system (fonts-dejavu-core): a machine with other fonts
renders other bytes, but its own cache is its own.

No network: the URL fetcher allows data: URLs only and any fetch failure stops the rendering, so a template that
names a remote stylesheet or image fails loudly instead of reaching out. WeasyPrint's warnings (an unsupported CSS
property, say) fail the rendering too, as MkDocs' warnings fail the strict build."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from ..file_cache import FileCache

ENGINE = ("weasyprint", "pydyf")


class PdfError(RuntimeError):
    pass


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    try:
        pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    except FatalURLFetchingError as error:
        raise PdfError(f"{error} ({error.__cause__}); a briefing may embed data: URLs only") from None
    finally:
        logger.removeHandler(collect)
    if collect.messages:
        raise PdfError("WeasyPrint: " + "; ".join(dict.fromkeys(collect.messages)))
    return pdf


def pdf_key(html: str) -> str:
    digest = hashlib.sha256(html.encode("utf-8"))
    for name in ENGINE:
        digest.update(f"\0{name} {version(name)}".encode())
    return digest.hexdigest()


class PdfCache(FileCache):
    """One PDF per key (the HTML and the engine's versions): see scripts/file_cache.py."""

    def __init__(self, folder: Path):
        super().__init__(folder, ".pdf")

    def get_or_render(self, html: str, render: Callable[[str], bytes]) -> bytes:
        return self.get_or_make(pdf_key(html), lambda: render(html))
