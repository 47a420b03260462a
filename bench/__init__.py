"""Benchmark tooling: a generator of large valid registries and the timing table of `make bench`."""
