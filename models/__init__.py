"""The analysis library: pure functions of text. No web, no database.

`analyze(title, body, model)` is the one entry point the service and the CLI use.
"""
