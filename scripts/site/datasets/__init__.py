"""Pages drawn from the ingested datasets in data/datasets/ (tables, not records): the detainer views and one page
per dataset from its provenance. Each dataset is declared once in catalog.py."""
