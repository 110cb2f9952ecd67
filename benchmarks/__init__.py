"""Benchmarks for Sigmoid Lab, run with ``python -m benchmarks`` (not part of the test run)."""
