"""The solver's X @ W on two cores, the same numbers bit for bit.

Fitting the classifier on 400,000 drafts spends most of its time in scikit-learn's L-BFGS loop,
and most of that in two sparse products per iteration: X @ W (the raw predictions) and
G.T @ X (the gradient). scipy runs each on one core, and releases the GIL while it does, so
another thread can run at the same time. `RowSplitCSR` is an ordinary CSR matrix (the same
arrays, no copy) whose X @ W computes the first rows and the last rows in two threads, each
with scipy's own kernel on its own rows: every output row is summed by the same code in the
same order as the one-thread product, so the results are identical (tested), and so is the
fitted model. G.T @ X stays on one core: scipy computes it as a scatter over the rows, and
splitting that would change the order of the sums (and the model's last bits).
"""

from __future__ import annotations

import os
import threading

import numpy as np
import scipy.sparse as sp

try:  # scipy's own kernel and dtype rule: private, so a scipy without them gets its own product
    from scipy.sparse import _sparsetools
    from scipy.sparse._sputils import upcast_char

    KERNELS = hasattr(_sparsetools, "csr_matvecs") and hasattr(sp.csr_matrix, "_matmul_multivector")
except ImportError:
    KERNELS = False

# Below this many stored values a product takes a few milliseconds: threads would not pay.
PARALLEL_FROM_NNZ = 1 << 22


class RowSplitCSR(sp.csr_matrix):
    """A CSR matrix whose products with dense matrices run on two threads (identical result)."""

    def _matmul_multivector(self, other: np.ndarray) -> np.ndarray:
        """scipy's _compressed._matmul_multivector, the rows cut in two at half the values:
        the first half in a thread of its own, the second in the calling thread."""
        if self.ndim != 2 or self.nnz < PARALLEL_FROM_NNZ:
            return super()._matmul_multivector(other)  # type: ignore[no-any-return]
        n_rows, n_cols = self.shape
        n_vecs = other.shape[-1]
        result = np.zeros((n_rows, n_vecs), dtype=upcast_char(self.dtype.char, other.dtype.char))
        vectors = other.ravel()
        half = int(np.searchsorted(self.indptr, self.nnz // 2))
        failed: list[BaseException] = []

        def rows(begin: int, end: int) -> None:
            try:
                _sparsetools.csr_matvecs(
                    end - begin,
                    n_cols,
                    n_vecs,
                    self.indptr[begin : end + 1],  # offsets into the whole indices and data
                    self.indices,
                    self.data,
                    vectors,
                    result[begin:end].ravel(),  # a view: a C-ordered array's rows are contiguous
                )
            except BaseException as exc:  # re-raised in the calling thread
                failed.append(exc)

        first = threading.Thread(target=rows, args=(0, half), name="rows-first-half")
        first.start()
        rows(half, n_rows)
        first.join()
        if failed:
            raise failed[0]
        return result


def row_split(x: sp.csr_matrix) -> sp.csr_matrix:
    """x as a RowSplitCSR over the same arrays (x itself when one core, a small matrix or a
    scipy without the private kernel this relies on)."""
    if not KERNELS or (os.cpu_count() or 1) < 2 or x.nnz < PARALLEL_FROM_NNZ:
        return x
    out = RowSplitCSR((x.data, x.indices, x.indptr), shape=x.shape, copy=False)
    out.has_sorted_indices = x.has_sorted_indices
    return out
