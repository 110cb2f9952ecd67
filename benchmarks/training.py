"""Time one iteration of :func:`sigmoid_lab.training.train` against its floor.

Run with ``python -m benchmarks.training``. For n = 10**3, 10**5 and 10**6 examples of the
article's data (two features), it prints the time of one gradient-descent iteration with its
loss recorded (``record_every=1``: loss, accuracy and gradient every iteration) and its ratio
to the floor, the three operations no implementation can avoid: one ``X @ w``, one
``np.exp`` over n values and one ``X.T @ r``, each writing into a preallocated array.
Target: ratio <= 2. For reference, the last column gives the ratio for an iteration whose
loss is not computed (``record_every`` larger than the run): the gradient step alone.

The time of one iteration is the difference between the best run of ``iterations=k`` and
the best run of ``iterations=0``, divided by k, so the one-off checks and allocations of
``train`` are not counted. Floor and train are timed in alternation and the best of several
repeats is kept, which keeps the ratio meaningful on a busy machine.
"""

from __future__ import annotations

import time

import numpy as np

from sigmoid_lab.data import make_seed_data
from sigmoid_lab.training import train

__all__ = ["floor_time", "main"]

SIZES = (10**3, 10**5, 10**6)
TARGET = 2.0
# Iterations per timed run: enough for a run to last 10-100 ms.
ITERATIONS = {10**3: 2000, 10**5: 100, 10**6: 30}


def floor_time(X: np.ndarray, repeats: int, calls: int) -> float:
    """Best time in seconds of one ``X @ w``, one ``np.exp`` and one ``X.T @ r``."""
    n, d = X.shape
    w = np.full(d, 0.1)
    z = np.empty(n)
    e = np.empty(n)
    g = np.empty(d)
    r = np.random.default_rng(1).standard_normal(n)
    XT = X.T
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            np.matmul(X, w, out=z)
            np.exp(z, out=e)
            np.matmul(XT, r, out=g)
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def _run_time(X, y, iterations: int, record_every: int) -> float:
    start = time.perf_counter()
    train(X, y, iterations=iterations, record_every=record_every)
    return time.perf_counter() - start


def main(sizes=SIZES, repeats: int = 7, seed: int = 0) -> None:
    """Print the table of iteration times and their ratio to the floor."""
    print("One iteration of train() (lr='auto', 2 features) against its floor:")
    print("floor = one X @ w + one np.exp over n + one X.T @ r, into preallocated arrays")
    header = (
        f"{'n':>9}{'floor (us)':>12}{'train (us)':>12}{'ratio':>7}{'target':>8}  ok{'no loss':>9}"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        X, y = make_seed_data(n, seed=seed)
        iterations = ITERATIONS.get(n, max(10, 10**8 // (50 * n)))
        train(X, y, iterations=2)  # warm up caches and the allocator
        floor = np.inf
        # Best run times of: no iteration, recorded iterations, unrecorded iterations.
        best = {"setup": np.inf, "recorded": np.inf, "unrecorded": np.inf}
        # Alternate floor and train so that both see the same machine load.
        for _ in range(repeats):
            floor = min(floor, floor_time(X, 1, iterations))
            for key, its, every in (
                ("setup", 0, 1),
                ("recorded", iterations, 1),
                ("unrecorded", iterations, iterations),
            ):
                best[key] = min(best[key], _run_time(X, y, its, every))
        per_iteration = (best["recorded"] - best["setup"]) / iterations
        unrecorded = (best["unrecorded"] - best["setup"]) / iterations
        ratio = per_iteration / floor
        print(
            f"{n:>9,}{floor * 1e6:>12.1f}{per_iteration * 1e6:>12.1f}{ratio:>7.2f}"
            f"{TARGET:>8.1f}  {'yes' if ratio <= TARGET else 'NO':<3}{unrecorded / floor:>8.2f}"
        )
    print("train: loss, accuracy and gradient recorded every iteration (record_every=1).")
    print("no loss: the ratio for an iteration that records nothing (the gradient step).")


if __name__ == "__main__":
    main()
