"""Benchmarks of the generator at scale (see benchmarks/scale.py)."""
