"""Reproducible benchmarks: hegui vs Presidio pattern recognizers vs JioNLP extractors."""
