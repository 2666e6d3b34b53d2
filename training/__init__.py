"""Builds training sets, fits, evaluates and registers model versions."""
