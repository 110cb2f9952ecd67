"""Chapter 4's predictions (predict, then run) and its closing self-check questions.

Every outcome and every key that is a computation is computed here with the package, on the
chapter's own data (``make_seed_data(1000, seed=0)``, and the same points with 10% of the
labels flipped), so the text can never drift from the numbers.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks.predictions import Prediction, guess_is
from sigmoid_lab.checks.selfcheck import Option, Question
from sigmoid_lab.data import make_seed_data, split_train_test
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.likelihood import descent_path, log_loss_hessian
from sigmoid_lab.losses import naive_binary_cross_entropy
from sigmoid_lab.training import safe_learning_rate, train

__all__ = ["PREDICTIONS", "SELF_CHECK"]


# ---------------------------------------------------------------- computed once


@cache
def _data(label_noise: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    return make_seed_data(1000, seed=0, label_noise=label_noise)


@cache
def _rises_at_lr_30() -> dict[str, object]:
    """Training with lr = 30 for 300 steps, on the article's data and with flipped labels."""
    out: dict[str, object] = {}
    for name, noise in (("clean", 0.0), ("noisy", 0.1)):
        X, y = _data(noise)
        loss = train(X, y, lr=30.0, iterations=300).history["loss"]
        out[name] = {
            "rises": int(np.sum(np.diff(loss) > 1e-12)),
            "first": float(loss[0]),
            "last": float(loss[-1]),
        }
    X, y = _data()
    out["times_one_over_L"] = 30.0 * float(1.0 / safe_learning_rate(X))
    path = descent_path(X, y, lr=30.0, iterations=300)
    local = [30.0 * float(np.linalg.eigvalsh(log_loss_hessian(row, X))[-1]) for row in path]
    out["local"] = {"start": local[0], "after": max(local[1:])}
    return out


@cache
def _five_starts() -> dict[str, float]:
    """Five random starts, 2000 steps of 1/L on the article's data with L2 = 0.01."""
    X, y = _data()
    starts = np.random.default_rng(2).normal(scale=5.0, size=(5, 3))
    ends = []
    for start in starts:
        run = train(X, y, lr="auto", iterations=2000, l2=0.01, init=start, record_every=2000)
        ends.append(np.append(run.weights, run.bias))
    ends = np.array(ends)
    away = np.linalg.norm(starts - ends, axis=1)
    return {
        "spread": float(np.abs(ends - ends[0]).max()),
        "nearest": float(away.min()),
        "farthest": float(away.max()),
        "w1": float(ends[0][0]),
        "w2": float(ends[0][1]),
        "b": float(ends[0][2]),
    }


def _lr_30_diverges() -> bool:
    return _rises_at_lr_30()["clean"]["rises"] > 0


def _explain_lr_30(outcome: object) -> str:
    numbers = _rises_at_lr_30()
    clean, noisy, local = numbers["clean"], numbers["noisy"], numbers["local"]
    return _(
        "On the article's data the loss rises at {rises} of the 300 steps: it "
        "falls from {first:.3f} to {last:.4f}, although lr = 30 is "
        "{times:.2f}/L, beyond the guaranteed 2/L. The bound L "
        "assumes the largest curvature, p(1 − p) = ¼ at every point; the data are "
        "separable, the weights grow, the probabilities move towards 0 and 1, and the "
        "actual curvature shrinks: 30 times the largest eigenvalue of the Hessian is "
        "{start:.2f} at the start, and at most {after:.3f} at every later "
        "step, below 2. With 10% of the "
        "labels flipped the loss has a minimum, the curvature stays, and the same step makes "
        "the loss rise at {noisy_rises} of the 300 steps."
    ).format(
        rises=clean["rises"],
        first=clean["first"],
        last=clean["last"],
        times=numbers["times_one_over_L"],
        start=local["start"],
        after=local["after"],
        noisy_rises=noisy["rises"],
    )


def _same_end() -> bool:
    return _five_starts()["spread"] < 1e-8


