"""Benchmark harness (`make bench`) and the synthetic village data generator."""
