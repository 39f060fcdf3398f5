"""The site: URLs and display names, pages, citations, feed, history, downloads, redirects, charts, briefings and the
MkDocs build. It reads the records (scripts.records) and never imports the maintainers' tools (scripts.tools).

This file and system_packages.py use only the standard library: `python3 -m scripts.site.system_packages` runs before
the virtual environment exists."""
