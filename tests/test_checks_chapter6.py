"""Chapter 6's checkers pass right answers in any form and name each typical wrong answer.

Each wrong answer is paired with a phrase its message must contain. Where a message reports
a case (z1 and z2, a photo and a label, a gate logit), the tests evaluate the answer there
and confirm it is wrong at that case: a checker must never report a case the answer gets
right.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks._core import CheckResult
from sigmoid_lab.checks.faq import (
    check_gate_half_life,
    check_gated_update,
    check_multilabel_predict,
    check_softmax_cross_entropy,
    check_two_class_softmax,
)
from sigmoid_lab.softmax import log_softmax, softmax

LN2 = np.log(2.0)


def placeholder(*args, **kwargs):
    raise NotImplementedError


def crashes(*args, **kwargs):
    raise ZeroDivisionError("boom")


def returns_none(*args, **kwargs):
    return None


def assert_fails_with(result: CheckResult, *phrases: str) -> None:
    assert result.status == "failed", result
    assert not result.passed
    for phrase in phrases:
        assert phrase in result.message, result.message
    assert repr(result).startswith("✘ Not yet")


def silenced(fn):
    """The same answer with NumPy's warnings switched off: values must still be judged."""

    def quiet(*args):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args)

    return quiet


# Right answers, used as the other half of two-function checkers.


def good_softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def good_cross_entropy(z, y):
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    return np.mean(lse - z[np.arange(len(y)), y])


def good_probabilities(z):
    return sigmoid(z)


def good_predict(z, threshold=0.5):
    return sigmoid(z) > threshold


def good_gate(old, candidate, g):
    return sigmoid(g) * candidate + (1 - sigmoid(g)) * old


def good_half_life(z):
    return LN2 / np.logaddexp(0.0, z)


# Every checker as a one-argument call, with the learner's function in the slot it checks.
CHECKERS = {
    "two-class": lambda f: check_two_class_softmax(f),
    "softmax": lambda f: check_softmax_cross_entropy(f, good_cross_entropy),
    "cross-entropy": lambda f: check_softmax_cross_entropy(good_softmax, f),
    "probabilities": lambda f: check_multilabel_predict(f, good_predict),
    "predict": lambda f: check_multilabel_predict(good_probabilities, f),
    "gate": lambda f: check_gated_update(f),
    "half-life": lambda f: check_gate_half_life(f),
}
RIGHT = {
    "two-class": lambda z1, z2: sigmoid(z1 - z2),
    "softmax": good_softmax,
    "cross-entropy": good_cross_entropy,
    "probabilities": good_probabilities,
    "predict": good_predict,
    "gate": good_gate,
    "half-life": good_half_life,
}


@pytest.mark.parametrize("slot", CHECKERS)
def test_the_right_answer_passes(slot):
    result = CHECKERS[slot](RIGHT[slot])
    assert result.passed, result
    assert repr(result).startswith("✔ Correct")


@pytest.mark.parametrize("slot", CHECKERS)
def test_the_untouched_placeholder_is_not_attempted(slot):
    result = CHECKERS[slot](placeholder)
    assert result.status == "not attempted"
    assert "not attempted yet" in repr(result)


@pytest.mark.parametrize("checker", [check_two_class_softmax, check_gate_half_life])
def test_an_on_paper_placeholder_of_dots_is_not_attempted(checker):
    result = checker(...)
    assert result.status == "not attempted"
    assert "Replace `...`" in result.message


def test_the_second_function_is_not_attempted_once_the_first_is_right():
    first = check_softmax_cross_entropy(good_softmax, placeholder)
    assert first.status == "not attempted"
    assert "my_softmax is right" in first.message and "my_cross_entropy" in first.message
    second = check_multilabel_predict(good_probabilities, placeholder)
    assert second.status == "not attempted"
    assert "predict_labels" in second.message


