"""The language of the package's messages and figure labels: English (default) or Chinese.

One call chooses it for the whole Python session::

    import sigmoid_lab as sl

    sl.set_language("zh")   # 简体中文: errors for bad input, advice, figure titles and labels
    sl.set_language("en")   # back to English, the default

The environment variable ``SIGMOID_LAB_LANG`` (``en`` or ``zh``) gives the language a session
starts with, for example for a whole Jupyter server::

    SIGMOID_LAB_LANG=zh jupyter lab

:func:`set_language` always wins over the variable. The Chinese notebooks under
``notebooks/zh/`` call ``set_language("zh")`` in one code cell of their own, just before their
first code cell; every other code cell is the English edition's, character for character. So
the text a notebook's code writes for its reader is translated when it runs: the code imports
``from sigmoid_lab.i18n import gettext as _`` and writes ``print(_("training accuracy:"), acc)``;
those texts are in the package catalogue too.

The translations are gettext catalogues shipped with the package
(``sigmoid_lab/locale/zh_CN/LC_MESSAGES/sigmoid_lab.po`` and its compiled ``.mo``). Messages
are looked up when they are made, so an error raised or a figure drawn after the call is in
the new language. Technical terms follow :mod:`sigmoid_lab.glossary`.

A translator who changes the catalogue runs ``python tools/translate_notebooks.py update``
(new English in, changed English marked fuzzy), edits the ``.po`` file, then
``python tools/translate_notebooks.py build`` (compiles the ``.mo``) and
``python tools/translate_notebooks.py check``.
"""

from __future__ import annotations

import gettext as _gettext
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "LANGUAGES",
    "N_",
    "get_language",
    "gettext",
    "language",
    "set_language",
]

#: The languages the package speaks: code -> (gettext locale, name in that language).
LANGUAGES = {"en": (None, "English"), "zh": ("zh_CN", "简体中文")}

#: Read once, the first time a message is made, when :func:`set_language` was not called.
ENVIRONMENT_VARIABLE = "SIGMOID_LAB_LANG"

DOMAIN = "sigmoid_lab"

# Spellings people write for the two languages; all mean one of LANGUAGES.
_ALIASES = {
    "en": "en",
    "en_us": "en",
    "en_gb": "en",
    "english": "en",
    "zh": "zh",
    "zh_cn": "zh",
    "zh_hans": "zh",
    "zh_hans_cn": "zh",
    "chinese": "zh",
    "中文": "zh",
    "简体中文": "zh",
}

_current: str | None = None
_catalogues: dict[str, _gettext.NullTranslations] = {}


def _normalise(code: object) -> str | None:
    if not isinstance(code, str):
        return None
    return _ALIASES.get(code.strip().lower().replace("-", "_"))


def set_language(code: str) -> None:
    """Choose the language of the package's messages and figure labels.

    Parameters
    ----------
    code : str
        ``"en"`` (English, the default) or ``"zh"`` (Simplified Chinese, 简体中文);
        ``"zh-CN"``, ``"zh_Hans"`` and ``"中文"`` mean ``"zh"`` too.

    Raises
    ------
    ValueError
        For a language the package does not speak.

    Examples
    --------
    >>> import sigmoid_lab as sl
    >>> sl.set_language("zh")
    >>> sl.get_language()
    'zh'
    >>> sl.set_language("en")
    """
    global _current
    normalised = _normalise(code)
    if normalised is None:
        raise ValueError(
            f"set_language() expects one of {', '.join(map(repr, LANGUAGES))}, got {code!r}."
        )
    _current = normalised


def get_language() -> str:
    """The language in force: ``"en"`` or ``"zh"``.

    Until :func:`set_language` is called this is the environment variable
    ``SIGMOID_LAB_LANG`` if it names a language the package speaks, else English.
    """
    global _current
    if _current is None:
        value = os.environ.get(ENVIRONMENT_VARIABLE, "")
        _current = _normalise(value) if value else "en"
        if _current is None:
            _current = "en"
            warnings.warn(
                f"{ENVIRONMENT_VARIABLE}={value!r} is not a language sigmoid_lab speaks "
                f"({', '.join(LANGUAGES)}); using English.",
                UserWarning,
                stacklevel=2,
            )
    return _current


@contextmanager
def language(code: str) -> Iterator[str]:
    """Use ``code`` inside a ``with`` block, then restore the language that was in force.

    Examples
    --------
    >>> from sigmoid_lab.i18n import gettext, language
    >>> with language("zh"):
    ...     print(gettext("input x"))
    输入 x
    """
    before = get_language()
    set_language(code)
    try:
        yield _normalise(code)
    finally:
        set_language(before)


def locale_directory():
    """The folder that holds the package's compiled catalogues."""
    return resources.files("sigmoid_lab").joinpath("locale")


def _catalogue(code: str) -> _gettext.NullTranslations:
    found = _catalogues.get(code)
    if found is None:
        locale = LANGUAGES[code][0]
        if locale is None:
            found = _gettext.NullTranslations()
        else:
            mo = locale_directory().joinpath(locale, "LC_MESSAGES", f"{DOMAIN}.mo")
            with mo.open("rb") as handle:
                found = _gettext.GNUTranslations(handle)
        _catalogues[code] = found
    return found


def gettext(message: str) -> str:
    """``message`` in the language in force (the English itself when it has no translation).

    The package marks every message a learner reads with this function, imported as ``_``.
    """
    return _catalogue(get_language()).gettext(message)


def pgettext(context: str, message: str) -> str:
    """Like :func:`gettext`, for an English word that needs a context to be translated."""
    return _catalogue(get_language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (for module constants).

    Pass the constant through :func:`gettext` where it is used.
    """
    return message
