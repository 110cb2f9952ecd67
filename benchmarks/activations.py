"""Time the sigmoid and its derivative against scipy.special.expit and the textbook formula.

Run with ``python -m benchmarks.activations``. It prints one table: for 10**6 float64 and
float32 inputs drawn from N(0, 5^2), the best time of several repeats for each function and
its ratio to ``scipy.special.expit`` (targets: sigmoid <= 0.7, sigmoid_grad <= 1.0) and to
the naive formula. ``np.exp`` alone is listed as the floor for any exp-based sigmoid.
"""

from __future__ import annotations

import timeit

import numpy as np
from scipy.special import expit

from sigmoid_lab.activations import sigmoid, sigmoid_grad

__all__ = ["main", "time_best"]

N_ELEMENTS = 10**6
REPEATS = 30
TARGETS = {"sigmoid": 0.7, "sigmoid_grad": 1.0}


def _naive_sigmoid(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def _naive_sigmoid_grad(x):
    s = _naive_sigmoid(x)
    return s * (1 - s)


def _expit_grad(x):
    s = expit(x)
    return s * (1 - s)


def time_best(funcs: dict, x, repeats: int = REPEATS) -> dict:
    """Best wall-clock time in seconds of each ``func(x)`` over ``repeats`` single calls.

    The functions take turns within each repeat, so that a burst of load from another
    process on a shared machine slows them all alike instead of one of them.
    """
    best = dict.fromkeys(funcs, float("inf"))
    for func in funcs.values():
        func(x)  # warm up: first-call allocations and page faults are not what we measure
    for _ in range(repeats):
        for name, func in funcs.items():
            elapsed = timeit.timeit(lambda f=func: f(x), number=1)
            best[name] = min(best[name], elapsed)
    return best


def main(n_elements: int = N_ELEMENTS, repeats: int = REPEATS, seed: int = 0) -> None:
    """Print the timing table for :func:`sigmoid` and :func:`sigmoid_grad`."""
    rng = np.random.default_rng(seed)
    sample = rng.normal(0.0, 5.0, n_elements)
    funcs = {
        "expit": expit,
        "np.exp": np.exp,
        "sigmoid": sigmoid,
        "naive sigmoid": _naive_sigmoid,
        "sigmoid_grad": sigmoid_grad,
        "naive grad": _naive_sigmoid_grad,
        "(expit grad)": _expit_grad,
    }
    print(f"Activations on {n_elements:,} elements from N(0, 5^2), best of {repeats} runs")
    header = (
        f"{'function':<14}{'dtype':<9}{'time (ms)':>10}{'/ expit':>9}"
        f"{'/ naive':>9}{'target':>8}  ok"
    )
    print(header)
    print("-" * len(header))
    for dtype in (np.float64, np.float32):
        x = sample.astype(dtype)
        t = time_best(funcs, x, repeats)
        for name in ("expit", "np.exp", "sigmoid", "sigmoid_grad", "(expit grad)"):
            line = f"{name:<14}{x.dtype.name:<9}{t[name] * 1e3:>10.3f}{t[name] / t['expit']:>9.2f}"
            if name in TARGETS:
                naive = t["naive sigmoid" if name == "sigmoid" else "naive grad"]
                ratio = t[name] / t["expit"]
                ok = "yes" if ratio <= TARGETS[name] else "NO"
                line += f"{t[name] / naive:>9.2f}{TARGETS[name]:>8.1f}  {ok}"
            print(line)


if __name__ == "__main__":
    main()
