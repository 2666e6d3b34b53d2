"""The analysis library: pure functions of text. No web, no database.

`Analyzer.analyze(title, body)` (models/analyze.py) is the one entry point the service and the
CLI use.
"""

from models.compiled import activate

activate()  # the mypyc build of the hot modules when it matches the source (models/compiled.py)