def _explain_same_end(outcome: object) -> str:
    numbers = _five_starts()
    if numbers["spread"] == 0:
        text = _(
            "The five starts lie {nearest:.1f} to {farthest:.1f} away from where they end, "
            "and the five ends, (w₁, w₂, b) = ({w1:.4f}, {w2:.4f}, {b:.4f}), are equal to the "
            "last bit. With the L2 penalty the mean log-loss is convex and its Hessian "
            "positive definite, so it has exactly one minimiser, and gradient descent with a "
            "safe step reaches it from every start."
        )
    else:
        text = _(
            "The five starts lie {nearest:.1f} to {farthest:.1f} away from where they end, "
            "and the five ends, (w₁, w₂, b) = ({w1:.4f}, {w2:.4f}, {b:.4f}), differ by at "
            "most {spread:.1e}. With the L2 penalty the mean log-loss is convex and its "
            "Hessian positive definite, so it has exactly one minimiser, and gradient descent "
            "with a safe step reaches it from every start."
        )
    return text.format(**numbers)


PREDICTIONS: dict[str, Prediction] = {
    prediction.key: prediction
    for prediction in (
        Prediction(
            "ch4-same-end",
            N_(
                "The article starts from random weights. Start gradient descent from five "
                "random points instead of one, (w₁, w₂, b) drawn with a standard deviation of "
                "5, and run 2000 steps on the article's data with a small L2 penalty "
                "(l2 = 0.01). Do the five runs end at the same (w₁, w₂, b), to 8 decimal "
                "places?"
            ),
            outcome=_same_end,
            explanation=_explain_same_end,
            kind="yes/no",
            hints=(
                (
                    guess_is("false", "no", "n"),
                    N_(
                        "Several valleys, each catching the runs that start near it, are what a "
                        "non-convex loss has, like the squared error through σ; the log-loss "
                        "curves upwards in every direction."
                    ),
                ),
            ),
        ),
        Prediction(
            "ch4-lr-30",
            N_(
                "On the article's data, lr = 30 is far beyond 2/L, the largest step that is "
                "guaranteed to lower the loss (section 4.5). Train for 300 steps with lr = 30. "
                "Does the loss rise at any of the 300 steps?"
            ),
            outcome=_lr_30_diverges,
            explanation=_explain_lr_30,
            kind="yes/no",
            hints=(
                (
                    guess_is("true", "yes", "y"),
                    N_(
                        "2/L is a guarantee, not a cliff: below it every step lowers the loss, "
                        "on any data; above it nothing is promised either way."
                    ),
                ),
            ),
        ),
    )
}


# ---------------------------------------------------------------- check yourself


def _broadcast_shape() -> int:
    shape = (np.zeros((1000, 1)) - np.zeros(1000)).shape
    return {(1000,): 0, (1000, 1): 1, (1000, 1000): 2}.get(shape, 3)


def _which_derivative() -> int:
    """The option that matches a central difference of the log-loss in z."""
    z = np.linspace(-6.0, 6.0, 25)
    h = 1e-6
    options = (
        lambda z, y: sigmoid(z) - y,
        lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)),
        lambda z, y: y - sigmoid(z),
        lambda z, y: (sigmoid(z) - y) / (sigmoid(z) * (1 - sigmoid(z))),
    )
    matches = []
    for y in (0, 1):
        numeric = (np.logaddexp(0, z + h) - y * (z + h) - np.logaddexp(0, z - h) + y * (z - h)) / (
            2 * h
        )
        matches.append({i for i, f in enumerate(options) if np.allclose(f(z, y), numeric)})
    (index,) = set.intersection(*matches)
    return index


def _lr_30_option() -> int:
    """Option 1 if lr = 30 is beyond 2/L yet never raises the loss, and the local
    curvature times 30 ends below 2 on the article's data."""
    X, y = _data()
    beyond = 30.0 > 2.0 * safe_learning_rate(X)
    run = train(X, y, lr=30.0, iterations=300)
    params = np.append(run.weights, run.bias)
    local = 30.0 * np.linalg.eigvalsh(log_loss_hessian(params, X))[-1]
    never_rises = not np.any(np.diff(run.history["loss"]) > 1e-12)
    return 1 if (beyond and never_rises and local < 2.0) else 0