@pytest.mark.parametrize(
    "call",
    [
        lambda: check_two_class_softmax(0.5),
        lambda: check_softmax_cross_entropy(good_softmax, 1.0),
        lambda: check_multilabel_predict(np.ones((2, 2)), good_predict),
        lambda: check_gated_update("σ(g)·c + (1 − σ(g))·o"),
        lambda: check_gate_half_life(280),
    ],
)
def test_a_non_function_is_a_type_error_that_says_what_to_pass(call):
    with pytest.raises(TypeError, match="pass your function itself"):
        call()


@pytest.mark.parametrize("slot", CHECKERS)
def test_an_answer_that_crashes_is_reported_not_raised(slot):
    assert_fails_with(CHECKERS[slot](crashes), "ZeroDivisionError: boom")


@pytest.mark.parametrize("slot", CHECKERS)
def test_none_asks_about_a_forgotten_return(slot):
    assert_fails_with(CHECKERS[slot](returns_none), "did you forget `return`?")


def test_messages_name_the_function_the_exercise_asks_for():
    assert_fails_with(CHECKERS["softmax"](returns_none), "my_softmax")
    assert_fails_with(CHECKERS["cross-entropy"](returns_none), "my_cross_entropy")
    assert_fails_with(CHECKERS["probabilities"](returns_none), "label_probabilities")
    assert_fails_with(CHECKERS["predict"](returns_none), "predict_labels")


def test_checkers_print_no_warnings_for_an_overflowing_answer(recwarn):
    check_two_class_softmax(lambda z1, z2: np.exp(z1) / (np.exp(z1) + np.exp(z2)))
    check_softmax_cross_entropy(
        lambda z: np.exp(z) / np.exp(z).sum(axis=1, keepdims=True), good_cross_entropy
    )
    check_gate_half_life(lambda z: LN2 / np.log1p(np.exp(z)))
    assert len(recwarn) == 0


# ------------------------------------------------------------------ Exercise 1 (on paper)


def two_class_truth(z1, z2):
    return softmax(np.stack([np.atleast_1d(z1), np.atleast_1d(z2)], axis=-1))[..., 0]


@pytest.mark.parametrize(
    "answer",
    [
        lambda z1, z2: sigmoid(z1 - z2),
        lambda z1, z2: sigmoid(-(z2 - z1)),
        lambda z1, z2: softmax(np.stack([z1, z2], axis=-1))[:, 0],
        lambda z1, z2: (
            1 / (1 + np.exp(np.minimum(z2 - z1, 700.0))) * (z2 - z1 <= 700)
            + sigmoid(z1 - z2) * (z2 - z1 > 700)
        ),
    ],
)
def test_two_class_any_correct_form_passes(answer):
    assert check_two_class_softmax(answer).passed


def textbook_two_class(z1, z2):
    return np.exp(z1) / (np.exp(z1) + np.exp(z2))


def textbook_sigmoid_of_difference(z1, z2):
    return 1 / (1 + np.exp(z2 - z1))


TWO_CLASS_MISTAKES = [
    (lambda z1, z2: sigmoid(z2 - z1), "is p₂"),
    (lambda z1, z2: sigmoid(z1), "z₂ is missing"),
    (lambda z1, z2: sigmoid(z1 + z2), "A sign slip inside"),
    (lambda z1, z2: sigmoid(z1) / (sigmoid(z1) + sigmoid(z2)), "Normalised sigmoids"),
    (lambda z1, z2: sigmoid(z1) - sigmoid(z2), "difference of two sigmoids"),
    (lambda z1, z2: (1 + np.tanh(z1 - z2)) / 2, "A factor 2 too many"),
    (lambda z1, z2: sigmoid((z1 - z2) / 2), "A factor ½ too few"),
    (lambda z1, z2: softmax([z1, z2])[0], "wrong axis"),
    (textbook_two_class, "nan"),
    (silenced(textbook_two_class), "nan"),
    (textbook_sigmoid_of_difference, "overflow"),
    (silenced(textbook_sigmoid_of_difference), "1/inf gave 0.0"),
    (lambda z1, z2: 1 - sigmoid(z2 - z1), "σ(40) rounds to 1.0"),
    (lambda z1, z2: (1 + np.tanh((z1 - z2) / 2)) / 2, "1 + tanh(…)"),
    (lambda z1, z2: 1.0 if z1 > z2 else 0.0, "np.where"),
    (lambda z1, z2: sigmoid(z1 - z2)[:3], "one probability per pair"),
]


