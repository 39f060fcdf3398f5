"""Datasets ingested from the publishers' own files: readers, validation, tidy tables."""
