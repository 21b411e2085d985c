"""Payung Desa: offline-first register of village workers and their BPJS Ketenagakerjaan cover."""

__version__ = "0.1.0"