@pytest.mark.parametrize(("answer", "phrase"), TWO_CLASS_MISTAKES)
def test_two_class_mistakes_are_named(answer, phrase):
    assert_fails_with(check_two_class_softmax(answer), phrase)


@pytest.mark.parametrize(("answer", "phrase"), TWO_CLASS_MISTAKES[:9])
def test_two_class_reports_a_pair_where_the_answer_is_wrong(answer, phrase):
    message = check_two_class_softmax(answer).message
    z1, z2 = (float(v) for v in re.search(r"At z1 = (\S+), z2 = (\S+?)[ ,]", message).groups())
    with np.errstate(all="ignore"):
        got = np.asarray(answer(np.array([z1]), np.array([z2])), dtype=float)
    assert not np.allclose(got, two_class_truth(z1, z2), rtol=1e-9, atol=0), (z1, z2)


def test_forgetting_z2_is_not_reported_where_z2_is_0():
    message = check_two_class_softmax(lambda z1, z2: sigmoid(z1)).message
    assert "z2 = 0 " not in message and "z2 = 0," not in message, message


# ------------------------------------------------------------------ Exercise 2: softmax


def normalise(e, **sum_kw):
    return e / e.sum(**sum_kw)


def in_place(z):
    z -= z.max(axis=1, keepdims=True)
    return good_softmax(z)


SOFTMAX_MISTAKES = [
    (lambda z: normalise(np.exp(z), axis=1, keepdims=True), "overflow"),
    (silenced(lambda z: normalise(np.exp(z), axis=1, keepdims=True)), "inf/inf or 0/0"),
    (
        lambda z: normalise(np.exp(z - z.mean(axis=1, keepdims=True)), axis=1, keepdims=True),
        "not the mean",
    ),
    (
        lambda z: normalise(np.exp(z - z.min(axis=1, keepdims=True)), axis=1, keepdims=True),
        "overflow",
    ),
    (
        lambda z: normalise(np.exp(z - z.max()), axis=1, keepdims=True),
        "one number for the whole array",
    ),
    (
        lambda z: normalise(np.exp(z - z.max(axis=0, keepdims=True)), axis=0, keepdims=True),
        "axis=0",
    ),
    (lambda z: normalise(np.exp(z - z.max())), "The whole array sums to 1"),
    (lambda z: normalise(np.exp(z - z.max(axis=1)), axis=1), "keepdims=True"),
    (
        lambda z: normalise(np.exp(z - z.max(axis=0)), axis=1, keepdims=True),
        "each column's largest logit",
    ),
    (lambda z: np.exp(z - z.max(axis=1, keepdims=True)), "without dividing"),
    (
        lambda z: normalise(np.exp(z - z.max(axis=1, keepdims=True)) * 2, axis=1),
        "keepdims",
    ),
    (lambda z: sigmoid(z), "independent sigmoids"),
    (lambda z: log_softmax(z), "log-probabilities"),
    (lambda z: z == z.max(axis=1, keepdims=True), "True/False values where probabilities"),
    (lambda z: good_softmax(z).max(axis=1), "one number per row"),
    (in_place, "changed the logits"),
    (lambda z: 1 / 0, "divided by zero"),
]


@pytest.mark.parametrize(("answer", "phrase"), SOFTMAX_MISTAKES)
def test_softmax_mistakes_are_named(answer, phrase):
    assert_fails_with(check_softmax_cross_entropy(answer, good_cross_entropy), phrase)


