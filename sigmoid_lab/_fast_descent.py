"""The fast loops behind :func:`sigmoid_lab.training.train` (private).

``train(..., fast=True)``, the default, runs these loops instead of the plain loop written
out in :func:`~sigmoid_lab.training.train`. They take the same steps and record the same
history, in another order of operations: ``tests/test_training_loops.py`` checks on a sweep
of data sets that the weights agree to 1e-12 and the history up to rounding. What they
speed up is the cost of one iteration around the two products with X that no
implementation can avoid, which is what ``python -m benchmarks.training`` measures (on one
machine, 1 to 2 times that floor, against 5 to 13 times for the plain loop, for n from 10^3
to 10^6):

- For small data (n·(d + 2) values up to ``_COPY_LIMIT``) the cost is the fixed price of
  each NumPy call, so :func:`_descend_signed` copies X once, with a sign per row, into a
  layout where one call does the work of several (the two classes' losses in one formula,
  the step and the summed loss in one matrix product), in chunks that fit the L2 cache.
- For large data the cost is the passes over m values, so :func:`_descend_blocked` only
  reads X, in blocks of rows that fit the L2 cache, packs the narrow product X @ w into a
  matrix-matrix product that BLAS runs faster, folds the labels into sums computed once and
  the step size into the sigmoid, and works in place in buffers made once.
- Both compute the loss and the accuracy only at recorded iterations, and the loss from the
  quantity 1 + e^m that the gradient needs anyway (recomputed exactly where that form loses
  digits).

They work on the negated parameters θ = (-w, -b), which saves a negation per iteration.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["Diverged", "descend"]

# The loss is first computed from u = 1 + e^m, which the gradient needs anyway (m = ±z, see
# the loops below), as mean(log u) or mean(log u + (1 - y) z). That sum is accurate to about
# 1e-15 in absolute terms, not in relative terms, and it is infinite when e^m overflows.
# Below this value (or when it is not finite) the loss is recomputed in the stable logaddexp
# form, which is exact to rounding.
_FAST_LOSS_FLOOR = 1e-6

# Data with n·(d + 2) values up to this (8 MiB of float64) are copied once, with a sign per
# row, for a loop that makes fewer NumPy calls and fewer passes per iteration
# (_descend_signed). Larger data go through a loop that only reads X (_descend_blocked).
_COPY_LIMIT = 1 << 20
# Values of that copy per chunk: a chunk (512 KiB) and its scratch rows fit in L2 cache.
_CHUNK = 1 << 16
# Rows per block in the loop for large data: a block of X and its scratch rows fit in L2 cache.
_BLOCK = 1 << 14
# X @ v is computed as a matrix product with about this many columns (see _blocks), for
# data with at least this many rows; below, the plain product is as fast.
_PACKED_COLUMNS = 8
_PACKED_MIN_ROWS = 4096


class Diverged(Exception):
    """A recorded loss exceeded the limit; ``train`` turns this into a ``TrainingError``."""

    def __init__(self, iteration: int, loss: float, start: float):
        super().__init__(iteration, loss, start)
        self.iteration, self.loss, self.start = iteration, loss, start


def _exact_log_loss(X: np.ndarray, theta: np.ndarray, y: np.ndarray) -> float:
    """Mean log-loss at θ = (-w, -b), exact to rounding for every finite logit.

    The loss of one example is softplus(m) = log(1 + e^m) with m = (1 - 2y) z, the logit
    seen from the wrong class; ``np.logaddexp(0, m)`` evaluates it without overflow and
    keeps its relative accuracy when it is tiny.
    """
    neg_z = X @ theta[:-1] + theta[-1]
    return float(np.mean(np.logaddexp(0.0, (2.0 * y - 1.0) * neg_z)))


def _blocks(X: np.ndarray, v: np.ndarray, size: int):
    """Cut X into blocks of ``size`` rows and plan the product X @ v for each.

    Returns ``(blocks, spread)``. Each block is ``(X_block, products, scratch, start)``: its
    rows of X; the list of ``(left, right, out)`` such that the calls
    ``np.dot(left, right, out)`` write X_block @ v into the first row of ``scratch``, a
    (2, rows) buffer shared by all blocks; and the index of its first row.

    X @ v for a tall, narrow X is a matrix-vector product that BLAS runs slowly (about 1 ns
    per row for two columns). Viewing ``pack`` consecutive rows as one row of an
    (n/pack, d*pack) matrix turns it into a matrix-matrix product with the block-diagonal
    (d*pack, pack) matrix diag(v, ..., v), which BLAS runs two to three times faster.
    ``spread`` views the diagonal blocks of that matrix (``packed``), so that one
    ``np.copyto(spread, v)`` refreshes all of them; leftover rows use the plain product.
    """
    n, d = X.shape
    pack = 1
    if n >= _PACKED_MIN_ROWS and X.flags.c_contiguous:
        pack = max(1, _PACKED_COLUMNS // d)
    packed = np.zeros((d * pack, pack))
    item = packed.itemsize
    spread = np.lib.stride_tricks.as_strided(
        packed, shape=(pack, d), strides=((d * pack + 1) * item, pack * item)
    )
    scratch = np.empty((2, size))
    blocks = []
    for lo in range(0, n, size):
        hi = min(lo + size, n)
        X_block, out = X[lo:hi], scratch[0, : hi - lo]
        whole = (hi - lo) - (hi - lo) % pack if pack > 1 else 0
        products = []
        if whole:
            left = X_block[:whole].reshape(-1, d * pack)
            products.append((left, packed, out[:whole].reshape(-1, pack)))
        if whole < hi - lo:
            products.append((X_block[whole:], v, out[whole:]))
        blocks.append((X_block, products, scratch[:, : hi - lo], lo))
    return blocks, (spread if pack > 1 else None)


def descend(
    X,
    y,
    weights,
    bias,
    *,
    lr,
    l2,
    fit_intercept,
    iterations,
    record_every,
    callback,
    explosion_factor,
):
    """Gradient descent from (weights, bias); returns ``(history, weights, bias)``.

    The arguments and the history are those of :func:`sigmoid_lab.training.train`, whose
    plain loop defines what is computed. ``callback(iteration, values)``, if given, is
    called at every record with a dict of the fields of a ``TrainState`` other than the
    iteration. A record whose objective is not finite or exceeds
    ``explosion_factor * max(start, log 2)`` raises :class:`Diverged`.

    These loops are written for speed: the training explorer computes a run for every position
    of its sliders, and a long run takes 10^5 iterations.
    Data with n·(d + 2) <= ``_COPY_LIMIT`` values go through :func:`_descend_signed`, which
    copies X once to make fewer NumPy calls; larger
    data through :func:`_descend_blocked`, which only reads X. Both work on the negated
    parameters θ = (-w, -b) and return, for each recorded iteration, θ, the step
    ``θ_next - shrink·θ`` (lr times the gradient of the mean log-loss with respect to
    (w, b); shrink = 1 - lr·l2 for w, 1 for b), the mean log-loss and the number of correct
    predictions. The history is built from those once, after the loop.
    """
    n, d = X.shape
    theta = np.append(-weights, -bias)
    loop = _descend_signed if n * (d + 2) <= _COPY_LIMIT else _descend_blocked
    thetas, steps, log_losses, corrects = loop(
        X,
        y,
        theta,
        lr=lr,
        l2=l2,
        fit_intercept=fit_intercept,
        iterations=iterations,
        record_every=record_every,
        callback=callback,
        limit_factor=explosion_factor,
    )
    weights_hist = -thetas[:, :d]
    gradient = steps / lr
    gradient[:, :d] += l2 * weights_hist
    weight_norm = np.linalg.norm(weights_hist, axis=1)
    log_loss = np.array(log_losses)
    history = {
        "iteration": np.append(np.arange(0, iterations, record_every), iterations),
        "loss": log_loss + 0.5 * l2 * weight_norm**2,
        "log_loss": log_loss,
        "accuracy": np.array(corrects) / n,
        "grad_norm": np.linalg.norm(gradient, axis=1),
        "weight_norm": weight_norm,
    }
    return history, -theta[:d], -float(theta[d])


def _state(theta, step, lr, l2, loss, correct, n) -> dict:
    """The values passed to a callback, from θ = (-w, -b) and the step taken from it."""
    d = theta.size - 1
    gradient = step / lr
    gradient[:d] -= l2 * theta[:d]
    return {
        "weights": -theta[:d],
        "bias": -float(theta[d]),
        "loss": loss,
        "accuracy": correct / n,
        "grad_norm": float(np.linalg.norm(gradient)),
    }


def _descend_signed(
    X, y, theta, *, lr, l2, fit_intercept, iterations, record_every, callback, limit_factor
):
    """The loop on a signed copy of X, arranged to make few NumPy calls; updates ``theta``.

    Returns ``(thetas, steps, log_losses, corrects)``, one entry per recorded iteration.

    For n up to a few thousand an iteration costs mostly the fixed price of each NumPy call
    (0.3 to 1.5 µs), not arithmetic; for more, the passes over m values. So X is copied
    once, into n·(d + 2) values (8 MiB at most, see ``_COPY_LIMIT``) shaped so that one
    call does the work of several, next to a few scratch arrays of n values:

    - The rows aᵢ = [xᵢ, 1] are multiplied by sᵢ = 2yᵢ - 1 and transposed, into a
      (d + 1, m) array (which BLAS multiplies faster than a tall (m, d + 1) one), so that
      one product with θ gives the margins mᵢ = -sᵢzᵢ, the logit seen from the wrong
      class, for both classes at once. The loss of an example is then log(1 + e^m), with
      no label term, and its gradient with respect to θ is σ(m)·sᵢaᵢ.
    - exp, then + 1, give u = 1 + e^m in place; log u is the loss of each example, and
      (lr/n)/u = (lr/n)(1 - σ(m)) weighs its row in the step
      -(lr/n) Σ σ(mᵢ) sᵢaᵢ = Σ ((lr/n)/uᵢ) sᵢaᵢ - (lr/n) Σ sᵢaᵢ. (Not (lr/n)·e^m/u, which
      is NaN once e^m overflows.) ``back`` is that array with a row of ones below and the
      column -(lr/n) Σ sᵢaᵢ on the right, and the rows (lr/n)/u and log u end in the
      weights 1 and 0: so one matrix product gives the step, constant part included, and
      the summed loss.
    - The accuracy is one comparison with a threshold per example and one count: z >= 0
      predicts class 1, so the prediction is right where m <= 0 for class 1 and where
      m < 0 for class 0, and for a float, m < 0 is the same as m <= -5e-324.
    - The examples go in chunks of about ``_CHUNK`` values of the copy (a single chunk
      for small data), each with its own arrays, so that a chunk stays in the L2 cache
      from the first product to the second. The constant column goes with the last chunk
      and is zero in the others.
    - θ and the product share the array ``state``, so one assignment records both; the
      loss and the accuracy are computed only at recorded iterations.
    """
    n, d = X.shape
    scale = lr / n
    sign = 2.0 * y - 1.0
    threshold = np.where(y == 1, 0.0, np.nextafter(0.0, -1.0))
    hit = np.empty(n, dtype=bool)
    width = max(1, _CHUNK // (d + 2))
    width = -(-n // -(-n // width))  # chunks of equal width
    margins = np.empty(min(n, width) + 1)
    # state = [θ | back @ by_row]: the step is the first column of the product, the summed
    # loss the last entry of its second column.
    state = np.empty(d + 1 + 2 * (d + 2))
    product = state[d + 1 :].reshape(d + 2, 2)
    step, loss_at = product[: d + 1, 0], state.size - 1
    state[: d + 1] = theta
    now, v = state[: d + 1], state[:d]
    partial = np.empty_like(product)
    chunks = []
    for lo in range(0, n, width):
        hi = min(lo + width, n)
        back = np.zeros((d + 2, hi - lo + 1))
        np.multiply(X[lo:hi].T, sign[lo:hi], out=back[:d, :-1])
        if fit_intercept:
            back[d, :-1] = sign[lo:hi]  # else the bias row stays 0, and so does the bias
        back[d + 1, :-1] = 1.0
        per_example = np.zeros((2, hi - lo + 1))  # rows (lr/n)/u and log u, weights 1 and 0
        per_example[0, -1] = 1.0
        chunks.append(
            (
                back[: d + 1],  # whole rows, contiguous for BLAS; the last margin is unused
                margins[: hi - lo + 1],
                margins[: hi - lo],
                threshold[lo:hi],
                hit[lo:hi],
                per_example[0, :-1],
                per_example[1, :-1],
                back,
                per_example.T,
                partial if lo else None,  # chunks after the first add their product
            )
        )
    # The constant column -(lr/n) Σ sᵢaᵢ, in the last chunk (back is still its array).
    back[: d + 1, -1] = -scale * np.append(sign @ X, sign.sum() if fit_intercept else 0.0)

    n_records = -(-iterations // record_every) + 1
    recorded = np.empty((n_records, state.size))
    log_losses, corrects = [], []
    record_loss, record_correct = log_losses.append, corrects.append
    # The loss of the start point sets the limit; NaN until then, so that the first record
    # goes through the one test that is rarely true in the loop.
    limit = start = math.nan
    outer_errstate = np.geterr()
    shrink = np.append(np.full(d, 1.0 - lr * l2), 1.0)  # the intercept is not penalised
    one, scale0, half_l2 = np.array(1.0), np.array(scale), 0.5 * l2
    fast_floor, inf = _FAST_LOSS_FLOOR, math.inf
    dot, exp, add, log, divide = np.dot, np.exp, np.add, np.log, np.divide
    multiply, less_equal, count_nonzero = np.multiply, np.less_equal, np.count_nonzero
    value = state.item

    j = next_record = 0
    # e^m overflows to inf for m > 709; then (lr/n)/u = 0, the right limit, and the loss is
    # recomputed exactly. A NaN from weights that have blown up is caught at the next record.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for k in range(iterations + 1):
            if k != next_record:
                for signed, margins, margin, _, _, r, _, back, by_row, partial in chunks:
                    dot(now, signed, margins)
                    exp(margin, margin)
                    add(margin, one, margin)  # u = 1 + e^m
                    divide(scale0, margin, r)
                    if partial is None:
                        dot(back, by_row, product)
                    else:
                        dot(back, by_row, partial)
                        add(product, partial, product)
                if l2:
                    multiply(now, shrink, now)
                add(now, step, now)
                continue

            correct = 0
            for signed, margins, margin, threshold, hit, r, log_u, back, by_row, partial in chunks:
                dot(now, signed, margins)
                less_equal(margin, threshold, hit)
                correct += count_nonzero(hit)
                exp(margin, margin)
                add(margin, one, margin)
                log(margin, log_u)
                divide(scale0, margin, r)
                if partial is None:
                    dot(back, by_row, product)
                else:
                    dot(back, by_row, partial)
                    add(product, partial, product)
            log_loss = value(loss_at) / n
            if not fast_floor < log_loss < inf:
                log_loss = _exact_log_loss(X, now, y)
            recorded[j] = state
            record_loss(log_loss)
            record_correct(correct)
            loss = log_loss + half_l2 * float(dot(v, v)) if l2 else log_loss
            if not loss <= limit:
                if k == 0:
                    start = loss
                    limit = limit_factor * max(loss, math.log(2.0))
                if not loss <= limit:
                    raise Diverged(k, loss, start)
            if callback is not None:
                snapshot = _state(now, step, lr, l2, loss, correct, n)
                with np.errstate(**outer_errstate):
                    callback(k, snapshot)
            if k == iterations:
                break
            j += 1
            next_record += record_every
            if next_record > iterations:
                next_record = iterations
            if l2:
                multiply(now, shrink, now)
            add(now, step, now)
    theta[:] = now
    steps = recorded[:, d + 1 :].reshape(n_records, d + 2, 2)[:, : d + 1, 0]
    return recorded[:, : d + 1], steps, log_losses, corrects


def _descend_blocked(
    X, y, theta, *, lr, l2, fit_intercept, iterations, record_every, callback, limit_factor
):
    """The loop for large data, which only reads X; updates ``theta``.

    Returns ``(thetas, steps, log_losses, corrects)``, one entry per recorded iteration.
    X is read by two products per iteration; all the rest happens in place in small
    buffers made once:

    - The examples go in blocks of ``_BLOCK`` rows. A block of X and its two scratch rows
      fit in the L2 cache, so the second product with X and the ufuncs in between do not
      go back to main memory (the floor in ``benchmarks/training.py`` reads X twice).
    - With θ = (v, c) = (-w, -b), ``X @ v + c`` is -z and ``np.exp`` of it is e^(-z), the
      quantity in σ(z) = 1 / (1 + e^(-z)), with no negation pass. v and c share one array,
      so one ufunc updates both.
    - The label terms are sums that do not change: the gradient Xᵀ(σ - y) is Xᵀσ - Xᵀy,
      and the loss term Σ (1 - y) z is (Xᵀ(1 - y)) · w + n₀ b. They are computed once, so
      y is not read inside the loop.
    - The step size is folded into the sigmoid: ``np.divide(lr/n, 1 + e^(-z))`` gives
      (lr/n) σ(z), and its product with X is then the step itself.
    - Constants are 0-d arrays, which ufuncs take faster than Python floats.
    - The loss and the accuracy are computed only at recorded iterations.
    """
    n, d = X.shape
    scale = lr / n
    # θ = (v, c) and the step, lr times the gradient of the mean log-loss with respect to
    # (w, b), side by side so that one assignment records both.
    state = np.zeros(2 * (d + 1))
    theta_now, step = state[: d + 1], state[d + 1 :]
    theta_now[:] = theta
    v, c = theta_now[:d], theta_now[d:].reshape(())  # views into θ
    step_v = step[:d]
    partial = np.empty(d)
    size = min(n, _BLOCK)
    ones = np.ones(size)
    hit = np.empty(size, dtype=bool)
    is_one = y.astype(bool)
    planned, spread = _blocks(X, v, size)
    blocks = [
        (
            X_block,
            products,
            scratch,
            lo,
            ones[: len(X_block)],
            hit[: len(X_block)],
            is_one[lo : lo + len(X_block)],
        )
        for X_block, products, scratch, lo in planned
    ]
    # Subtracted from the step: (lr/n) (Xᵀy, Σy), the label part of the gradient.
    label_step = scale * np.append(y @ X, y.sum())
    # -(Xᵀ(1 - y), n₀) · θ = Σ (1 - y) z, the label part of the loss.
    zero_class = np.append((1.0 - y) @ X, n - y.sum())
    if not fit_intercept:
        label_step[d] = zero_class[d] = 0.0
    one, zero, scale0 = np.array(1.0), np.array(0.0), np.array(scale)
    shrink = np.append(np.full(d, 1.0 - lr * l2), 1.0)  # the intercept is not penalised

    n_records = -(-iterations // record_every) + 1
    recorded = np.empty((n_records, state.size))
    log_losses, corrects = [], []
    limit = start = math.nan
    outer_errstate = np.geterr()
    dot, exp, add, divide, subtract = np.dot, np.exp, np.add, np.divide, np.subtract
    log, multiply, less_equal, equal = np.log, np.multiply, np.less_equal, np.equal
    count_nonzero, copyto, add_reduce = np.count_nonzero, np.copyto, np.add.reduce

    j = next_record = 0
    # e^(-z) overflows to inf for z < -709; then σ(z) = 1 / (1 + inf) = 0 is still right.
    # A NaN from weights that have blown up is caught at the next record, not warned about.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for k in range(iterations + 1):
            if spread is not None:
                copyto(spread, v)
            bias_step = 0.0
            if k != next_record:
                for X_block, products, (t, _), lo, *_ in blocks:
                    for left, right, out in products:
                        dot(left, right, out)  # -z (without the intercept)
                    add(t, c, t)
                    exp(t, t)
                    add(t, one, t)
                    divide(scale0, t, t)  # (lr/n) σ(z)
                    dot(t, X_block, partial if lo else step_v)
                    if lo:
                        add(step_v, partial, step_v)
                    if fit_intercept:
                        # Not a BLAS dot with ones: OpenBLAS spreads dot products of more
                        # than 10^4 values over threads, which stall on a busy machine.
                        bias_step += add_reduce(t)
                step[d] = bias_step
                subtract(step, label_step, step)
                if l2:
                    multiply(theta_now, shrink, theta_now)
                add(theta_now, step, theta_now)
                continue

            log_u_sum = 0.0
            correct = 0
            for X_block, products, scratch, lo, ones_b, hit_b, is_one_b in blocks:
                neg_z, r = scratch
                for left, right, out in products:
                    dot(left, right, out)
                add(neg_z, c, neg_z)
                less_equal(neg_z, zero, hit_b)  # predicted class 1 where z >= 0
                equal(hit_b, is_one_b, hit_b)
                correct += count_nonzero(hit_b)
                exp(neg_z, r)
                add(r, one, r)
                log(r, neg_z)  # log(1 + e^(-z)), a term of the loss
                divide(scale0, r, r)
                dot(r, X_block, partial if lo else step_v)
                if lo:
                    add(step_v, partial, step_v)
                block_log_u, block_r = dot(scratch, ones_b).tolist()
                log_u_sum += block_log_u
                bias_step += block_r
            step[d] = bias_step if fit_intercept else 0.0
            subtract(step, label_step, step)
            # log(1 + e^z) - y z = log(1 + e^(-z)) + (1 - y) z, summed over the examples.
            log_loss = (log_u_sum - float(dot(zero_class, theta_now))) / n
            if not _FAST_LOSS_FLOOR < log_loss < math.inf:
                log_loss = _exact_log_loss(X, theta_now, y)
            recorded[j] = state
            log_losses.append(log_loss)
            corrects.append(correct)
            loss = log_loss + 0.5 * l2 * float(dot(v, v)) if l2 else log_loss
            if k == 0:
                start = loss
                limit = limit_factor * max(loss, math.log(2.0))
            if not loss <= limit:
                raise Diverged(k, loss, start)
            if callback is not None:
                snapshot = _state(theta_now, step, lr, l2, loss, correct, n)
                with np.errstate(**outer_errstate):
                    callback(k, snapshot)
            j += 1
            next_record = min(k + record_every, iterations)
            if k == iterations:
                break
            if l2:
                multiply(theta_now, shrink, theta_now)
            add(theta_now, step, theta_now)
    theta[:] = theta_now
    return recorded[:, : d + 1], recorded[:, d + 1 :], log_losses, corrects
