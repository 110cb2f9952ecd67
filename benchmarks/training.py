"""Time one iteration of :func:`sigmoid_lab.training.train` against its floor.

Run with ``python -m benchmarks.training`` (options: ``--repeats N``, ``--threads N``). For
n = 10**3, 10**5 and 10**6 examples of the article's data (two features), it prints the time
of one gradient-descent iteration with its loss recorded (``record_every=1``: loss, accuracy
and gradient every iteration) and its ratio to the floor, the three operations no
implementation can avoid: one ``X @ w``, one ``np.exp`` over n values and one ``X.T @ r``,
each written with ``np.matmul``/``np.exp`` into a preallocated array. Target: ratio <= 2.

Three more ratios are printed for reference: to the same floor spelled with ``np.dot``,
which does the same work with less overhead per call (it matters at n = 10**3 only); for an
iteration whose loss is not computed (``record_every`` larger than the run): the gradient
step alone; and for an iteration of the plain loop written out in ``train`` (``fast=False``,
loss recorded, a tenth of the iterations), which shows what the loops of
``sigmoid_lab._fast_descent`` save.

How it is measured, so that the ratio means something on a shared machine:

- One iteration is the time of ``train(X, y, iterations=k)`` minus that of
  ``train(X, y, iterations=0)`` (the median over the repeats, so that one slow setup does
  not skew a repeat), divided by k: the public function as a student calls it, without its
  one-off checks and setup.
- Floor and train use the same X and the same number of BLAS threads: 1 by default (set
  through threadpoolctl when it is installed), because on a shared machine a product split
  over two threads stalls whenever the other core is busy, which makes the floor's time,
  and so the ratio, erratic; ``--threads 0`` leaves the library's default.
- Each repeat times the floor, then train, and gives one ratio; the table shows the medians
  over the repeats and the range of the ratios. The load average is printed before and
  after the run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time

import numpy as np

from sigmoid_lab.data import make_seed_data
from sigmoid_lab.training import train

__all__ = ["floor_time", "main"]

SIZES = (10**3, 10**5, 10**6)
TARGET = 2.0
# Iterations per timed run: enough for a run to last 20-150 ms.
ITERATIONS = {10**3: 3000, 10**5: 100, 10**6: 20}
# Repeats per size: more where they are cheap, for a steadier median on a busy machine.
REPEATS = {10**3: 25, 10**5: 15, 10**6: 9}
# The plain loop runs 1/PLAIN_SHARE of the iterations: it is several times slower.
PLAIN_SHARE = 10


def floor_time(X: np.ndarray, calls: int, *, spelling: str = "matmul") -> float:
    """Time in seconds of one ``X @ w``, one ``np.exp`` and one ``X.T @ r``, averaged.

    ``spelling="matmul"`` writes them ``np.matmul(X, w, out=z)``, ``np.exp(z, out=e)``,
    ``np.matmul(X.T, r, out=g)``; ``"dot"`` uses ``np.dot`` for the two products.
    """
    n, d = X.shape
    w = np.full(d, 0.1)
    z = np.empty(n)
    e = np.empty(n)
    g = np.empty(d)
    r = np.random.default_rng(1).standard_normal(n)
    XT = X.T
    matmul, dot, exp = np.matmul, np.dot, np.exp
    start = time.perf_counter()
    if spelling == "matmul":
        for _ in range(calls):
            matmul(X, w, out=z)
            exp(z, out=e)
            matmul(XT, r, out=g)
    else:
        for _ in range(calls):
            dot(X, w, z)
            exp(z, e)
            dot(r, X, g)
    return (time.perf_counter() - start) / calls


def _run_time(X, y, iterations: int, record_every: int, fast: bool = True) -> float:
    start = time.perf_counter()
    train(X, y, iterations=iterations, record_every=record_every, fast=fast)
    return time.perf_counter() - start


def _blas_threads(threads: int):
    """A context limiting BLAS to ``threads`` threads (0: no limit), and its description."""
    if not threads:
        return contextlib.nullcontext(), "the library's default"
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext(), "the library's default (threadpoolctl is missing)"
    return threadpool_limits(limits=threads, user_api="blas"), str(threads)


def _load() -> str:
    try:
        return ", ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main(sizes=SIZES, repeats: int | None = None, seed: int = 0, threads: int = 1) -> None:
    """Print the table of iteration times and their ratios to the floor.

    ``repeats`` (default: ``REPEATS``, 9 for other sizes) is the number of floor and train
    measurements per size; ``threads`` the number of BLAS threads (0: the library's default).
    """
    limit, described = _blas_threads(threads)
    print("One iteration of train() (lr='auto', 2 features) against its floor:")
    print("floor = one X @ w + one np.exp over n + one X.T @ r, into preallocated arrays")
    print(
        f"BLAS threads: {described}, for floor and train. Medians over the repeats; "
        f"load average (1, 5, 15 min) before: {_load()}"
    )
    header = (
        f"{'n':>9}{'floor (us)':>12}{'train (us)':>12}{'ratio':>7}{'range':>12}"
        f"{'target':>8}  ok{'np.dot':>8}{'no loss':>9}{'plain':>8}{'repeats':>9}"
    )
    print(header)
    print("-" * len(header))
    with limit:
        for n in sizes:
            X, y = make_seed_data(n, seed=seed)
            iterations = ITERATIONS.get(n, max(10, 10**8 // (50 * n)))
            plain_iterations = max(1, iterations // PLAIN_SHARE)
            train(X, y, iterations=2)  # warm up caches and the allocator
            floor_time(X, 2)
            runs = []
            # Floor and train in turn, so that each ratio compares runs under the same load.
            for _ in range(repeats or REPEATS.get(n, 9)):
                runs.append(
                    (
                        floor_time(X, iterations),
                        floor_time(X, iterations, spelling="dot"),
                        _run_time(X, y, 0, 1),
                        _run_time(X, y, iterations, 1),
                        _run_time(X, y, iterations, iterations),
                        _run_time(X, y, 0, 1, fast=False),
                        _run_time(X, y, plain_iterations, 1, fast=False),
                    )
                )
            floors, dot_floors, setups, recorded, unrecorded, plain_setups, plain = np.array(
                runs
            ).T
            setup = np.median(setups)
            per_iteration = (recorded - setup) / iterations
            ratios = per_iteration / floors
            ratio = np.median(ratios)
            spread = f"{min(ratios):.2f}-{max(ratios):.2f}"
            print(
                f"{n:>9,}{np.median(floors) * 1e6:>12.1f}"
                f"{np.median(per_iteration) * 1e6:>12.1f}{ratio:>7.2f}{spread:>12}"
                f"{TARGET:>8.1f}  {'yes' if ratio <= TARGET else 'NO':<3}"
                f"{np.median(per_iteration / dot_floors):>7.2f}"
                f"{np.median((unrecorded - setup) / iterations / floors):>9.2f}"
                f"{np.median((plain - np.median(plain_setups)) / plain_iterations / floors):>8.2f}"
                f"{len(runs):>9}"
            )
    print(f"load average after: {_load()}")
    print("train: loss, accuracy and gradient recorded every iteration (record_every=1).")
    print("range: the lowest and highest ratio of the repeats.")
    print("np.dot: the ratio to the floor written with np.dot instead of np.matmul.")
    print("no loss: the ratio for an iteration that records nothing (the gradient step).")
    print("plain: the ratio for an iteration of the plain loop (train(..., fast=False)).")


def _cli(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.training",
        description="Time one iteration of train(), loss recorded, against its floor.",
    )
    parser.add_argument("--repeats", type=int, help="repeats per size (25, 15 and 9)")
    parser.add_argument(
        "--threads", type=int, default=1, help="BLAS threads, 0 for the library's default (1)"
    )
    args = parser.parse_args(argv)
    main(repeats=args.repeats, threads=args.threads)


if __name__ == "__main__":
    _cli()
