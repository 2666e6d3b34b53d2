"""The analysis library: pure functions of text. No web, no database.

`Analyzer.analyze(title, body)` (models/analyze.py) is the one entry point the service and the
CLI use.
"""
