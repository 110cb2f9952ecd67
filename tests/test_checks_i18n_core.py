"""The checkers' shared machinery speaks the language in force.

``sigmoid_lab/checks/_core.py``, ``_tails.py``, ``predictions.py`` and ``selfcheck.py`` make
the verdict line ("✔ Correct", "✘ Not yet", "not attempted yet"), the translations of Python's
and NumPy's errors, the tail explanations and the prediction and self-check feedback. In
English every message stays as it was (the chapters' tests pin many of them); after
``set_language("zh")`` a learner reads them in Chinese, with every number filled in.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import numpy as np
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from sigmoid_lab import i18n
from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks import _core, _tails
from sigmoid_lab.checks._core import CheckResult, call_learner, describe_error, describe_for
from sigmoid_lab.checks.predictions import Prediction, compare_prediction
from sigmoid_lab.checks.selfcheck import Option, Question, check_answer
from sigmoid_lab.i18n import N_, language

ROOT = Path(__file__).resolve().parents[1]
MODULES = ["_core", "_tails", "predictions", "selfcheck"]
CATALOGUE = ROOT / "sigmoid_lab" / "locale" / "zh_CN" / "LC_MESSAGES" / "sigmoid_lab.po"
CJK = re.compile(r"[\u4e00-\u9fff]")
# The English of the templates in these modules; none may be left in a Chinese message.
ENGLISH = (
    "Your function",
    "your function",
    "At x =",
    "At p =",
    "not attempted yet",
    "Not yet",
    "Correct (",
    "You predicted",
    "the outcome is",
    "No prediction written",
    "Silencing NumPy",
    "which a float64 can hold",
    "exp of a large number",
    "Only ever exponentiate",
    "self-check",
    "Answer with",
    "then run this cell again",
)


@pytest.fixture(autouse=True)
def _english_afterwards():
    before = i18n.get_language()
    yield
    i18n.set_language(before)


def naive(x):
    return 1 / (1 + np.exp(-x))


def silenced(x):
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-x))


def branchy(x):
    if x >= 0:
        return 1 / (1 + np.exp(-x))
    return np.exp(x) / (1 + np.exp(x))


def sigmoid_tails(fn):
    """The chapters' way of judging a σ far in its tails."""
    return _core.tail_problems(
        fn,
        "a sigmoid that never overflows",
        [-1000.0, -720.0],
        sigmoid,
        "σ(x)",
        cause=_core.EXP_CAUSE,
        advice=_core.EXP_ADVICE,
        explain=_tails.explain_sigmoid_tail,
    )


def matmul_error() -> Exception:
    try:
        np.ones((4, 3)) @ np.ones((4,))
    except ValueError as error:
        return error
    raise AssertionError("no error")


LAYERS = Prediction(
    "ch0-layers",
    "How many layers?",
    lambda: 12,
    "Each layer multiplies by ¼.",
    unit="layers",
    hints=((lambda guess, outcome: guess == 6, "½ per layer gives 6."),),
)
LETTER = Question(
    "ch0-letter",
    "Which?",
    options=(Option("a", False, "Not this one."), Option("b", True, "This one.")),
)
NUMBER = Question("ch0-number", "How much?", number=0.25, why="σ′(0) = ¼.")


# ------------------------------------------------------------------ English, as it was


def test_the_verdict_lines_stay_english_by_default():
    assert repr(_core.correct("ex", "m")) == "✔ Correct (ex): m"
    assert repr(_core.wrong("ex", "m")) == "✘ Not yet (ex): m"
    untouched = _core.not_attempted("ex", "Write it")
    assert repr(untouched) == "ex: not attempted yet. Write it, then run this cell again."
    assert str(untouched) == repr(untouched)


def test_the_translated_errors_and_tails_stay_english_by_default():
    assert describe_error(matmul_error(), "Transpose X.") == (
        "The shapes in a matrix product do not line up (an inner size 4 meets 3): in A @ B "
        "the number of columns of A must equal the number of rows of B. Print the shapes "
        "(A.shape, B.shape) and transpose the one that is the wrong way round. Transpose X."
    )
    error = call_learner(branchy, np.ones(3)).error
    assert describe_for(error, "p") == (
        "Your function uses `if` (or `and`/`or`) on the whole array p, which has no single "
        "truth value."
    )
    assert describe_for(RuntimeError("boom")) == "Your function raised RuntimeError: boom."
    assert sigmoid_tails(silenced).message == (
        "At x = -720 your function returns 0.0, but σ(x) = 2.03e-313, which a float64 can "
        "hold (it holds numbers down to 4.9e-324). 1/(1 + exp(−x)) gives 0.0 there because "
        "exp(−x) overflows to inf (for x below −709.78). Silencing NumPy's warning "
        "(np.errstate, warnings.catch_warnings or np.seterr) hides the warning; the value "
        "stays wrong. A cut-off to 0 is wrong in the same way. Only ever exponentiate −|x|: "
        "for x < 0, σ(x) = e/(1 + e) with e = np.exp(x)."
    )


def test_predictions_and_self_checks_stay_english_by_default():
    assert compare_prediction(LAYERS, 6).message == (
        "You predicted 6 layers; the outcome is 12 layers, so your guess was low. ½ per layer "
        "gives 6. Each layer multiplies by ¼."
    )
    assert compare_prediction(LAYERS, ...).message == (
        "No prediction written. The outcome is 12 layers. Each layer multiplies by ¼."
    )
    assert repr(check_answer(LETTER, "z")) == (
        "✘ Not yet (self-check ch0-letter): Answer with one letter: 'a', 'b'."
    )
    assert check_answer(NUMBER, 0.3).message == "Not 0.3. σ′(0) = ¼."


