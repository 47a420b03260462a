"""Turning results into what people and CI read."""