def _separable_option() -> int:
    """Option 1 if ‖w‖ keeps growing and the loss keeps falling over the decades."""
    X, y = _data()
    norms, losses = [], []
    for iterations in (100, 1000, 10_000):
        run = train(X, y, lr="auto", iterations=iterations, record_every=iterations)
        norms.append(float(np.linalg.norm(run.weights)))
        losses.append(float(run.history["loss"][-1]))
    growing = norms[0] < norms[1] < norms[2] and losses[0] > losses[1] > losses[2]
    return 1 if growing else 0


def _textbook_option() -> int:
    with np.errstate(divide="ignore", invalid="ignore"):
        value = naive_binary_cross_entropy(sigmoid(np.array([40.0])), np.array([1]))
    if np.isnan(value):
        return 2
    if np.isinf(value):
        return 3
    return 1 if value == 0 else 0


def _training_mean_option() -> int:
    """Option 0 if the mean of p equals the mean of y on the training half, even where
    the model is miscalibrated (flipped labels)."""
    X, y = make_seed_data(4000, seed=1, label_noise=0.1)
    X_train, _, y_train, _ = split_train_test(X, y, test_fraction=0.5, seed=0, stratify=True)
    fit = train(X_train, y_train, lr="auto", iterations=5000)
    gap = abs(float(fit.predict_proba(X_train).mean() - y_train.mean()))
    return 0 if gap < 1e-6 else 1


