"""Benchmarks (`make bench`): print figures and ratios, keep results in bench/results/.

Each `bench/bench_*.py` module exposes `run() -> dict` (name -> figure). Tests never time.
"""