def test_the_message_constants_equal_their_english_and_follow_the_language():
    # Chapters format these into their own messages; a constant shows the language in force
    # whether or not the chapter passes it through _() first.
    assert _tails.SILENCED == (
        "Silencing NumPy's warning (np.errstate, warnings.catch_warnings or np.seterr) hides "
        "the warning; the value stays wrong."
    )
    assert f"{_core.EXP_CAUSE}" == _core.EXP_CAUSE.english()
    assert i18n.gettext(_tails.SUBNORMAL_NOTE) == _tails.SUBNORMAL_NOTE
    with language("zh"):
        assert f"{_tails.SILENCED}" == i18n.gettext(_tails.SILENCED.english())
        assert str(_core.EXP_ADVICE) == i18n.gettext(_core.EXP_ADVICE.english())


def test_a_constant_marked_by_a_chapter_is_translated_where_it_is_used():
    # Chapters define exercise names, advice and explanations at module level with N_();
    # the machinery looks them up when it makes the message. The empty text stays empty
    # (gettext("") would be the catalogue's header).
    assert _tails.translated("") == ""
    assert _tails.translated(None) is None
    with language("zh"):
        assert _tails.translated(N_("your prediction")) == i18n.gettext("your prediction")
        result = _core.wrong(N_("your prediction"), N_("Replace `...` with your answer."))
        assert result.exercise == i18n.gettext("your prediction")
        assert result.message == i18n.gettext("Replace `...` with your answer.")


# ------------------------------------------------------------------ the catalogue


def _extracted() -> set[str]:
    found = set()
    for module in MODULES:
        path = ROOT / "sigmoid_lab" / "checks" / f"{module}.py"
        for _, message, _, _ in extract_from_file(
            "python", str(path), keywords={"_": None, "N_": None}
        ):
            found.add(message)
    return found


def _fields(text: str) -> list[str]:
    return sorted(f"{n}!{c}:{s}" for _, n, s, c in string.Formatter().parse(text) if n is not None)


def test_the_catalogue_translates_every_marked_message_of_the_framework_into_chinese():
    with CATALOGUE.open("rb") as handle:
        catalogue = {m.id: m for m in read_po(handle, locale="zh_CN") if m.id}
    for english in _extracted():
        entry = catalogue.get(english)
        assert entry is not None, f"not in the catalogue: {english!r}"
        assert entry.string and not entry.fuzzy, english
        assert entry.string != english, english
        assert _fields(entry.string) == _fields(english), english
        if english not in {"{first} {second}", "{lead} {hint} {why}", "{message}."}:
            assert CJK.search(entry.string), english


# ------------------------------------------------------------------ Chinese
# These read the package catalogue (sigmoid_lab/locale), which holds these messages.


def assert_chinese(text: str) -> None:
    assert CJK.search(text), text
    assert "{" not in text and "}" not in text, text
    for english in ENGLISH:
        assert english not in text, (english, text)


def test_a_textbook_sigmoid_far_in_its_tail_is_explained_in_chinese():
    with language("zh"):
        warned = sigmoid_tails(naive)
        quiet = sigmoid_tails(silenced)
        shown = [repr(warned), repr(quiet)]
    assert warned.status == quiet.status == "failed"
    for text in shown:
        assert_chinese(text)
    assert "x = -1000" in warned.message and "709.78" in warned.message
    assert "x = -720" in quiet.message and "2.03e-313" in quiet.message
    assert "4.9e-324" in quiet.message and "np.errstate" in quiet.message


def test_numpy_errors_are_translated_into_chinese():
    with language("zh"):
        branched = _core.values(call_learner(branchy, np.ones(3)), "ex", (3,), variable="p")
        product = describe_error(matmul_error(), "")
        missing = _core.as_array(call_learner(lambda x: None, np.ones(3)), "ex", (3,))
        raised = describe_for(RuntimeError("boom"))
        shown = [repr(branched), repr(missing)]
    for text in shown:
        assert_chinese(text)
    assert "`if`" in branched.message and " p" in branched.message
    assert_chinese(product)
    assert "3" in product and "4" in product and "A @ B" in product
    assert "`return`" in missing.message
    # The full stop describe_for adds is the Chinese one.
    assert raised.endswith("boom。") and not raised.endswith("。.")


def test_predictions_and_self_checks_answer_in_chinese():
    with language("zh"):
        low = compare_prediction(LAYERS, 6)
        untouched = compare_prediction(LAYERS, ...)
        letter = check_answer(LETTER, "z")
        number = check_answer(NUMBER, 0.3)
        shown = [repr(result) for result in (low, untouched, letter, number)]
    for text in shown:
        assert_chinese(text)
    assert "6" in low.message and "12" in low.message
    assert untouched.status == "not attempted"
    assert "'a', 'b'" in letter.message
    assert "0.3" in number.message


def test_the_verdict_lines_are_chinese():
    with language("zh"):
        texts = [
            repr(_core.correct("练习", "对。")),
            repr(_core.wrong("练习", "不对。")),
            repr(_core.not_attempted("练习", "写出答案")),
        ]
    for text in texts:
        assert_chinese(text)
    assert len(set(texts)) == 3
    assert isinstance(_core.correct("练习", "对。"), CheckResult)
