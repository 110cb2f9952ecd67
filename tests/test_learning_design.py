"""What each chapter asks of the learner: predictions, exercises, a derivation, self-checks.

The course's conventions, which these tests hold every chapter to:

* an exercise is a ``### Exercise K: …`` heading followed by a code cell that calls a
  ``check_…`` function; a derivation on paper is headed ``### Exercise K (on paper): …``;
* a prediction is a code cell that assigns ``...`` to a name, a later cell that shows the
  outcome, and a cell that calls ``compare_prediction(PREDICTIONS["key"], name)``;
* the chapter ends its teaching with the "Check yourself" cell that
  :func:`~sigmoid_lab.checks.selfcheck.self_check_markdown` writes from the chapter's
  questions, before the further-reading cell.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from sigmoid_lab.checks.predictions import Prediction, compare_prediction
from sigmoid_lab.checks.questions import CHAPTERS, chapter
from sigmoid_lab.checks.selfcheck import Question, check_answer, self_check_markdown

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def chapter_notebook(number: int) -> dict:
    (path,) = NOTEBOOKS.glob(f"0{number}-*.ipynb")
    return json.loads(path.read_text(encoding="utf-8"))


def solutions_notebook(number: int) -> dict:
    (path,) = (NOTEBOOKS / "solutions").glob(f"0{number}-*-solutions.ipynb")
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell) -> str:
    return "".join(cell["source"])


def exercise_headings(nb) -> list[str]:
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            found += re.findall(r"^### Exercise \d+.*$", source(cell), flags=re.MULTILINE)
    return found


@pytest.mark.parametrize("number", CHAPTERS)
def test_three_to_five_exercises_and_one_derivation_on_paper(number):
    headings = exercise_headings(chapter_notebook(number))
    assert 3 <= len(headings) <= 5, headings
    assert [int(re.search(r"\d+", h).group()) for h in headings] == list(
        range(1, len(headings) + 1)
    ), headings
    assert any("(on paper)" in h for h in headings), headings


@pytest.mark.parametrize("number", CHAPTERS)
def test_every_exercise_has_a_checker_cell_and_a_passing_solution(number):
    nb = chapter_notebook(number)
    cells = nb["cells"]
    checked = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "markdown" and re.search(
            r"^### Exercise \d+", source(cell), flags=re.MULTILINE
        ):
            following = next(c for c in cells[i + 1 :] if c["cell_type"] == "code")
            calls = re.findall(r"\b(check_\w+)\(", source(following))
            assert calls, f"no checker call after {source(cell).splitlines()[0]!r}"
            checked.append(calls[-1])
    solutions = solutions_notebook(number)
    for name in checked:
        outputs = [
            "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            for cell in solutions["cells"]
            if cell["cell_type"] == "code" and f"{name}(" in source(cell)
            for out in cell.get("outputs", [])
        ]
        assert any("✔ Correct" in text for text in outputs), f"{name}: no passing solution"


def _placeholder_names(cell_source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(cell_source)):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and node.value.value is Ellipsis
        ):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return names


@pytest.mark.parametrize("number", CHAPTERS)
def test_at_least_two_predictions_written_before_the_outcome(number):
    predictions = chapter(number).PREDICTIONS
    assert len(predictions) >= 2
    cells = chapter_notebook(number)["cells"]
    code = [(i, source(c)) for i, c in enumerate(cells) if c["cell_type"] == "code"]
    for key, prediction in predictions.items():
        assert prediction.key == key
        assert key.startswith(f"ch{number}-"), key
        pattern = re.compile(
            r"compare_prediction\(\s*PREDICTIONS\[\s*[\"']"
            + re.escape(key)
            + r"[\"']\s*\],\s*(\w+)"
        )
        uses = [(i, m.group(1)) for i, text in code for m in [pattern.search(text)] if m]
        assert len(uses) == 1, f"{key}: compared {len(uses)} times"
        index, name = uses[0]
        guesses = [i for i, text in code if i < index and name in _placeholder_names(text)]
        assert guesses, f"{key}: no earlier cell writes `{name} = ...`"
        shown = [i for i, _ in code if guesses[-1] < i < index]
        assert shown, f"{key}: no cell between the guess and the comparison shows the outcome"


@pytest.mark.parametrize("number", CHAPTERS)
def test_predictions_compute_their_outcome_and_explain_any_guess(number):
    for prediction in chapter(number).PREDICTIONS.values():
        assert isinstance(prediction, Prediction)
        outcome = prediction.outcome()
        untouched = compare_prediction(prediction, ...)
        assert untouched.status == "not attempted"
        assert prediction.explain(outcome) in untouched.message
        assert compare_prediction(prediction, outcome).passed
        if prediction.kind == "number":
            wrong = compare_prediction(prediction, float(outcome) * 2 + 1)
            assert not wrong.passed and "high" in wrong.message
        elif prediction.kind == "yes/no":
            assert not compare_prediction(prediction, not outcome).passed


@pytest.mark.parametrize("number", CHAPTERS)
def test_self_check_cell_is_generated_from_the_package(number):
    questions = chapter(number).SELF_CHECK
    assert 3 <= len(questions) <= 6
    assert all(isinstance(q, Question) for q in questions)
    expected = self_check_markdown(questions)
    cells = chapter_notebook(number)["cells"]
    matches = [i for i, c in enumerate(cells) if source(c) == expected]
    assert matches, "the chapter's self-check cell differs from self_check_markdown()"
    later_headings = [
        source(c).splitlines()[0]
        for c in cells[matches[0] + 1 :]
        if c["cell_type"] == "markdown" and source(c).startswith("## ")
    ]
    assert all("reading" in h.lower() for h in later_headings), later_headings


@pytest.mark.parametrize("number", CHAPTERS)
def test_self_check_keys_are_what_the_package_computes(number):
    for question in chapter(number).SELF_CHECK:
        assert question.key.startswith(f"ch{number}-"), question.key
        for option in question.options:
            assert option.why.strip(), f"{question.key}: an option without an explanation"
        if question.verify is not None:
            computed = question.verify()
            if question.options:
                assert computed == question.answer, question.key
            else:
                assert computed == pytest.approx(question.number, rel=question.rtol)
        letter = "abcdefgh"[question.answer] if question.options else question.number
        assert check_answer(question, letter).passed


def test_self_check_markdown_folds_every_answer():
    question = Question(
        "ch0-demo",
        "What is σ(0)?",
        options=(
            __import__("sigmoid_lab.checks.selfcheck", fromlist=["Option"]).Option(
                "½", True, "σ(0) = 1/(1 + e⁰) = ½."
            ),
            __import__("sigmoid_lab.checks.selfcheck", fromlist=["Option"]).Option(
                "0", False, "0 is where its input is, not its output."
            ),
        ),
    )
    text = self_check_markdown([question])
    assert text.startswith("## Check yourself")
    assert "<details><summary>Answer</summary>\n\n**Answer: (a).**" in text
    assert "- **(b) not quite.** 0 is where" in text
    assert check_answer(question, "b").status == "failed"
    assert check_answer(question, "(A)").passed
    assert check_answer(question, "z").message.startswith("Answer with one letter")
    assert check_answer(question, ...).status == "not attempted"


def test_a_question_with_two_right_options_is_refused():
    from sigmoid_lab.checks.selfcheck import Option

    with pytest.raises(ValueError, match="exactly one option"):
        Question("x", "?", options=(Option("a", True, "."), Option("b", True, ".")))


def test_compare_prediction_says_high_or_low_and_uses_hints():
    prediction = Prediction(
        "ch0-depth",
        "How many layers?",
        outcome=lambda: 10,
        explanation=lambda n: f"¼^{n} is the first below 1e-6.",
        unit="layers",
        hints=((lambda guess, outcome: guess == 20, "That is the count for ½ per layer."),),
    )
    assert "low" in compare_prediction(prediction, 5).message
    assert "½ per layer" in compare_prediction(prediction, 20).message
    assert "¼^10" in compare_prediction(prediction, 20).message
    assert compare_prediction(prediction, 10).passed
    assert "Write a number" in compare_prediction(prediction, "ten").message
    with pytest.raises(TypeError, match="Prediction"):
        compare_prediction("ch0-depth", 3)
