"""Benchmarks against PostgreSQL (`make bench`): the catalogue page and the matching run.

bench.loader loads n vetted profiles in bulk; bench.catalogue and bench.matching time pages and
runs against a floor measured in the same run. See bench/README.md for the recorded tables.
"""
