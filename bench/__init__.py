"""Benchmarks run by `make bench`; each `bench_*.py` module exposes `main()`."""