def test_a_softmax_without_keepdims_is_told_why_in_numpys_words_and_the_exercises():
    message = check_softmax_cross_entropy(
        lambda z: normalise(np.exp(z - z.max(axis=1)), axis=1), good_cross_entropy
    ).message
    assert "do not fit" in message and "(m, 1) with keepdims=True" in message


def test_a_square_input_catches_a_flat_row_statistic_that_broadcasts_silently():
    def flat_max_for_square(z):
        # Works without an error on square logits only; on others it transposes first.
        m = z.max(axis=1)
        e = np.exp(z - m) if z.shape[0] == z.shape[1] else np.exp((z.T - m).T)
        return e / e.sum(axis=1, keepdims=True)

    assert_fails_with(
        check_softmax_cross_entropy(flat_max_for_square, good_cross_entropy),
        "For square logits",
        "column j had row j's largest logit",
    )


def test_a_softmax_with_a_guarded_max_and_a_1d_reduction_passes():
    def with_apply(z):
        return np.apply_along_axis(lambda row: softmax(row), 1, z)

    assert check_softmax_cross_entropy(with_apply, good_cross_entropy).passed


# ------------------------------------------------------------------ Exercise 2: cross-entropy


def from_probabilities(z, y):
    return -np.mean(np.log(good_softmax(z)[np.arange(len(y)), y]))


def clipped(z, y):
    p = np.clip(good_softmax(z)[np.arange(len(y)), y], 1e-15, 1 - 1e-15)
    return -np.mean(np.log(p))


def naive_log_sum_exp(z, y):
    return np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(y)), y])


CROSS_ENTROPY_MISTAKES = [
    (from_probabilities, "rounded to 0.0"),
    (silenced(from_probabilities), "inf"),
    (clipped, "clipping"),
    (naive_log_sum_exp, "overflow"),
    (silenced(naive_log_sum_exp), "m + log Σⱼ e^(zⱼ − m)"),
    (lambda z, y: -good_cross_entropy(z, y), "sign is flipped"),
    (lambda z, y: len(y) * good_cross_entropy(z, y), "sum over the 4 examples"),
    (
        lambda z, y: np.mean(np.log(np.exp(z).sum(axis=1))[:, None] - z[:, y]),
        "logits[np.arange(m), y]",
    ),
    (lambda z, y: -np.mean(log_softmax(z).sum(axis=1)), "every class"),
    (lambda z, y: -np.mean(log_softmax(z)), "all n·k entries"),
    (lambda z, y: -np.mean(z[np.arange(len(y)), y]), "−z_y alone"),
    (lambda z, y: np.mean(np.log(np.exp(z).sum(axis=1))), "subtract the true class's logit"),
    (lambda z, y: good_cross_entropy(z, y) / np.log(10), "log base 10"),
    (lambda z, y: good_cross_entropy(z, y) / np.log(2), "log base 2"),
    (lambda z, y: -log_softmax(z)[np.arange(len(y)), y], "one loss per example"),
    (lambda z, y: -np.mean(np.sum(y * log_softmax(z), axis=1)), "not one-hot rows"),
    (lambda z, y: good_cross_entropy(z, y) + 0.1, "mean −log p_y = 0.923888"),
]


@pytest.mark.parametrize(("answer", "phrase"), CROSS_ENTROPY_MISTAKES)
def test_cross_entropy_mistakes_are_named(answer, phrase):
    assert_fails_with(check_softmax_cross_entropy(good_softmax, answer), phrase)


def test_the_cross_entropy_may_reuse_a_library_log_sum_exp():
    from scipy.special import logsumexp

    def with_scipy(z, y):
        return np.mean(logsumexp(z, axis=1) - z[np.arange(len(y)), y])

    assert check_softmax_cross_entropy(good_softmax, with_scipy).passed


# ------------------------------------------------------------------ Exercise 3: several labels

PHOTO = re.compile(r"photo (\d+), label (\d+)")
THRESHOLD = re.compile(r"threshold = (\[[^\]]*\]|[\d.]+)")


