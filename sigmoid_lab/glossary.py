"""The course's bilingual glossary: each term in English and Simplified Chinese, with a definition.

The article the course follows is written in Chinese, and so are many of its readers. Every
technical term the chapters use is listed here once, with the Chinese term a reader will meet
in Chinese textbooks and papers. Where the article itself uses a term, its own words are
given exactly as printed (``in_article=True``; ``tests/test_glossary.py`` checks them against
the article's text).

``notebooks/glossary.ipynb`` shows the table made by :func:`glossary_markdown`, and the test
keeps the two identical.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TERMS", "Term", "glossary_markdown", "lookup"]


@dataclass(frozen=True)
class Term:
    """One entry of the glossary.

    Attributes
    ----------
    english : str
        The term as the course writes it.
    chinese : str
        The usual Simplified Chinese term; for a term of the article, its own words.
    definition : str
        One or two sentences, in English, precise enough to check a use of the term against.
    chapter : int
        The course chapter that introduces it (0 for the start page).
    in_article : bool
        True when ``chinese`` is quoted from the article, which uses exactly these characters.
    """

    english: str
    chinese: str
    definition: str
    chapter: int
    in_article: bool = False


#: Every term, in alphabetical order of the English term (the test keeps the order).
TERMS: tuple[Term, ...] = (
    Term(
        "activation function",
        "激活函数",
        "The function a neuron applies to its weighted sum; a nonlinear one lets a stack of "
        "layers represent more than a single affine map.",
        1,
        True,
    ),
    Term(
        "backpropagation",
        "反向传播",
        "Computing the gradient of a network's loss with the chain rule, from the output layer "
        "back to the first.",
        1,
    ),
    Term("bias", "偏置", "The constant b added to a neuron's weighted sum, w·x + b.", 1),
    Term(
        "binary classification",
        "二分类问题",
        "Predicting which of two classes, labelled 0 and 1, an example belongs to.",
        2,
        True,
    ),
    Term(
        "broadcasting",
        "广播",
        "NumPy's rule for combining arrays of different shapes; (m, 1) − (m,) gives an (m, m) "
        "array, the bug hidden in the article's code.",
        4,
    ),
    Term(
        "calibration",
        "校准",
        "Agreement between predicted probabilities and observed frequencies: of the examples "
        "given p = 0.8, about 80 % are of class 1.",
        2,
    ),
    Term(
        "chain rule",
        "链式法则",
        "The derivative of f(g(x)) is f′(g(x))·g′(x); through n layers the factors multiply.",
        3,
    ),
    Term(
        "convex function",
        "凸函数",
        "A function whose graph lies on or below every chord; every local minimum is a global "
        "one.",
        4,
    ),
    Term(
        "cross-entropy (log-loss)",
        "交叉熵（对数损失）",
        "The loss −[y log p + (1 − y) log(1 − p)] of a predicted probability p for a label y; "
        "its sum over the examples is the negative log-likelihood of Bernoulli labels, and "
        "its mean that divided by n.",
        4,
    ),
    Term(
        "decision boundary",
        "决策边界",
        "The set of inputs where a classifier's predicted probability is exactly 1/2; for "
        "logistic regression, the line w·x + b = 0.",
        4,
    ),
    Term(
        "derivative",
        "导数",
        "The rate of change of a function of one variable, such as σ′(x) = σ(x)(1 − σ(x)).",
        3,
    ),
    Term(
        "early stopping",
        "早停",
        "Ending training at the step where accuracy on held-out validation data is best, "
        "before the model fits the training noise.",
        5,
    ),
    Term(
        "exploding gradient",
        "梯度爆炸",
        "Gradients that grow without bound as they pass back through many layers; through "
        "sigmoid layers this needs a weight matrix with spectral norm ‖W‖₂ > 4, since "
        "σ′ ≤ 1/4.",
        3,
        True,
    ),
    Term(
        "finite difference",
        "有限差分",
        "An estimate of a derivative from function values, such as (f(x + h) − f(x − h)) / 2h.",
        3,
    ),
    Term(
        "float32 (single precision)",
        "单精度浮点数",
        "A 32-bit floating-point number with a 24-bit significand: numbers just above 1 are "
        "2⁻²³ ≈ 1.2 × 10⁻⁷ apart.",
        3,
    ),
    Term(
        "gate",
        "门（门控）",
        "A sigmoid output in (0, 1) that scales how much of a signal passes, as in LSTM and GRU "
        "cells.",
        6,
    ),
    Term(
        "gradient",
        "梯度",
        "The vector of partial derivatives of a loss with respect to the parameters, ∇L.",
        3,
        True,
    ),
    Term(
        "gradient clipping",
        "梯度裁剪",
        "Scaling the gradient down when its norm exceeds a limit; it acts on the gradient, not "
        "on the weights.",
        3,
    ),
    Term(
        "gradient descent",
        "梯度下降",
        "Repeatedly moving the parameters a step against the gradient: θ ← θ − α∇L(θ).",
        4,
        True,
    ),
    Term(
        "GRU (gated recurrent unit)",
        "门控循环单元",
        "A recurrent cell whose new state is a sigmoid-gated mix of its old state and a new "
        "candidate (Cho et al., 2014).",
        6,
    ),
    Term(
        "He initialisation",
        "He 初始化",
        "Initial weights with variance 2 / fan-in, chosen for ReLU layers (He et al., 2015).",
        5,
    ),
    Term(
        "held-out (test) set",
        "测试集",
        "Examples kept out of training, on which a model's accuracy estimates how it does on "
        "new data.",
        4,
    ),
    Term(
        "label noise",
        "标签噪声",
        "Labels that disagree with the rule that generated the data, which caps the accuracy "
        "any model can reach on new examples.",
        4,
    ),
    Term(
        "learning rate",
        "学习率",
        "The step size α of gradient descent (``lr`` in the code).",
        4,
    ),
    Term(
        "likelihood",
        "似然",
        "The probability of the observed labels as a function of the parameters.",
        4,
    ),
    Term(
        "Lipschitz constant (of the gradient)",
        "利普希茨常数",
        "A bound L with ‖∇L(a) − ∇L(b)‖ ≤ L‖a − b‖; a fixed step below 2/L is guaranteed to "
        "decrease the loss.",
        4,
    ),
    Term(
        "logistic regression",
        "逻辑回归",
        "The model P(y = 1 | x) = σ(w·x + b), fitted by maximum likelihood.",
        4,
        True,
    ),
    Term(
        "logit (log-odds)",
        "对数几率",
        "logit(p) = ln(p / (1 − p)), the inverse of the sigmoid; a score z is the log-odds "
        "of the probability σ(z).",
        2,
    ),
    Term(
        "LSTM (long short-term memory)",
        "长短期记忆网络",
        "A recurrent cell whose memory is updated as c = f⊙c + i⊙c̃, with sigmoid forget and "
        "input gates f and i (Hochreiter & Schmidhuber, 1997; Gers et al., 2000).",
        6,
    ),
    Term(
        "multi-label classification",
        "多标签分类",
        "Predicting several yes-or-no labels at once, one sigmoid per label, so that any "
        "combination can be on.",
        6,
    ),
    Term(
        "neuron",
        "神经元",
        "A unit that computes an activation function of a weighted sum of its inputs plus a bias.",
        1,
        True,
    ),
    Term(
        "odds", "几率", "The ratio p / (1 − p) of the probability of an event to its opposite.", 2
    ),
    Term(
        "overfitting",
        "过拟合",
        "Fitting the training data, noise included, better than the rule that generated it, so "
        "that held-out accuracy falls below what a simpler fit reaches.",
        2,
        True,
    ),
    Term(
        "overflow / underflow",
        "上溢 / 下溢",
        "A result too large for the floating-point format (it becomes inf), or too small (it "
        "becomes a subnormal number or 0).",
        2,
    ),
    Term(
        "regularisation (L2)",
        "正则化（L2）",
        "Adding (λ/2)‖w‖₂² to the loss, which keeps weights from growing without bound.",
        4,
    ),
    Term(
        "ReLU",
        "ReLU（Rectified Linear Unit）",
        "The activation max(0, x); its slope is exactly 1 for x > 0.",
        5,
        True,
    ),
    Term(
        "saturation",
        "饱和",
        "The flat tails of the sigmoid, where σ is near 0 or 1 and σ′ is near 0, so little "
        "gradient passes.",
        3,
    ),
    Term(
        "sigmoid function",
        "sigmoid函数",
        "σ(x) = 1 / (1 + e⁻ˣ), the logistic function: an S-shaped curve from 0 to 1.",
        1,
        True,
    ),
    Term(
        "softmax",
        "softmax 函数",
        "softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ, the generalisation of the sigmoid to several classes: "
        "σ(z) = softmax([z, 0])₀.",
        6,
    ),
    Term(
        "spectral norm",
        "谱范数",
        "‖W‖₂, the largest singular value of a matrix: the most it can stretch a vector.",
        3,
    ),
    Term(
        "vanishing gradient",
        "梯度消失",
        "Gradients that shrink towards 0 as they pass back through many layers; each sigmoid "
        "layer multiplies by σ′ ≤ 1/4.",
        3,
        True,
    ),
    Term(
        "Xavier (Glorot) initialisation",
        "Xavier 初始化",
        "Initial weights with variance 2 / (fan-in + fan-out) (Glorot & Bengio, 2010).",
        5,
    ),
)


def lookup(english: str) -> Term:
    """The glossary entry for an English term (case does not matter).

    Raises
    ------
    KeyError
        If the term is not in the glossary; the message lists the terms.
    """
    for term in TERMS:
        if term.english.lower() == english.lower():
            return term
    known = ", ".join(term.english for term in TERMS)
    raise KeyError(f"lookup: no glossary term {english!r}; the terms are: {known}.")


def glossary_markdown() -> str:
    """The glossary as a Markdown table, as shown on the glossary page.

    The chapter column links to the chapter notebook that introduces the term.
    """
    from sigmoid_lab.course import CHAPTERS, CONTENTS  # course imports nothing from here

    files = {0: CONTENTS, **{chapter.number: chapter.file for chapter in CHAPTERS}}
    lines = [
        "| English | 中文 | Meaning | Chapter |",
        "|---|---|---|---|",
    ]
    for term in TERMS:
        chinese = f"{term.chinese} †" if term.in_article else term.chinese
        link = f"[{term.chapter}]({files[term.chapter]})"
        # A "|" inside a cell (as in P(y = 1 | x)) would end the cell: escape it.
        cells = (term.english, chinese, term.definition.replace("|", "\\|"), link)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
