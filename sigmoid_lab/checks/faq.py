"""Checkers for chapter 6: softmax and its cross-entropy, multi-label outputs and gates.

* :func:`check_two_class_softmax` (on paper): softmax's first probability of two classes,
  written as a sigmoid of one number, σ(z₁ − z₂);
* :func:`check_softmax_cross_entropy`: a softmax and a categorical cross-entropy that stay
  right at logits such as 1000 (in :mod:`sigmoid_lab.checks.softmax`, importable from here);
* :func:`check_multilabel_predict`: independent label probabilities, and the True/False
  decisions made from them;
* :func:`check_gated_update`: a GRU-style update gate, σ(g)·candidate + (1 − σ(g))·old;
* :func:`check_gate_half_life` (on paper): how many steps a gate keeps half of its memory.

Each reports the first case where the answer is wrong (never a case where it is right),
names the mistake it looks like, and translates Python's and NumPy's errors with
:func:`~sigmoid_lab.checks._core.describe_error`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks._core import (
    REPLACE_CODE,
    CheckResult,
    NotAttempted,
    call_learner,
    correct,
    first_mistake,
    is_placeholder,
    not_attempted,
    numbers_text,
    overflow_warning,
    require_callable,
    wrong,
)
from sigmoid_lab.checks._several import returned_values, then_mistake
from sigmoid_lab.checks._tails import EXP_OVERFLOW, SILENCED, agrees, show
from sigmoid_lab.checks.softmax import check_softmax_cross_entropy
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.softmax import softmax

__all__ = [
    "check_gate_half_life",
    "check_gated_update",
    "check_multilabel_predict",
    "check_softmax_cross_entropy",
    "check_two_class_softmax",
]

_LN2 = math.log(2.0)

# Sentences in this module are looked up when a message is made (sl.set_language may have
# changed the language since import); module constants are marked with N_ and passed
# through _ where they are used.


# ------------------------------------------------------------------ Exercise 1 (on paper)

# Pairs (z₁, z₂) in reading order. z₂ ≠ 0 in the first ones, so an answer that forgets z₂
# is shown wrong at once; the last ones are equal logits, where many slips are right.
_PAIRS = [(1.0, 2.0), (0.5, -1.5), (-2.0, 1.0), (3.0, -0.5), (-1.0, -4.0), (2.0, 0.0)]
_GRID = np.linspace(-8.0, 8.0, 17)
_PAIRS += [(a, b) for a in _GRID for b in _GRID if (a, b) not in _PAIRS]
# Large logits: the textbook e^(z₁)/(e^(z₁) + e^(z₂)) gives inf/inf at (1000, 1000) and
# 0/0 at (−1000, −1000); at (−740, 0) the answer is the subnormal σ(−740) = 4.2e-322, and
# at (−40, 0) it is 4.2e-18, which 1 − σ(40) gives as 0 (σ(40) rounds to 1.0).
_PAIR_TAIL = [
    (1000.0, 1000.0),
    (-1000.0, -1000.0),
    (1000.0, 0.0),
    (0.0, 1000.0),
    (1000.0, 999.0),
    (-40.0, 0.0),
    (-740.0, 0.0),
    (0.0, -740.0),
]


def _two_class(z1, z2) -> np.ndarray:
    return softmax(np.stack([z1, z2], axis=-1))[..., 0]


def check_two_class_softmax(first_probability: Callable) -> CheckResult:
    """Check the formula for p₁ = softmax([z₁, z₂])₁ written as a sigmoid: σ(z₁ − z₂).

    ``first_probability(z1, z2)`` is called with arrays of logits (289 ordinary pairs, then
    one pair at a time up to ±1000) and compared with the package's softmax. Any correct
    form passes; the textbook e^(z₁)/(e^(z₁) + e^(z₂)) fails at large logits.

    Names these mistakes: σ(z₂ − z₁) (a sign slip: that is p₂), σ(z₁) (z₂ forgotten),
    σ(z₁ + z₂), σ(z₁)/(σ(z₁) + σ(z₂)) (normalised sigmoids), σ(z₁) − σ(z₂), a factor 2 or ½
    in the argument, the overflow of the textbook form, and softmax taken along the wrong
    axis.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_two_class_softmax(lambda z1, z2: sigmoid(z1 - z2)).passed
    True
    """
    exercise = _("two classes make a sigmoid")
    if is_placeholder(first_probability):
        return not_attempted(
            exercise, _("Replace `...` with your formula, for example lambda z1, z2: …")
        )
    require_callable(first_probability, "check_two_class_softmax", "lambda z1, z2: …")
    z1 = np.array([a for a, _ in _PAIRS])
    z2 = np.array([b for _, b in _PAIRS])
    who = "first_probability(z1, z2)"
    hint = _("z1 and z2 are arrays of the same shape; combine them element by element.")
    try:
        call = call_learner(first_probability, z1.copy(), z2.copy())
    except NotAttempted:
        return not_attempted(exercise, _("Replace `raise NotImplementedError` with your formula"))
    got = returned_values(call, exercise, who, hint)
    if isinstance(got, CheckResult):
        return got
    if got.shape != z1.shape:
        return wrong(
            exercise,
            _(
                "For arrays z1 and z2 of shape {shape} your function returned shape {got}: "
                "return one probability per pair, element by element."
            ).format(shape=z1.shape, got=got.shape),
        )
    expected = _two_class(z1, z2)
    good = np.isclose(got, expected, rtol=1e-9, atol=0.0)
    if not good.all():
        i = int(np.argmin(good))
        where = _(
            "At z1 = {z1:g}, z2 = {z2:g} your function returns {value}, "
            "but p₁ = e^(z₁)/(e^(z₁) + e^(z₂)) = {p}."
        ).format(z1=z1[i], z2=z2[i], value=show(float(got[i])), p=show(float(expected[i])))
        mistake = first_mistake(
            got,
            [
                (
                    lambda: sigmoid(z2 - z1),
                    _(
                        "A sign slip: σ(z₂ − z₁) is p₂, the probability of the second class. "
                        "p₁ must grow as z₁ grows."
                    ),
                ),
                (
                    lambda: sigmoid(z1),
                    _(
                        "z₂ is missing: σ(z₁) equals p₁ only when z₂ = 0. Divide the numerator "
                        "and the denominator of p₁ by e^(z₁) and keep both logits."
                    ),
                ),
                (
                    lambda: sigmoid(z1 + z2),
                    _(
                        "A sign slip inside: dividing e^(z₁)/(e^(z₁) + e^(z₂)) by e^(z₁) leaves "
                        "e^(z₂ − z₁) in the denominator, not e^(−z₁ − z₂)."
                    ),
                ),
                (
                    lambda: sigmoid(z1) / (sigmoid(z1) + sigmoid(z2)),
                    _(
                        "Normalised sigmoids are not softmax: σ(z₁)/(σ(z₁) + σ(z₂)) is a "
                        "different number from e^(z₁)/(e^(z₁) + e^(z₂)). Start from softmax's "
                        "definition."
                    ),
                ),
                (
                    lambda: sigmoid(z1) - sigmoid(z2),
                    _(
                        "That is a difference of two sigmoids, which can be negative; p₁ is "
                        "the sigmoid of one number."
                    ),
                ),
                (
                    lambda: sigmoid(2 * (z1 - z2)),
                    _(
                        "A factor 2 too many: σ(2(z₁ − z₂)), which (1 + tanh(z₁ − z₂))/2 also "
                        "gives. The identity is (1 + tanh(u/2))/2 = σ(u)."
                    ),
                ),
                (
                    lambda: sigmoid((z1 - z2) / 2),
                    _(
                        "A factor ½ too few: σ((z₁ − z₂)/2). Check the step that divides by "
                        "e^(z₁)."
                    ),
                ),
                (
                    lambda: softmax(np.stack([z1, z2]))[0],
                    _(
                        "That is softmax along the wrong axis: [z1, z2] (or np.stack) puts the "
                        "two classes along axis 0, and softmax normalises along the last axis, "
                        "over the pairs. Write p₁ with sl.sigmoid instead."
                    ),
                ),
            ],
        )
        return wrong(exercise, then_mistake(where, mistake))
    for a, b in _PAIR_TAIL:
        call = call_learner(first_probability, np.array([a]), np.array([b]))
        value = returned_values(call, exercise, who, hint)
        if isinstance(value, CheckResult):
            return value
        value = float(np.ravel(value)[0]) if value.size == 1 else math.nan
        true = float(_two_class(np.array([a]), np.array([b]))[0])
        overflow = overflow_warning(call)
        if math.isnan(value):
            return wrong(
                exercise,
                _(
                    "At z1 = {z1:g}, z2 = {z2:g} your function returns nan, but p₁ = {p}: "
                    "e^1000 overflows to inf in float64 (exp overflows above 709.78), and "
                    "inf/inf (or 0/0 when both exponentials round to 0) is nan. Divide the "
                    "numerator and the denominator by e^(z₁): what is left is a sigmoid of one "
                    "number, and sl.sigmoid never overflows."
                ).format(z1=a, z2=b, p=show(true)),
            )
        if overflow:
            return wrong(
                exercise,
                _(
                    "At z1 = {z1:g}, z2 = {z2:g} your function warns '{warning}': e^1000 is inf "
                    "in float64. Write p₁ as a sigmoid of one number and compute it with "
                    "sl.sigmoid, which never exponentiates a positive number."
                ).format(z1=a, z2=b, warning=overflow),
            )
        if not agrees(value, true, rtol=1e-9):
            if value == 0.0 and true > 0 and abs(b - a) < EXP_OVERFLOW:
                # e^40 is finite, so a 0 at z₂ − z₁ = 40 is a cancellation, not an overflow.
                message = _(
                    "At z1 = {z1:g}, z2 = {z2:g} your function returns {value}, but p₁ = {p}, "
                    "which a float64 holds. Something rounded to exactly 0 that is not 0: "
                    "1 − σ(z₂ − z₁), or 1 + tanh(…), subtracts nearly equal numbers, and "
                    "σ({difference:g}) rounds to 1.0. Write p₁ as sl.sigmoid of one number, "
                    "with no subtraction from 1."
                )
            elif value == 0.0 and true > 0:
                message = _(
                    "At z1 = {z1:g}, z2 = {z2:g} your function returns {value}, but p₁ = {p}, "
                    "which a float64 holds. A step overflowed (e^x is inf for x above "
                    "{limit:.2f}) and 1/inf gave 0.0. {silenced} Use sl.sigmoid."
                )
            else:
                message = _(
                    "At z1 = {z1:g}, z2 = {z2:g} your function returns {value}, but p₁ = {p}."
                )
            return wrong(
                exercise,
                message.format(
                    z1=a,
                    z2=b,
                    value=show(value),
                    p=show(true),
                    difference=b - a,
                    limit=EXP_OVERFLOW,
                    silenced=_(SILENCED),
                ),
            )
        if call.warnings:
            return wrong(
                exercise,
                _("At z1 = {z1:g}, z2 = {z2:g} your function warns '{warning}'.").format(
                    z1=a, z2=b, warning=call.warnings[0]
                ),
            )
    return correct(
        exercise,
        _(
            "p₁ = σ(z₁ − z₂) on 289 pairs of logits and up to ±1000: only the difference of the "
            "two logits matters, so adding the same number to both changes nothing."
        ),
    )


# ------------------------------------------------------------------ Exercise 3

# Four photos, four labels. Square on purpose: thresholds lined up with the photos instead
# of the labels give no error, only wrong answers, and the checker names that.
_PHOTOS = np.array(
    [
        [2.0, 1.5, -3.0, 0.3],  # two labels clearly present, a third weakly
        [-2.0, -0.1, -4.0, -1.0],  # none
        [1.0, 2.0, 2.2, 1.9],  # every label; softmax spreads them below ½
        [-0.2, 0.1, 2.5, -1.5],
    ]
)
# One threshold, a stricter one, then one per label (shape (labels,)).
_THRESHOLDS = (0.5, 0.8, np.array([0.5, 0.9, 0.2, 0.5]))
_THRESHOLD_HINT = N_(
    "threshold is one number or one per label, shape (labels,); compared with an array of "
    "shape (photos, labels) it lines up with the last axis, the labels, as it is."
)


def _shown_threshold(threshold) -> str:
    return numbers_text(threshold) if np.ndim(threshold) else f"{threshold:g}"


def _probabilities_problem(label_probabilities, exercise: str) -> CheckResult | None:
    logits = _PHOTOS.copy()
    call = call_learner(label_probabilities, logits)
    got = returned_values(call, exercise, "label_probabilities(logits)", _(_THRESHOLD_HINT))
    if isinstance(got, CheckResult):
        return got
    if got.dtype == bool or (got.size and np.isin(got, (0.0, 1.0)).all()):
        return wrong(
            exercise,
            _(
                "label_probabilities returns True/False (or 0/1) values where probabilities "
                "are asked: return P(label present) itself, a number between 0 and 1 for each "
                "photo and label; predict_labels applies the threshold."
            ),
        )
    if got.shape != logits.shape:
        return wrong(
            exercise,
            _(
                "For logits of shape {shape} (photos, labels) label_probabilities returned "
                "shape {got}: return one probability per photo and label."
            ).format(shape=logits.shape, got=got.shape),
        )
    expected = sigmoid(logits)
    good = np.isclose(got, expected, rtol=1e-9, atol=0.0)
    if good.all():
        return None
    photo, label = np.unravel_index(int(np.argmin(good)), good.shape)
    where = _(
        "For photo {photo}, label {label} (logit {logit:g}) label_probabilities returns "
        "{value}, but P = {p}."
    ).format(
        photo=photo + 1,
        label=label + 1,
        logit=logits[photo, label],
        value=show(float(got[photo, label])),
        p=show(float(expected[photo, label])),
    )
    mistake = first_mistake(
        got,
        [
            (
                lambda: softmax(logits),
                _(
                    "That is softmax: its outputs compete for a total of 1, so photo 3, whose "
                    "four logits are all clearly positive, gets no probability above ½. Labels "
                    "that can all be present need one independent sigmoid each."
                ),
            ),
            (
                lambda: softmax(logits, axis=0),
                _(
                    "That is softmax over the photos (axis 0): the photos compete for each "
                    "label. Labels that can all be present need one independent sigmoid each."
                ),
            ),
            (
                lambda: logits,
                _("These are the logits themselves, which can be any number: apply σ."),
            ),
            (
                lambda: sigmoid(-logits),
                _("A sign slip: σ(−z) is the probability that the label is absent."),
            ),
            (
                lambda: sigmoid(logits) / sigmoid(logits).sum(axis=1, keepdims=True),
                _(
                    "Dividing the sigmoids by their row sum makes the labels compete, as "
                    "softmax does; each label's σ(z) is its probability as it is."
                ),
            ),
        ],
    )
    return wrong(exercise, then_mistake(where, mistake))


def _predictions_problem(predict_labels, exercise: str, threshold) -> CheckResult | None:
    logits = _PHOTOS.copy()
    shown = _shown_threshold(threshold)
    call = call_learner(predict_labels, logits, threshold)
    who = f"predict_labels(logits, threshold={shown})"
    got = returned_values(call, exercise, who, _(_THRESHOLD_HINT))
    if isinstance(got, CheckResult):
        return got
    probabilities = sigmoid(logits)
    if got.shape == logits.shape[:1]:
        return wrong(
            exercise,
            _(
                "With threshold = {threshold} predict_labels returns one answer per photo "
                "(shape {got}): that is single-label thinking (argmax). Multi-label means one "
                "True/False per photo and label: shape {shape}."
            ).format(threshold=shown, got=got.shape, shape=logits.shape),
        )
    if got.shape != logits.shape:
        return wrong(
            exercise,
            _(
                "With threshold = {threshold} predict_labels returns shape {got}; return one "
                "True/False per photo and label, shape {shape}."
            ).format(threshold=shown, got=got.shape, shape=logits.shape),
        )
    if got.dtype != bool and not np.isin(got, (0.0, 1.0)).all():
        if np.allclose(got, probabilities):
            message = _(
                "With threshold = {threshold} predict_labels returns numbers (these are the "
                "probabilities σ(logits)) where True/False decisions are asked: compare the "
                "probabilities with threshold, which gives True/False."
            )
        else:
            message = _(
                "With threshold = {threshold} predict_labels returns numbers (for example "
                "{value} for photo 1, label 1) where True/False decisions are asked: compare "
                "the probabilities with threshold, which gives True/False."
            )
        return wrong(exercise, message.format(threshold=shown, value=show(float(got.flat[0]))))
    decisions = got.astype(bool)
    expected = probabilities > threshold
    if np.array_equal(decisions, expected):
        return None
    photo, label = np.argwhere(decisions != expected)[0]
    limit = float(np.broadcast_to(threshold, logits.shape)[photo, label])
    p = float(probabilities[photo, label])
    where = _(
        "With threshold = {threshold}, for photo {photo}, label {label} "
        "(P = σ({logit:g}) = {p:.3f}) predict_labels says {says}, but {p:.3f} {relation} "
        "{limit:g}."
    ).format(
        threshold=shown,
        photo=photo + 1,
        label=label + 1,
        logit=logits[photo, label],
        p=p,
        says=bool(decisions[photo, label]),
        relation=">" if expected[photo, label] else "≤",
        limit=limit,
    )
    one_hot = np.zeros(logits.shape, dtype=bool)
    one_hot[np.arange(len(logits)), logits.argmax(axis=1)] = True
    mistakes = [
        (
            softmax(logits) > threshold,
            _(
                "You thresholded softmax: its outputs compete for a total of 1, so a photo "
                "with a cat AND a dog cannot get high probabilities for both. Use one sigmoid "
                "per label."
            ),
        ),
        (
            one_hot,
            _("You picked one label per photo (argmax); any number of labels may apply."),
        ),
        (
            logits > threshold,
            _(
                "You compared the logits with the threshold; compare σ(logit) with it (or the "
                "logit with logit(threshold))."
            ),
        ),
        (
            probabilities < threshold,
            _(
                "The comparison is the wrong way round: True means the probability is above "
                "the threshold."
            ),
        ),
    ]
    if np.ndim(threshold):
        mistakes.append(
            (
                probabilities > np.asarray(threshold)[:, None],
                _(
                    "The thresholds were lined up with the photos (rows), not the labels "
                    "(columns): threshold[:, None] or a reshape did that. Compare with "
                    "threshold as it is; NumPy lines a (labels,) array up with the last axis."
                ),
            )
        )
    if not np.all(np.asarray(threshold) == 0.5):
        mistakes.append(
            (
                probabilities > 0.5,
                _("The threshold argument is ignored; use it instead of 0.5."),
            )
        )
    for candidate, message in mistakes:
        if np.array_equal(decisions, candidate):
            return wrong(exercise, then_mistake(where, message))
    return wrong(exercise, where)


def check_multilabel_predict(
    label_probabilities: Callable, predict_labels: Callable
) -> CheckResult:
    """Check independent labels: their probabilities, and the True/False decisions.

    ``label_probabilities(logits)`` takes one logit per photo and label, shape
    (photos, labels), and returns P(label present) of the same shape: σ(logit).
    ``predict_labels(logits, threshold)`` returns True where that probability is above
    ``threshold``, a number or one threshold per label (shape (labels,)).

    Names these mistakes: softmax (over the labels or the photos), normalised sigmoids,
    logits or σ(−z) returned as probabilities, True/False where probabilities are asked and
    probabilities where True/False is asked, one answer per photo (argmax), logits compared
    with the threshold, the comparison reversed, the threshold ignored, and per-label
    thresholds lined up with the photos.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_multilabel_predict(sigmoid, lambda z, threshold=0.5: sigmoid(z) > threshold).passed
    True
    """
    exercise = _("several labels at once")
    expected = "label_probabilities, predict_labels"
    require_callable(label_probabilities, "check_multilabel_predict", expected)
    require_callable(predict_labels, "check_multilabel_predict", expected)
    try:
        problem = _probabilities_problem(label_probabilities, exercise)
    except NotAttempted:
        return not_attempted(
            exercise, _("Replace `raise NotImplementedError` in label_probabilities")
        )
    if problem is not None:
        return problem
    try:
        for threshold in _THRESHOLDS:
            problem = _predictions_problem(predict_labels, exercise, threshold)
            if problem is not None:
                return problem
    except NotAttempted:
        return not_attempted(
            exercise,
            _(
                "label_probabilities is right. Now replace `raise NotImplementedError` in "
                "predict_labels"
            ),
        )
    return correct(
        exercise,
        _(
            "one independent σ per label (photo 3 gets four probabilities above ½; the rows "
            "need not sum to 1), thresholded with one threshold or one per label: a photo may "
            "have 0, 1 or several labels."
        ),
    )


# ------------------------------------------------------------------ Exercise 4

_OLD = np.array([1.0, -2.0, 0.5, 3.0, 0.0])
_CANDIDATE = np.array([-1.0, 4.0, 0.5, -3.0, 2.0])
_GATE = np.array([-6.0, 0.0, 1.0, 6.0, 2.0])


def check_gated_update(gated_update: Callable) -> CheckResult:
    """Check ``gated_update(old, candidate, gate_logit)``: σ(g)·candidate + (1 − σ(g))·old.

    The gate σ(g) is the share of the new candidate let in, as in a GRU's update gate.
    Names these mistakes: the shares swapped, the raw logit or tanh used as the share, the
    old value lost or added unscaled, and reports the first input where the answer is wrong.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_gated_update(lambda o, c, g: sigmoid(g) * c + (1 - sigmoid(g)) * o).passed
    True
    """
    exercise = _("a gated update")
    require_callable(gated_update, "check_gated_update", "gated_update")
    old, candidate, gate = _OLD, _CANDIDATE, _GATE
    try:
        call = call_learner(gated_update, old.copy(), candidate.copy(), gate.copy())
    except NotAttempted:
        return not_attempted(exercise, _(REPLACE_CODE))
    got = returned_values(
        call,
        exercise,
        "gated_update(old, candidate, gate_logit)",
        _(
            "old, candidate and gate_logit have the same shape: combine them element by "
            "element with * and +."
        ),
    )
    if isinstance(got, CheckResult):
        return got
    if got.shape != old.shape:
        return wrong(
            exercise,
            _(
                "For inputs of shape {shape} your function returned shape {got}: return one "
                "value per input, element by element."
            ).format(shape=old.shape, got=got.shape),
        )
    g = sigmoid(gate)
    expected = g * candidate + (1 - g) * old
    good = np.isclose(got, expected, rtol=1e-9, atol=1e-12)
    if good.all():
        return correct(
            exercise,
            _(
                "a gate near 0 keeps the old value, near 1 takes the candidate, and in "
                "between mixes them."
            ),
        )
    i = int(np.argmin(good))
    where = _(
        "At old = {old:g}, candidate = {candidate:g}, gate_logit = {gate:g} your function "
        "returns {value}, but σ({gate:g})·candidate + (1 − σ({gate:g}))·old = {expected}."
    ).format(
        old=old[i],
        candidate=candidate[i],
        gate=gate[i],
        value=show(float(got[i])),
        expected=show(float(expected[i])),
    )
    tanh = np.tanh(gate)
    mistake = first_mistake(
        got,
        [
            (
                lambda: g * old + (1 - g) * candidate,
                _(
                    "The shares are swapped: σ(g) is the share of the candidate, so a closed "
                    "gate (σ(g) ≈ 0) must keep the old value."
                ),
            ),
            (
                lambda: gate * candidate + (1 - gate) * old,
                _(
                    "The raw logit is used as the gate; squash it with σ first so the share "
                    "lies between 0 and 1."
                ),
            ),
            (
                lambda: tanh * candidate + (1 - tanh) * old,
                _(
                    "tanh gives a share between −1 and 1; a share of the candidate must lie "
                    "between 0 and 1, which σ gives."
                ),
            ),
            (lambda: g * candidate, _("The old value is lost: add (1 − σ(g))·old.")),
            (
                lambda: g * candidate + old,
                _(
                    "The old value must be scaled by (1 − σ(g)), or the memory grows at "
                    "every step."
                ),
            ),
        ],
    )
    return wrong(exercise, then_mistake(where, mistake))


# ------------------------------------------------------------------ Exercise 5 (on paper)

_GATE_LOGITS = np.linspace(-10.0, 10.0, 41)
# A nearly closed gate (z ≤ −40) keeps 1 − σ(z), which rounds to 1.0 from about z = −37;
# a wide-open one (z ≥ 37) lets in σ(z), which rounds to 1.0. e^800 overflows.
_HALF_LIFE_TAIL = (-40.0, 40.0, -100.0, 100.0, -700.0, 800.0)


def _half_life(z):
    with np.errstate(over="ignore"):
        return _LN2 / np.logaddexp(0.0, z)


def _explain_half_life(z: float, value: float, expected: float) -> str:
    stable = _(
        "Write 1 − σ(z) = 1/(1 + e^z): then −ln(1 − σ(z)) = ln(1 + e^z), which "
        "np.logaddexp(0, z) computes without rounding or overflow."
    )
    if not math.isfinite(value) or value == 0:
        if z < 0:
            return _(
                "σ({z:g}) = {s}, so 1 − σ(z) rounds to 1.0 (from about z = −37 on) and its "
                "log is 0: a division by 0. {stable}"
            ).format(z=z, s=show(float(sigmoid(z))), stable=stable)
        return _(
            "σ({z:g}) rounds to 1.0 (from about z = 37 on), so 1 − σ(z) = 0 and its log is "
            "−inf. {stable}"
        ).format(z=z, stable=stable)
    return stable


def check_gate_half_life(half_life: Callable) -> CheckResult:
    """Check the half-life of a gate's memory: T½(z) = ln 2 / ln(1 + e^z).

    With a candidate of 0 at every step, a gate with logit z keeps the share 1 − σ(z) of
    the memory per step, so (1 − σ(z))^T is left after T steps; it is ½ at
    T½ = ln 2 / −ln(1 − σ(z)) = ln 2 / ln(1 + e^z). ``half_life(z)`` is called with gate
    logits from −10 to 10, then one at a time from −700 (T½ = 7.0e303 steps) to 800, and
    any correct form passes.

    Names these mistakes: σ(z) taken as the share kept, ln 2 missing (the 1/e time),
    the result upside down or negative, a linear decay (½/σ(z) steps), the approximation
    ln 2/σ(z), and the rounding of 1 − σ(z) to 1 (z ≲ −37) or to 0 (z ≳ 37).

    Examples
    --------
    >>> import numpy as np
    >>> check_gate_half_life(lambda z: np.log(2) / np.logaddexp(0, z)).passed
    True
    """
    exercise = _("how long a gate remembers")
    if is_placeholder(half_life):
        return not_attempted(
            exercise, _("Replace `...` with your formula, for example lambda z: …")
        )
    require_callable(half_life, "check_gate_half_life", "lambda z: …")
    z = _GATE_LOGITS
    hint = _("z is an array of gate logits; return one half-life per z, element by element.")
    try:
        call = call_learner(half_life, z.copy())
        got = returned_values(call, exercise, "half_life(z)", hint)
        if isinstance(got, CheckResult):
            return got
        if got.shape != z.shape:
            return wrong(
                exercise,
                _(
                    "For gate logits of shape {shape} your function returned shape {got}: "
                    "return one half-life per z."
                ).format(shape=z.shape, got=got.shape),
            )
        expected = _half_life(z)
        good = np.isclose(got, expected, rtol=1e-6, atol=0.0)
        if not good.all():
            i = int(np.argmin(good))
            where = _("At z = {z:g} your function returns {value} steps, but T½ = {t}.").format(
                z=z[i], value=show(float(got[i])), t=show(float(expected[i]))
            )
            s = sigmoid(z)
            softplus = np.logaddexp(0.0, z)
            mistake = first_mistake(
                got,
                [
                    (
                        lambda: _LN2 / np.logaddexp(0.0, -z),
                        _(
                            "That takes σ(z) as the share kept. σ(z) is the share of the "
                            "candidate let in; with a candidate of 0 the memory keeps 1 − σ(z) "
                            "per step."
                        ),
                    ),
                    (
                        lambda: 1 / softplus,
                        _(
                            "ln 2 is missing: 1/(−ln(1 − σ(z))) steps shrink the memory to "
                            "1/e ≈ 0.37, not to ½."
                        ),
                    ),
                    (
                        lambda: -_LN2 / softplus,
                        _(
                            "A sign slip: the half-life is a positive number of steps. "
                            "ln(1 − σ(z)) is negative, and so is ln ½."
                        ),
                    ),
                    (
                        lambda: softplus / _LN2,
                        _(
                            "Upside down: solve (1 − σ(z))^T = ½ for T. T is in the exponent, "
                            "so take the log of both sides; then T is a quotient of two logs."
                        ),
                    ),
                    (
                        lambda: 0.5 / s,
                        _(
                            "That is a linear decay, as if each step took away the same amount "
                            "σ(z). Each step keeps the same share, 1 − σ(z), so after T steps "
                            "(1 − σ(z))^T is left."
                        ),
                    ),
                    (
                        lambda: _LN2 / s,
                        _(
                            "ln 2/σ(z) uses −ln(1 − σ(z)) ≈ σ(z), which is close only for a "
                            "nearly closed gate (σ(z) small). Keep the exact −ln(1 − σ(z))."
                        ),
                    ),
                ],
            )
            return wrong(exercise, then_mistake(where, mistake))
        if call.warnings:
            return wrong(
                exercise,
                _("For gate logits from −10 to 10 your function warns '{warning}'.").format(
                    warning=call.warnings[0]
                ),
            )
        for point in _HALF_LIFE_TAIL:
            call = call_learner(half_life, np.array([point]))
            value = returned_values(call, exercise, "half_life(z)", hint)
            if isinstance(value, CheckResult):
                return value
            value = float(np.ravel(value)[0]) if value.size == 1 else math.nan
            true = float(_half_life(np.array([point]))[0])
            if agrees(value, true, rtol=1e-6) and not overflow_warning(call):
                continue
            where = _("At z = {z:g} your function returns {value} steps, but T½ = {t}.").format(
                z=point, value=show(value), t=show(true)
            )
            overflow = overflow_warning(call)
            if overflow:
                return wrong(
                    exercise,
                    _(
                        "At z = {z:g} your function warns '{warning}': e^{z:g} is inf in "
                        "float64 (exp overflows above {limit:.2f}). np.logaddexp(0, z) "
                        "computes ln(1 + e^z) without forming e^z."
                    ).format(z=point, warning=overflow, limit=EXP_OVERFLOW),
                )
            return wrong(exercise, then_mistake(where, _explain_half_life(point, value, true)))
    except NotAttempted:
        return not_attempted(exercise, _("Replace `raise NotImplementedError` with your formula"))
    return correct(
        exercise,
        _(
            "T½ = ln 2 / ln(1 + e^z) on [−10, 10] and from z = −700 (7.0e303 steps) to z = 800 "
            "(0.00087 steps): a nearly closed gate remembers for a very long time, an open one "
            "forgets within a step."
        ),
    )
