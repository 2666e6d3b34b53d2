"""The solver's products on two threads give the very numbers of scipy's one-thread products."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from training import rows_parallel
from training.dataset import category_items
from training.rows_parallel import RowSplitCSR, row_split
from training.train import fit_category


@pytest.fixture
def every_matrix_split(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Split every product, however small; returns a list that counts the split products."""
    monkeypatch.setattr(rows_parallel, "PARALLEL_FROM_NNZ", 1)
    monkeypatch.setattr(rows_parallel.os, "cpu_count", lambda: 2)
    calls: list[int] = []
    plain = RowSplitCSR._matmul_multivector

    def counted(self: RowSplitCSR, other: np.ndarray) -> np.ndarray:
        calls.append(self.nnz)
        return plain(self, other)

    monkeypatch.setattr(RowSplitCSR, "_matmul_multivector", counted)
    return calls


def _matrix(n_rows: int, n_cols: int, density: float, seed: int) -> sp.csr_matrix:
    x = sp.random(n_rows, n_cols, density=density, format="csr", dtype=np.float32, rng=seed)
    keep = np.ones(n_rows, dtype=np.float32)
    keep[::7] = 0  # rows without any value, at the cut too
    out = sp.csr_matrix(sp.diags(keep) @ x)
    out.eliminate_zeros()
    return out


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n_vecs", [1, 2, 3])
def test_products_are_identical(every_matrix_split: list[int], dtype: type, n_vecs: int) -> None:
    x = _matrix(3000, 2000, 0.01, seed=n_vecs)
    w = np.random.default_rng(0).standard_normal((2000, n_vecs)).astype(dtype)
    split = row_split(x)
    assert isinstance(split, RowSplitCSR)
    for mine, theirs in [
        (split.data, x.data),
        (split.indices, x.indices),
        (split.indptr, x.indptr),
    ]:
        assert np.shares_memory(mine, theirs)  # no copy
    expected, got = x @ w, split @ w
    assert got.dtype == expected.dtype and np.array_equal(got, expected)
    assert np.array_equal(split @ np.asfortranarray(w), expected)  # a transposed view, as W.T
    assert np.array_equal(w.T @ split.T, expected.T)
    g = np.random.default_rng(1).standard_normal((3000, n_vecs)).astype(dtype)
    assert np.array_equal(g.T @ split, g.T @ x)  # the gradient's product (one thread)
    # one column is scipy's matrix-vector product (left alone); several, the split one
    assert bool(every_matrix_split) == (n_vecs > 1)


def test_a_small_matrix_or_one_core_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    x = _matrix(100, 50, 0.1, seed=2)
    assert row_split(x) is x  # far below PARALLEL_FROM_NNZ
    monkeypatch.setattr(rows_parallel, "PARALLEL_FROM_NNZ", 1)
    monkeypatch.setattr(rows_parallel.os, "cpu_count", lambda: 1)
    assert row_split(x) is x


def test_a_scipy_without_the_private_kernel_gets_its_own_product(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The split product relies on scipy's private csr_matvecs: without it, x itself."""
    assert rows_parallel.KERNELS  # the scipy this project installs has it
    x = _matrix(100, 50, 0.1, seed=3)
    monkeypatch.setattr(rows_parallel, "PARALLEL_FROM_NNZ", 1)
    monkeypatch.setattr(rows_parallel.os, "cpu_count", lambda: 2)
    assert isinstance(row_split(x), RowSplitCSR)
    monkeypatch.setattr(rows_parallel, "KERNELS", False)
    assert row_split(x) is x


def test_logistic_regression_is_fitted_to_the_same_bits(every_matrix_split: list[int]) -> None:
    x = _matrix(4000, 3000, 0.01, seed=3)
    y = np.random.default_rng(4).integers(0, 3, 4000)
    weights = np.random.default_rng(5).random(4000) + 0.5

    def fit(matrix: sp.csr_matrix) -> LogisticRegression:
        model = LogisticRegression(C=50.0, max_iter=200, class_weight="balanced", random_state=0)
        return model.fit(matrix, y, sample_weight=weights)

    plain, split = fit(x), fit(row_split(x))
    assert len(every_matrix_split) >= split.n_iter_[0]  # the split product did the work
    assert np.array_equal(plain.coef_, split.coef_)
    assert np.array_equal(plain.intercept_, split.intercept_)


def test_the_category_model_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    items = category_items()[:1500]
    plain = fit_category(items).named_steps["model"]
    monkeypatch.setattr(rows_parallel, "PARALLEL_FROM_NNZ", 1)
    monkeypatch.setattr(rows_parallel.os, "cpu_count", lambda: 2)
    split = fit_category(items).named_steps["model"]
    assert np.array_equal(plain.coef_, split.coef_)
    assert np.array_equal(plain.intercept_, split.intercept_)
