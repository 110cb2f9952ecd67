"""The plain loop of train() (fast=False) and the fast loops agree on many data sets.

train() writes out plain gradient descent, the algorithm of chapter 4, and runs by default
the loops of sigmoid_lab._fast_descent, which compute the same steps in another order. Here
both run on a sweep of data sets and settings, through each fast loop (the signed copy, in
one chunk or several, and the blocked loop that only reads X, with and without packed rows),
and must give the same weights to 1e-12, the same history and the same callback calls, and
stop at the same iteration when the loss explodes or a callback stops the run.

The sweep is drawn once from fixed seeds, so every run of the suite checks the same cases.
"""

import math

import numpy as np
import pytest

from sigmoid_lab import _fast_descent
from sigmoid_lab.training import TrainingError, safe_learning_rate, train

# Attributes of _fast_descent that choose, and shape, the fast loop.
FAST_LOOPS = {
    "copy": {"_COPY_LIMIT": 1 << 62},
    "copy in chunks": {"_COPY_LIMIT": 1 << 62, "_CHUNK": 500},
    "no copy": {"_COPY_LIMIT": 0},
    "no copy, small packed blocks": {"_COPY_LIMIT": 0, "_BLOCK": 300, "_PACKED_MIN_ROWS": 8},
}

# Relative and absolute tolerance of the comparisons. Both loops lower the same convex
# objective with a step of at most 2/L, a map that does not enlarge differences, so their
# rounding errors (about 1e-16 relative per step) only add up over the iterations.
TOLERANCE = {"rtol": 1e-12, "atol": 1e-12}


class Stop(Exception):
    """Raised by a callback to end a run early."""


def make_case(case: int) -> dict:
    """Data and keyword arguments of train() for sweep case ``case`` (deterministic)."""
    rng = np.random.default_rng(1000 + case)
    n = int(rng.choice([2, 3, 7, 40, 333, 1200, 2500]))
    d = int(rng.choice([1, 2, 3, 5]))
    scale = rng.choice([0.3, 1.0, 4.0], size=d)
    X = rng.normal(rng.normal(0.0, 1.0, size=d), scale, size=(n, d))
    noise = rng.choice([0.0, 0.5, 2.0])  # 0: separable data, whose weights keep growing
    y = (X @ rng.normal(size=d) + noise * rng.normal(size=n) > 0).astype(int)
    y[:2] = [0, 1]  # both classes
    l2 = float(rng.choice([0.0, 0.0, 1e-3, 0.1]))
    fit_intercept = bool(rng.integers(2))
    kwargs = {
        "iterations": int(rng.choice([0, 1, 5, 60, 250])),
        "l2": l2,
        "fit_intercept": fit_intercept,
        "record_every": int(rng.choice([1, 1, 3, 7, 100])),
    }
    # "auto", or a multiple of the safe step 1/L up to 1.9/L (below 2/L, where the steps
    # stay stable and the two loops stay together), or an absolute step for the small sets.
    safe = safe_learning_rate(X, l2=l2, fit_intercept=fit_intercept)
    kind = rng.integers(4)
    if kind == 0:
        kwargs["lr"] = "auto"
    elif kind == 3 and n <= 40:
        kwargs["lr"] = float(rng.choice([0.01, 0.5]))
    else:
        kwargs["lr"] = float(rng.choice([0.25, 1.0, 1.9])) * safe
    if rng.integers(3) == 0:
        kwargs["init"] = "random"
        kwargs["seed"] = case
    return {"X": X, "y": y, "kwargs": kwargs}


CASES = [make_case(case) for case in range(48)]


def run(X, y, *, fast, callback_limit=None, **kwargs):
    """train() with a callback that records its calls; returns (result or error, calls)."""
    calls = []

    def callback(iteration, state):
        calls.append(state)
        if callback_limit is not None and len(calls) >= callback_limit:
            raise Stop

    try:
        result = train(X, y, fast=fast, callback=callback, **kwargs)
    except (TrainingError, Stop) as error:
        return error, calls
    return result, calls


def assert_same_states(fast_calls, plain_calls, tolerance):
    assert [s.iteration for s in fast_calls] == [s.iteration for s in plain_calls]
    for fast, plain in zip(fast_calls, plain_calls, strict=True):
        np.testing.assert_allclose(fast.weights, plain.weights, **tolerance)
        assert math.isclose(fast.bias, plain.bias, rel_tol=1e-12, abs_tol=1e-12)
        assert math.isclose(fast.loss, plain.loss, rel_tol=1e-12, abs_tol=1e-14)
        assert fast.accuracy == plain.accuracy
        # The fast loops get the gradient as a difference of sums (Xᵀσ - Xᵀy), exact to
        # about 1e-16 of the sums, not of the gradient: compared in absolute terms.
        assert math.isclose(fast.grad_norm, plain.grad_norm, rel_tol=1e-9, abs_tol=1e-13)


