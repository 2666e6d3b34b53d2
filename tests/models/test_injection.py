"""Error injection: every injected error type is caught in at least 90% of the drafts."""

from __future__ import annotations

import pytest

from training.inject_numbers import INJECTORS, load_drafts, recall

pytestmark = pytest.mark.heavy  # fits models or measures over the corpus: not in make test-fast

DRAFTS = load_drafts()[::5]  # every fifth clean draft keeps the test fast
RESULTS = recall(DRAFTS)


@pytest.mark.parametrize("name", sorted(INJECTORS))
def test_injected_errors_are_caught(name: str) -> None:
    hit, tried = RESULTS[name]
    if tried < 5:
        pytest.skip(f"only {tried} drafts have a place for {name}")
    assert hit / tried >= 0.9, (name, hit, tried)