def reported_case(message):
    photo, label = (int(v) - 1 for v in PHOTO.search(message).groups())
    found = THRESHOLD.search(message)
    threshold = None if found is None else np.array(eval(found.group(1)), dtype=float)
    return photo, label, threshold


PHOTOS = np.array(
    [
        [2.0, 1.5, -3.0, 0.3],
        [-2.0, -0.1, -4.0, -1.0],
        [1.0, 2.0, 2.2, 1.9],
        [-0.2, 0.1, 2.5, -1.5],
    ]
)

PROBABILITY_MISTAKES = [
    (lambda z: softmax(z), "That is softmax"),
    (lambda z: softmax(z, axis=0), "softmax over the photos"),
    (lambda z: z, "logits themselves"),
    (lambda z: sigmoid(-z), "absent"),
    (lambda z: sigmoid(z) / sigmoid(z).sum(axis=1, keepdims=True), "compete"),
    (lambda z: sigmoid(z) > 0.5, "True/False (or 0/1) values where probabilities are asked"),
    (lambda z: (sigmoid(z) > 0.5).astype(float), "where probabilities are asked"),
    (lambda z: sigmoid(z).mean(axis=1), "one probability per photo and label"),
]


@pytest.mark.parametrize(("answer", "phrase"), PROBABILITY_MISTAKES)
def test_label_probability_mistakes_are_named(answer, phrase):
    assert_fails_with(check_multilabel_predict(answer, good_predict), phrase)


PREDICT_MISTAKES = [
    (lambda z, t=0.5: sigmoid(z), "where True/False decisions are asked"),
    (lambda z, t=0.5: np.round(sigmoid(z), 2), "numbers (for example"),
    (lambda z, t=0.5: softmax(z) > t, "softmax"),
    (
        lambda z, t=0.5: z == z.max(axis=1, keepdims=True),
        "one label per photo (argmax)",
    ),
    (lambda z, t=0.5: z.argmax(axis=1), "single-label"),
    (lambda z, t=0.5: z > t, "compared the logits"),
    (lambda z, t=0.5: sigmoid(z) > 0.5, "threshold argument is ignored"),
    (lambda z, t=0.5: sigmoid(z) < t, "wrong way round"),
    (lambda z, t=0.5: sigmoid(z) > np.reshape(t, (-1, 1)), "lined up with the photos"),
    (lambda z, t=0.5: sigmoid(z) > np.max(t) / 2 + 0.1, "With threshold"),
    (lambda z, t=0.5: np.ones(3, dtype=bool), "shape (4, 4)"),
    (lambda z, t=0.5: True if sigmoid(z) > t else False, "np.where"),
]


@pytest.mark.parametrize(("answer", "phrase"), PREDICT_MISTAKES)
def test_predict_labels_mistakes_are_named(answer, phrase):
    assert_fails_with(check_multilabel_predict(good_probabilities, answer), phrase)


@pytest.mark.parametrize(
    "answer",
    [PREDICT_MISTAKES[i][0] for i in (2, 3, 5, 6, 7, 8, 9)],
)
def test_predict_labels_reports_a_case_where_the_answer_is_wrong(answer):
    message = check_multilabel_predict(good_probabilities, answer).message
    photo, label, threshold = reported_case(message)
    threshold = threshold if threshold.ndim else float(threshold)
    got = np.asarray(answer(PHOTOS.copy(), threshold), dtype=bool)
    expected = sigmoid(PHOTOS) > threshold
    assert got[photo, label] != expected[photo, label], message


def test_the_threshold_ignored_is_reported_at_a_threshold_other_than_a_half():
    message = check_multilabel_predict(good_probabilities, lambda z, t=0.5: sigmoid(z) > 0.5)
    assert "threshold = 0.8" in message.message


