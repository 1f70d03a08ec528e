"""Scanners: tabular data, Android apps, privacy policies."""
