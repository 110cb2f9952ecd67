"""The works behind the course, with their dates, as one list for the timeline and further reading.

Each chapter ends with further reading drawn from here (:func:`further_reading_markdown`), and
``notebooks/references.ipynb`` shows the whole list as a timeline (:func:`timeline_markdown`).
Keeping the list as data means a date is written once: ``tests/test_references.py`` checks that
the pages show what is generated here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["REFERENCES", "Reference", "further_reading_markdown", "get", "timeline_markdown"]


@dataclass(frozen=True)
class Reference:
    """One cited work.

    Attributes
    ----------
    key : str
        A short name, first author and year, e.g. ``"glorot2010"``.
    authors : str
        As the course cites them, e.g. ``"Glorot & Bengio"``.
    year : int
        Year of publication (for a thesis, of submission).
    title : str
        The title as published.
    venue : str
        Journal, proceedings or institution, with volume and pages where there are some.
    contribution : str
        One sentence: why the course cites it.
    chapters : tuple of int
        The chapters whose further reading lists it.
    """

    key: str
    authors: str
    year: int
    title: str
    venue: str
    contribution: str
    chapters: tuple[int, ...]

    def citation(self) -> str:
        """Authors (year). *Title*. Venue."""
        return f"{self.authors} ({self.year}). *{self.title}*. {self.venue}."


#: The cited works, oldest first.
REFERENCES: tuple[Reference, ...] = (
    Reference(
        "verhulst1838",
        "Verhulst, P.-F.",
        1838,
        "Notice sur la loi que la population suit dans son accroissement",
        "Correspondance mathématique et physique 10, 113–121",
        "The logistic curve, as a model of population growth.",
        (2,),
    ),
    Reference(
        "verhulst1845",
        "Verhulst, P.-F.",
        1845,
        "Recherches mathématiques sur la loi d'accroissement de la population",
        "Nouveaux mémoires de l'Académie royale des sciences et belles-lettres de Bruxelles "
        "18, 1–42",
        "Names the curve *logistique*.",
        (2,),
    ),
    Reference(
        "mcculloch1943",
        "McCulloch, W. S. & Pitts, W.",
        1943,
        "A logical calculus of the ideas immanent in nervous activity",
        "Bulletin of Mathematical Biophysics 5, 115–133",
        "The threshold neuron: a weighted sum compared with a threshold.",
        (1,),
    ),
    Reference(
        "berkson1944",
        "Berkson, J.",
        1944,
        "Application of the logistic function to bio-assay",
        "Journal of the American Statistical Association 39(227), 357–365",
        "Coins the word *logit*.",
        (2, 4),
    ),
    Reference(
        "bradley1952",
        "Bradley, R. A. & Terry, M. E.",
        1952,
        "Rank analysis of incomplete block designs: I. The method of paired comparisons",
        "Biometrika 39(3/4), 324–345",
        "The probability that one item beats another as a sigmoid of their score difference.",
        (6,),
    ),
    Reference(
        "rosenblatt1958",
        "Rosenblatt, F.",
        1958,
        "The perceptron: a probabilistic model for information storage and organization in "
        "the brain",
        "Psychological Review 65(6), 386–408",
        "The perceptron, a threshold unit trained without gradients.",
        (1,),
    ),
    Reference(
        "cox1958",
        "Cox, D. R.",
        1958,
        "The regression analysis of binary sequences",
        "Journal of the Royal Statistical Society, Series B 20(2), 215–242",
        "Logistic regression for binary outcomes.",
        (4,),
    ),
    Reference(
        "novikoff1962",
        "Novikoff, A. B. J.",
        1962,
        "On convergence proofs on perceptrons",
        "Proceedings of the Symposium on the Mathematical Theory of Automata 12, 615–622",
        "The perceptron rule stops making mistakes after finitely many updates on separable data.",
        (1,),
    ),
    Reference(
        "linnainmaa1970",
        "Linnainmaa, S.",
        1970,
        "The representation of the cumulative rounding error of an algorithm as a Taylor "
        "expansion of the local rounding errors",
        "Master's thesis (in Finnish), University of Helsinki",
        "Reverse-mode automatic differentiation, the algorithm behind backpropagation.",
        (1,),
    ),
    Reference(
        "werbos1974",
        "Werbos, P. J.",
        1974,
        "Beyond regression: new tools for prediction and analysis in the behavioral sciences",
        "PhD thesis, Harvard University",
        "Proposes training neural networks by backpropagating derivatives.",
        (1,),
    ),
    Reference(
        "rumelhart1986",
        "Rumelhart, D. E., Hinton, G. E. & Williams, R. J.",
        1986,
        "Learning representations by back-propagating errors",
        "Nature 323, 533–536",
        "Popularised backpropagation through layers of sigmoid units.",
        (1, 3),
    ),
    Reference(
        "cybenko1989",
        "Cybenko, G.",
        1989,
        "Approximation by superpositions of a sigmoidal function",
        "Mathematics of Control, Signals and Systems 2, 303–314",
        "One hidden layer of sigmoids can approximate any continuous function on the unit cube.",
        (1, 5),
    ),
    Reference(
        "hornik1989",
        "Hornik, K., Stinchcombe, M. & White, H.",
        1989,
        "Multilayer feedforward networks are universal approximators",
        "Neural Networks 2(5), 359–366",
        "The same approximation result for a wide class of activations.",
        (1,),
    ),
    Reference(
        "hochreiter1991",
        "Hochreiter, S.",
        1991,
        "Untersuchungen zu dynamischen neuronalen Netzen",
        "Diploma thesis, Technische Universität München",
        "The first analysis of vanishing gradients.",
        (3,),
    ),
    Reference(
        "bengio1994",
        "Bengio, Y., Simard, P. & Frasconi, P.",
        1994,
        "Learning long-term dependencies with gradient descent is difficult",
        "IEEE Transactions on Neural Networks 5(2), 157–166",
        "Why gradients vanish or explode over long chains of steps.",
        (3,),
    ),
    Reference(
        "hochreiter1997",
        "Hochreiter, S. & Schmidhuber, J.",
        1997,
        "Long short-term memory",
        "Neural Computation 9(8), 1735–1780",
        "The LSTM: a memory cell whose fixed self-connection carries errors across many "
        "steps, guarded by sigmoid input and output gates (the forget gate came in 2000).",
        (6,),
    ),
    Reference(
        "lecun1998",
        "LeCun, Y., Bottou, L., Orr, G. B. & Müller, K.-R.",
        1998,
        "Efficient BackProp",
        "In *Neural Networks: Tricks of the Trade*, Lecture Notes in Computer Science 1524, "
        "9–50, Springer",
        "Practical advice: standardise the inputs, prefer tanh to the sigmoid in hidden layers.",
        (3, 4),
    ),
    Reference(
        "gers2000",
        "Gers, F. A., Schmidhuber, J. & Cummins, F.",
        2000,
        "Learning to forget: continual prediction with LSTM",
        "Neural Computation 12(10), 2451–2471",
        "Adds the LSTM's sigmoid forget gate.",
        (6,),
    ),
    Reference(
        "glorot2010",
        "Glorot, X. & Bengio, Y.",
        2010,
        "Understanding the difficulty of training deep feedforward neural networks",
        "Proceedings of AISTATS, PMLR 9, 249–256",
        "Saturation of sigmoid layers, and the Xavier initialisation.",
        (3, 5),
    ),
    Reference(
        "nair2010",
        "Nair, V. & Hinton, G. E.",
        2010,
        "Rectified linear units improve restricted Boltzmann machines",
        "Proceedings of ICML, 807–814",
        "Rectified linear units.",
        (5,),
    ),
    Reference(
        "glorot2011",
        "Glorot, X., Bordes, A. & Bengio, Y.",
        2011,
        "Deep sparse rectifier neural networks",
        "Proceedings of AISTATS, PMLR 15, 315–323",
        "Deep networks of ReLUs train well without unsupervised pre-training.",
        (5,),
    ),
    Reference(
        "krizhevsky2012",
        "Krizhevsky, A., Sutskever, I. & Hinton, G. E.",
        2012,
        "ImageNet classification with deep convolutional neural networks",
        "Advances in Neural Information Processing Systems 25, 1097–1105",
        "A deep ReLU network wins ImageNet; ReLU trained several times faster than tanh.",
        (5,),
    ),
    Reference(
        "maas2013",
        "Maas, A. L., Hannun, A. Y. & Ng, A. Y.",
        2013,
        "Rectifier nonlinearities improve neural network acoustic models",
        "ICML Workshop on Deep Learning for Audio, Speech and Language Processing",
        "The leaky ReLU.",
        (5,),
    ),
    Reference(
        "mikolov2013",
        "Mikolov, T., Sutskever, I., Chen, K., Corrado, G. & Dean, J.",
        2013,
        "Distributed representations of words and phrases and their compositionality",
        "Advances in Neural Information Processing Systems 26, 3111–3119",
        "word2vec's negative sampling, a sigmoid of a dot product.",
        (6,),
    ),
    Reference(
        "cho2014",
        "Cho, K., van Merriënboer, B., Gulcehre, C., Bahdanau, D., Bougares, F., "
        "Schwenk, H. & Bengio, Y.",
        2014,
        "Learning phrase representations using RNN encoder–decoder for statistical machine "
        "translation",
        "Proceedings of EMNLP, 1724–1734",
        "The gated recurrent unit (GRU), whose state is a sigmoid-gated mix of the old state "
        "and a new candidate.",
        (6,),
    ),
    Reference(
        "he2015",
        "He, K., Zhang, X., Ren, S. & Sun, J.",
        2015,
        "Delving deep into rectifiers: surpassing human-level performance on ImageNet "
        "classification",
        "Proceedings of ICCV, 1026–1034",
        "The He initialisation for ReLU networks.",
        (5,),
    ),
    Reference(
        "hendrycks2016",
        "Hendrycks, D. & Gimpel, K.",
        2016,
        "Gaussian error linear units (GELUs)",
        "arXiv:1606.08415",
        "GELU, x·Φ(x).",
        (5,),
    ),
    Reference(
        "christiano2017",
        "Christiano, P. F., Leike, J., Brown, T. B., Martic, M., Legg, S. & Amodei, D.",
        2017,
        "Deep reinforcement learning from human preferences",
        "Advances in Neural Information Processing Systems 30, 4299–4307",
        "Reward models learned from pairwise human preferences with the Bradley–Terry model.",
        (6,),
    ),
    Reference(
        "ramachandran2017",
        "Ramachandran, P., Zoph, B. & Le, Q. V.",
        2017,
        "Searching for activation functions",
        "arXiv:1710.05941",
        "Swish, x·σ(βx), found by automated search; with β = 1 it is SiLU.",
        (5,),
    ),
    Reference(
        "shazeer2020",
        "Shazeer, N.",
        2020,
        "GLU variants improve Transformer",
        "arXiv:2002.05202",
        "SwiGLU, a SiLU-gated feed-forward layer for Transformers.",
        (6,),
    ),
    Reference(
        "chowdhery2022",
        "Chowdhery, A. et al.",
        2022,
        "PaLM: scaling language modeling with Pathways",
        "arXiv:2204.02311",
        "A large language model whose feed-forward layers use SwiGLU.",
        (6,),
    ),
    Reference(
        "ouyang2022",
        "Ouyang, L. et al.",
        2022,
        "Training language models to follow instructions with human feedback",
        "Advances in Neural Information Processing Systems 35, 27730–27744",
        "Bradley–Terry reward models for language models.",
        (6,),
    ),
    Reference(
        "touvron2023",
        "Touvron, H. et al.",
        2023,
        "LLaMA: open and efficient foundation language models",
        "arXiv:2302.13971",
        "Another language model with SwiGLU feed-forward layers.",
        (6,),
    ),
)


def get(key: str) -> Reference:
    """The reference with this key.

    Raises
    ------
    KeyError
        If there is none; the message lists the keys.
    """
    for reference in REFERENCES:
        if reference.key == key:
            return reference
    keys = ", ".join(reference.key for reference in REFERENCES)
    raise KeyError(f"get: no reference {key!r}; the keys are {keys}.")


def timeline_markdown() -> str:
    """Every reference as a Markdown table, oldest first: year, work, why it matters."""
    lines = ["| Year | Work | Why the course cites it |", "|---|---|---|"]
    for reference in REFERENCES:
        lines.append(f"| {reference.year} | {reference.citation()} | {reference.contribution} |")
    return "\n".join(lines)


def further_reading_markdown(chapter: int) -> str:
    """The "Further reading" list that ends a chapter: its references, oldest first.

    Raises
    ------
    ValueError
        If no reference is listed for ``chapter``.
    """
    chosen = [reference for reference in REFERENCES if chapter in reference.chapters]
    if not chosen:
        raise ValueError(f"further_reading_markdown: no reference lists chapter {chapter}.")
    items = [f"- {reference.citation()} {reference.contribution}" for reference in chosen]
    return "\n".join(["**Further reading**", "", *items])