@pytest.mark.parametrize(
    "answer",
    [
        lambda z, t=0.5: (sigmoid(z) > t).astype(int),
        lambda z, t=0.5: z > np.log(t / (1 - t)),
        lambda z, t=0.5: good_probabilities(z) >= t,
    ],
)
def test_decisions_as_0_and_1_or_from_the_logit_of_the_threshold_pass(answer):
    assert check_multilabel_predict(good_probabilities, answer).passed


# ------------------------------------------------------------------ Exercise 4: a gate

OLD = np.array([1.0, -2.0, 0.5, 3.0, 0.0])
CANDIDATE = np.array([-1.0, 4.0, 0.5, -3.0, 2.0])
GATE = np.array([-6.0, 0.0, 1.0, 6.0, 2.0])

GATE_MISTAKES = [
    (lambda o, c, g: sigmoid(g) * o + (1 - sigmoid(g)) * c, "swapped"),
    (lambda o, c, g: g * c + (1 - g) * o, "raw logit"),
    (lambda o, c, g: np.tanh(g) * c + (1 - np.tanh(g)) * o, "tanh"),
    (lambda o, c, g: sigmoid(g) * c, "old value is lost"),
    (lambda o, c, g: sigmoid(g) * c + o, "grows"),
    (lambda o, c, g: c, "At old = 1, candidate = -1"),
    (lambda o, c, g: c[:2], "one value per input"),
    (lambda o, c, g: o @ c.T @ g, "matrix product"),
    (lambda o, c, g: [sigmoid(g) * c, o], "shape"),
]


@pytest.mark.parametrize(("answer", "phrase"), GATE_MISTAKES)
def test_gate_mistakes_are_named(answer, phrase):
    assert_fails_with(check_gated_update(answer), phrase)


@pytest.mark.parametrize("answer", [answer for answer, _ in GATE_MISTAKES[:6]])
def test_gate_reports_an_input_where_the_answer_is_wrong(answer):
    message = check_gated_update(answer).message
    old, candidate, gate = (
        float(v)
        for v in re.search(
            r"old = (\S+), candidate = (\S+), gate_logit = (\S+) ", message
        ).groups()
    )
    i = int(np.flatnonzero((OLD == old) & (CANDIDATE == candidate) & (GATE == gate))[0])
    got = np.asarray(answer(OLD.copy(), CANDIDATE.copy(), GATE.copy()), dtype=float)
    assert not np.isclose(got[i], good_gate(OLD, CANDIDATE, GATE)[i]), message


def test_gate_adding_the_old_value_is_not_reported_where_old_is_0():
    message = check_gated_update(lambda o, c, g: sigmoid(g) * c + o).message
    assert "old = 0," not in message


def naive(g):
    return 1 / (1 + np.exp(-g))


def test_labels_judge_values_not_warnings():
    assert check_multilabel_predict(
        silenced(naive), silenced(lambda z, t=0.5: naive(z) > t)
    ).passed


def test_gates_judge_values_not_warnings():
    assert check_gated_update(silenced(lambda o, c, g: naive(g) * c + (1 - naive(g)) * o)).passed
    assert_fails_with(
        check_gated_update(silenced(lambda o, c, g: naive(g) * o + (1 - naive(g)) * c)),
        "swapped",
    )


# ------------------------------------------------------------------ Exercise 5 (on paper)


@pytest.mark.parametrize(
    "answer",
    [
        good_half_life,
        lambda z: np.log(0.5) / -np.logaddexp(0.0, z),
        lambda z: LN2 / (np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))),
        lambda z: np.log(2) / np.logaddexp(z, 0.0),
    ],
)
def test_half_life_any_correct_form_passes(answer):
    assert check_gate_half_life(answer).passed


def naive_half_life(z):
    return LN2 / -np.log(1 - sigmoid(z))


