"""The headline weight files' fit: what it writes is what the scorers read."""

from __future__ import annotations

import json
from pathlib import Path

from training.fit_weights import fit_weights


def test_weights_file_has_each_feature_and_the_bias(tmp_path: Path) -> None:
    X = [{"a": 1.0}, {"a": 1.0}, {"b": 1.0}, {"b": 1.0, "a": 0.5}]
    y = [1, 1, 0, 0]
    path = tmp_path / "w.json"
    fit_weights(X, y, C=1.0, max_iter=100, path=path, fitted_on="test rows")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["fitted_on"] == "test rows"
    assert (data["candidates"], data["positives"], data["C"]) == (4, 2, 1.0)
    assert set(data["weights"]) == {"a", "b", "_bias"}
    assert data["weights"]["a"] > 0 > data["weights"]["b"]
