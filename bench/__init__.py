"""Benchmarks and the synthetic corpus they run on (not imported by the app)."""