def assert_same_runs(fast, plain):
    fast_result, fast_calls = fast
    plain_result, plain_calls = plain
    assert type(fast_result) is type(plain_result)
    assert_same_states(fast_calls, plain_calls, TOLERANCE)
    if isinstance(fast_result, Exception):
        assert str(fast_result).split(":")[0] == str(plain_result).split(":")[0]
        return
    np.testing.assert_allclose(fast_result.weights, plain_result.weights, **TOLERANCE)
    assert math.isclose(fast_result.bias, plain_result.bias, rel_tol=1e-12, abs_tol=1e-12)
    assert fast_result.lr == plain_result.lr
    assert fast_result.converged == plain_result.converged
    assert fast_result.advice == plain_result.advice
    fast_history, plain_history = fast_result.history, plain_result.history
    assert fast_history.keys() == plain_history.keys()
    np.testing.assert_array_equal(fast_history["iteration"], plain_history["iteration"])
    np.testing.assert_array_equal(fast_history["accuracy"], plain_history["accuracy"])
    for name in ("loss", "log_loss"):
        np.testing.assert_allclose(fast_history[name], plain_history[name], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(
        fast_history["weight_norm"], plain_history["weight_norm"], **TOLERANCE
    )
    np.testing.assert_allclose(
        fast_history["grad_norm"], plain_history["grad_norm"], rtol=1e-9, atol=1e-13
    )


@pytest.fixture(params=list(FAST_LOOPS))
def fast_loop(request, monkeypatch):
    for name, value in FAST_LOOPS[request.param].items():
        monkeypatch.setattr(_fast_descent, name, value)
    return request.param


@pytest.mark.parametrize("case", range(len(CASES)))
def test_fast_and_plain_loops_agree(case, fast_loop):
    X, y, kwargs = CASES[case]["X"], CASES[case]["y"], CASES[case]["kwargs"]
    assert_same_runs(run(X, y, fast=True, **kwargs), run(X, y, fast=False, **kwargs))


@pytest.mark.parametrize("case", range(0, len(CASES), 6))
def test_a_callback_stops_both_loops_at_the_same_record(case, fast_loop):
    X, y, kwargs = CASES[case]["X"], CASES[case]["y"], CASES[case]["kwargs"]
    kwargs = {**kwargs, "iterations": 40, "record_every": 3}
    fast = run(X, y, fast=True, callback_limit=4, **kwargs)
    plain = run(X, y, fast=False, callback_limit=4, **kwargs)
    assert isinstance(fast[0], Stop) and isinstance(plain[0], Stop)
    assert [s.iteration for s in fast[1]] == [0, 3, 6, 9]
    assert_same_runs(fast, plain)


@pytest.mark.parametrize("record_every", [1, 4])
@pytest.mark.parametrize("l2", [0.05, 1.0])
def test_both_loops_stop_an_exploding_run_at_the_same_iteration(record_every, l2, fast_loop):
    """With l2 > 0 a step far above 2/L makes the weights swing ever wider. Rounding
    differences then grow too, so the states are compared for the first records only,
    and the stopping iteration for all."""
    rng = np.random.default_rng(7)
    X = rng.normal(size=(500, 2))
    y = (X[:, 0] + rng.normal(size=500) > 0).astype(int)
    kwargs = {"lr": 2.5 / l2, "l2": l2, "iterations": 300, "record_every": record_every}
    fast_error, fast_calls = run(X, y, fast=True, **kwargs)
    plain_error, plain_calls = run(X, y, fast=False, **kwargs)
    assert isinstance(fast_error, TrainingError) and isinstance(plain_error, TrainingError)
    stop = str(fast_error).split(":")[0]
    assert stop == str(plain_error).split(":")[0]
    assert stop.startswith("train() stopped at iteration")
    assert len(fast_calls) == len(plain_calls) >= 2
    assert_same_states(fast_calls[:2], plain_calls[:2], TOLERANCE)


def test_both_loops_on_data_given_as_views_and_other_dtypes():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(600, 4))
    y = (X[:, 1] > 0.2).astype(int)
    for data in (X[::2, ::2], np.asfortranarray(X), X.astype(np.float32)):
        labels = y[::2] if len(data) == 300 else y
        assert_same_runs(
            run(data, labels, fast=True, iterations=80),
            run(data, labels, fast=False, iterations=80),
        )


def test_the_plain_loop_is_the_one_written_in_train():
    """fast=False must not reach the fast module at all."""

    def refuse(*args, **kwargs):
        raise AssertionError("the fast loop ran")

    X, y = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0]]), np.array([0, 1, 1])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sigmoid_lab.training.descend", refuse)
        result = train(X, y, fast=False, iterations=10)
        with pytest.raises(AssertionError, match="the fast loop ran"):
            train(X, y, iterations=10)
    assert result.iterations == 10


def test_fast_must_be_a_boolean():
    X, y = np.array([[0.0], [1.0]]), np.array([0, 1])
    with pytest.raises(TypeError, match="fast to be True or False"):
        train(X, y, fast="no")


# The sweep must cover what it claims: both fitting modes, penalties, early records, every
# kind of step, separable and noisy data, sizes around the chunk and block sizes.
def test_the_sweep_covers_the_settings():
    kwargs = [case["kwargs"] for case in CASES]
    assert {k["fit_intercept"] for k in kwargs} == {True, False}
    assert {k["l2"] > 0 for k in kwargs} == {True, False}
    assert {k["record_every"] for k in kwargs} >= {1, 3, 7, 100}
    assert {k["iterations"] for k in kwargs} >= {0, 1, 60, 250}
    steps = [k["lr"] for k in kwargs]
    assert "auto" in steps and 0.01 in steps and 0.5 in steps
    assert sum(isinstance(step, float) and step not in (0.01, 0.5) for step in steps) >= 10
    assert any("init" in k for k in kwargs)
    sizes = {case["X"].shape for case in CASES}
    assert {n for n, _ in sizes} >= {2, 40, 1200, 2500}
    assert {d for _, d in sizes} == {1, 2, 3, 5}