SELF_CHECK: tuple[Question, ...] = (
    Question(
        "ch4-broadcast",
        "In the article's code, `hypothesis` has shape (1000, 1) and `y` has shape (1000,). "
        "What is the shape of `hypothesis - y`?",
        options=(
            Option(
                "(1000,)",
                False,
                "NumPy does not drop the column's length-1 axis; it stretches it. The "
                "shapes line up from the right: (1000, 1) against (1, 1000).",
            ),
            Option(
                "(1000, 1)",
                False,
                "That would be the result if y were a column too, y.reshape(-1, 1). A flat "
                "(1000,) array counts as a row, (1, 1000).",
            ),
            Option(
                "(1000, 1000)",
                True,
                "Lined up from the right, (1000, 1) and (1, 1000) both stretch to "
                "(1000, 1000): every prediction minus every label. Only the diagonal means "
                "anything, and no error is raised.",
            ),
            Option(
                "An error: the shapes differ",
                False,
                "Shapes that differ are an error only when an axis has two lengths other "
                "than 1; here each length-1 axis stretches, so NumPy computes without a word.",
            ),
        ),
        verify=_broadcast_shape,
    ),
    Question(
        "ch4-sigma-prime",
        "For one example, the log-loss is ℓ = −[y·log σ(z) + (1 − y)·log(1 − σ(z))]. What "
        "is ∂ℓ/∂z?",
        options=(
            Option(
                "σ(z) − y",
                True,
                "∂ℓ/∂p = (p − y)/(p(1 − p)), and the chain rule multiplies it by "
                "σ′(z) = p(1 − p), which cancels: σ′ never multiplies this gradient, so a "
                "confident mistake still gets a gradient near ±1.",
            ),
            Option(
                "(σ(z) − y)·σ′(z)",
                False,
                "That is the derivative of the squared error ½(σ(z) − y)², where σ′ stays "
                "and a confident mistake gets almost no gradient.",
            ),
            Option(
                "y − σ(z)",
                False,
                "A sign slip: raising z raises σ(z), which lowers the loss when y = 1, so the "
                "derivative is negative there: σ(z) − 1 < 0.",
            ),
            Option(
                "(σ(z) − y)/(σ(z)(1 − σ(z)))",
                False,
                "That is ∂ℓ/∂p, the derivative with respect to p: the chain-rule factor "
                "∂p/∂z = σ(z)(1 − σ(z)) is missing.",
            ),
        ),
        verify=_which_derivative,
    ),
    Question(
        "ch4-beyond-2-over-L",
        "On the article's data, lr = 30 is beyond 2/L, yet the loss falls at every one of "
        "300 steps. What does that show?",
        options=(
            Option(
                "The bound 2/L is wrong",
                False,
                "The descent lemma is a theorem: every step below 2/L lowers the loss. It "
                "says nothing about larger steps, so this run does not contradict it.",
            ),
            Option(
                "2/L is sufficient, not necessary: the actual curvature is smaller than L",
                True,
                "L assumes p(1 − p) = ¼ at every point. As the weights grow on separable "
                "data the probabilities move towards 0 and 1 and the curvature shrinks; "
                "after 300 steps, 30 times the largest curvature is below 2.",
            ),
            Option(
                "Large steps are always safe for a convex loss",
                False,
                "Convexity does not prevent overshooting: with 10% of the labels flipped the "
                "same step makes the loss rise at many steps (section 4.8).",
            ),
            Option(
                "The loss has no curvature on separable data",
                False,
                "Each example's curvature p(1 − p) is positive at every finite z; it only "
                "shrinks as the probabilities approach 0 and 1.",
            ),
        ),
        verify=_lr_30_option,
    ),
    Question(
        "ch4-separable",
        "A line separates the two classes perfectly, and there is no L2 penalty. What "
        "happens to the weights ‖w‖ as gradient descent runs on?",
        options=(
            Option(
                "They settle at the unique minimiser",
                False,
                "There is no minimiser to settle at: scaling the weights up keeps every "
                "point on its side and lowers every loss, so the loss has no lowest point.",
            ),
            Option(
                "They grow without bound while the loss creeps towards 0",
                True,
                "Each larger ‖w‖ pushes the probabilities closer to 0 and 1 and lowers the "
                "loss; L2 regularisation or stopping early keeps the weights finite.",
            ),
            Option(
                "They shrink towards 0",
                False,
                "Shrinking the weights moves every probability towards ½, which raises the "
                "loss of points that are already right.",
            ),
            Option(
                "They oscillate, because the step is too large",
                False,
                "With a step below 2/L the loss falls at every step, so nothing oscillates; "
                "the weights keep growing over the decades of iterations (section 4.9).",
            ),
        ),
        verify=_separable_option,
    ),
    Question(
        "ch4-textbook-loss",
        "In float64, σ(40) computed as 1/(1 + e⁻⁴⁰) is exactly 1.0. What does the textbook "
        "loss −[y·log p + (1 − y)·log(1 − p)] give at p = σ(40) for y = 1?",
        options=(
            Option(
                "About 4.2e-18, the right loss",
                False,
                "That is log(1 + e⁻⁴⁰), computed from the logit; from p = 1.0 it cannot be "
                "recovered, since 1 − p is 0.",
            ),
            Option(
                "0.0",
                False,
                "y·log p is 0, but (1 − y)·log(1 − p) is 0·log 0 = 0·(−inf), which is not 0 "
                "in floating point.",
            ),
            Option(
                "nan",
                True,
                "log(1 − p) = log 0 = −inf, and 0·(−inf) is nan: the term that should "
                "vanish poisons the sum. The loss from the logit has no such term.",
            ),
            Option(
                "−inf",
                False,
                "−inf comes from log 0, but it is multiplied by 1 − y = 0, which gives nan, "
                "not −inf.",
            ),
        ),
        verify=_textbook_option,
    ),
    Question(
        "ch4-training-mean",
        "Logistic regression with a bias, trained to convergence. On its training data, "
        "what is the mean predicted probability minus the share of label 1?",
        options=(
            Option(
                "0, whatever the data",
                True,
                "At the minimum the gradient is 0, and its bias component is mean(σ(z) − y): "
                "so mean(p) = mean(y) by construction, calibrated or not. Check calibration "
                "on held-out data.",
            ),
            Option(
                "0 only if the model is calibrated",
                False,
                "It is 0 for any such model, even one that no σ(w·x + b) can make "
                "calibrated, such as the flipped labels of section 4.12.",
            ),
            Option(
                "Positive, because σ(z) overestimates",
                False,
                "Nothing makes σ overestimate: the bias's gradient sets the two means equal.",
            ),
            Option(
                "It depends on the learning rate",
                False,
                "The learning rate changes how fast the minimum is reached, not the minimum: "
                "there the bias's gradient, mean(σ(z) − y), is 0.",
            ),
        ),
        verify=_training_mean_option,
    ),
)
