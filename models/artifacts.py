"""Model files: skops (no code runs on load) plus a sha256 of the bytes."""

from __future__ import annotations

import hashlib
from typing import Any

import skops.io as sio
from sklearn.pipeline import Pipeline

# Our own functions that the persisted pipelines reference; nothing else is trusted.
TRUSTED = [
    "models.tokenize.word_ngrams",
    "models.vectorizer.CompactTfidfVectorizer",
]


def dump(obj: Pipeline | dict[str, Pipeline]) -> tuple[bytes, str]:
    data = sio.dumps(obj)
    return data, hashlib.sha256(data).hexdigest()


def load(data: bytes, sha256: str | None = None) -> Any:
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError("model artifact checksum mismatch")
    untrusted = set(sio.get_untrusted_types(data=data))
    unknown = untrusted - set(TRUSTED) - _SAFE
    if unknown:
        raise ValueError(f"model artifact references untrusted types: {sorted(unknown)}")
    return sio.loads(data, trusted=sorted(untrusted))


# numpy/sklearn internals skops reports as "untrusted" by default but that carry no code
_SAFE = {"numpy.dtype", "builtins.getattr"}
