"""Benchmarks, run by `make bench` and not by the normal test suite (files named bench_*.py)."""
