"""Printable briefings from the same records as the site: one small YAML file per briefing in reports/ says what goes
in it, and each becomes a page on the site (reports/<id>/) and a PDF (reports/<id>.pdf).

- definition.py: the YAML format (a pydantic schema) and its checks, with file:line messages;
- content.py: which records a briefing holds, chosen by its definition, and its date (the latest review);
- references.py: the numbered reference list, numbered in order of first citation;
- document.py: the briefing as HTML (a site page fragment, or a standalone document for print) from a Jinja2 template;
- pdf.py: the standalone HTML as PDF (WeasyPrint), cached under .cache/reports/ by a digest of the HTML;
- files.py: the site's files (pages, PDFs and the briefings index); cli.py: `python -m scripts reports`.
"""
