"""The learned models are fitted with one BLAS thread.

The models are small (a few hundred examples): OpenBLAS's threads cost more than they save, and on
a busy machine they spin waiting for each other. Fitting the import's topic model took 3.2 s of
CPU (9.9 s wall on a loaded 2-core machine) with OpenBLAS's two threads and 0.33 s (0.8 s wall)
with one (on a quiet machine about the same either way: 0.2 s); the weights are the same to the
last bit (and no longer depend on how many cores the machine has).
"""

from __future__ import annotations

from contextlib import AbstractContextManager


def one_blas_thread() -> AbstractContextManager:
    """A context in which numpy's and scipy's BLAS use one thread (threadpoolctl, which
    scikit-learn itself uses for the same)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")
