"""Bridges from hegui's detectors and scanner to other tools (Presidio, Apache Spark)."""