HALF_LIFE_MISTAKES = [
    (lambda z: LN2 / np.logaddexp(0.0, -z), "σ(z) as the share kept"),
    (lambda z: 1 / np.logaddexp(0.0, z), "ln 2 is missing"),
    (lambda z: -LN2 / np.logaddexp(0.0, z), "positive number of steps"),
    (lambda z: np.logaddexp(0.0, z) / LN2, "Upside down"),
    (lambda z: 0.5 / sigmoid(z), "linear decay"),
    (lambda z: LN2 / sigmoid(z), "≈ σ(z)"),
    (naive_half_life, "rounds to 1.0 (from about z = −37 on)"),
    (silenced(naive_half_life), "its log is 0"),
    (lambda z: -LN2 / np.log1p(-sigmoid(z)), "σ(40) rounds to 1.0"),
    (lambda z: -LN2 / np.log(sigmoid(-z)), "σ(-40) = 4.25e-18"),
    (lambda z: LN2 / np.log1p(np.exp(z)), "overflow"),
    (lambda z: 280.0, "one half-life per z"),
    (lambda z: LN2 / __import__("math").log1p(__import__("math").exp(z)), "math.exp"),
]


@pytest.mark.parametrize(("answer", "phrase"), HALF_LIFE_MISTAKES)
def test_half_life_mistakes_are_named(answer, phrase):
    assert_fails_with(check_gate_half_life(answer), phrase)


@pytest.mark.parametrize("answer", [answer for answer, _ in HALF_LIFE_MISTAKES[:10]])
def test_half_life_reports_a_gate_logit_where_the_answer_is_wrong(answer):
    message = check_gate_half_life(answer).message
    z = float(re.search(r"At z = (\S+) your", message).group(1))
    with np.errstate(all="ignore"):
        got = float(np.asarray(answer(np.array([z])), dtype=float).ravel()[0])
    assert not np.isclose(got, float(good_half_life(np.array([z]))[0]), rtol=1e-6), message


# ------------------------------------------------------------------ in Chinese

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("check", "english"),
    [
        (lambda: check_two_class_softmax(lambda z1, z2: sigmoid(z2 - z1)), "A sign slip"),
        (
            lambda: check_softmax_cross_entropy(
                good_softmax, lambda z, y: len(y) * good_cross_entropy(z, y)
            ),
            "sum over the 4 examples",
        ),
        (
            lambda: check_multilabel_predict(
                good_probabilities, lambda z, t=0.5: sigmoid(z) > 0.5
            ),
            "threshold argument is ignored",
        ),
        (lambda: check_gate_half_life(lambda z: np.logaddexp(0.0, z) / LN2), "Upside down"),
    ],
)
def test_typical_mistakes_are_named_in_chinese(check, english):
    import sigmoid_lab.i18n

    with sigmoid_lab.i18n.language("zh"):
        result = check()
    assert result.status == "failed"
    for text in (result.exercise, result.message):
        assert CJK.search(text), text
        assert "{" not in text and "}" not in text, text
    assert english not in result.message
    assert "your function" not in result.message and "but " not in result.message
    # The numbers of the case are filled in, as in English.
    assert re.search(r"\d", result.message), result.message


def test_a_non_function_is_refused_in_chinese():
    import sigmoid_lab.i18n

    with sigmoid_lab.i18n.language("zh"), pytest.raises(TypeError) as raised:
        check_gate_half_life(280)
    assert CJK.search(str(raised.value)) and "check_gate_half_life(lambda z: …)" in str(
        raised.value
    )


@pytest.mark.parametrize("key", ["ch6-textbook-softmax", "ch6-empty-street", "ch6-gate-half-life"])
def test_prediction_explanations_quote_the_computed_numbers_in_chinese(key):
    import sigmoid_lab.i18n
    from sigmoid_lab.checks.questions.chapter6 import PREDICTIONS

    prediction = PREDICTIONS[key]
    outcome = prediction.outcome()
    english = prediction.explain(outcome)
    with sigmoid_lab.i18n.language("zh"):
        chinese = prediction.explain(outcome)
    assert CJK.search(chinese) and "{" not in chinese, chinese
    # The same computed numbers, in the same order.
    assert re.findall(r"\d+\.\d+", chinese) == re.findall(r"\d+\.\d+", english)
