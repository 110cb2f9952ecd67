"""Input checks shared by the numerical modules.

Every public function of the package turns its inputs into NumPy arrays here, so that a
student who passes a string, ``None`` or a complex number gets the same kind of message
everywhere: which function complained, what it expected and what it got.
"""

from __future__ import annotations

import numbers
import reprlib

import numpy as np

__all__ = ["as_float_array", "as_real_scalar", "scalar_or_array"]

#: Floating dtypes that are kept as they are; every other real input becomes float64.
KEPT_FLOAT_DTYPES = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))

_EXPECTED = "numbers (a float, a list of floats or a NumPy array)"

_short_repr = reprlib.Repr()
_short_repr.maxstring = 40
_short_repr.maxother = 40
_short_repr.maxlist = 4


def _describe(value) -> str:
    """Say in a few words what ``value`` is, for an error message."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "O":
            for index, item in np.ndenumerate(value):
                if not _is_real_number(item):
                    where = "".join(f"[{i}]" for i in index)
                    return f"a NumPy array of dtype object containing {_describe(item)} at {where}"
        return f"a NumPy array of dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        kind = type(value).__name__
        for index, item in _walk(value):
            if not _is_real_number(item):
                where = "".join(f"[{i}]" for i in index)
                return f"a {kind} containing {_describe(item)} at {where}"
        return f"a {kind}"
    return f"{type(value).__name__} {_short_repr.repr(value)}"


def _walk(value, index=()):
    """Yield ``(index, item)`` for every leaf of a nested list or tuple."""
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, (*index, i))
    else:
        yield index, value


def _is_real_number(value) -> bool:
    return isinstance(value, (numbers.Real, np.bool_)) or (
        isinstance(value, np.ndarray) and value.dtype.kind in "biuf"
    )


def _type_error(func: str, name: str | None, value, extra: str = "") -> TypeError:
    subject = "numbers" if name is None else f"{name} to be numbers"
    expected = _EXPECTED.replace("numbers", subject, 1)
    return TypeError(f"{func}() expects {expected}, got {_describe(value)}.{extra}")


def _hint_for(value, arr: np.ndarray | None) -> str:
    """A suggestion that fits the most common wrong inputs."""
    if value is None:
        return " None often comes from a function that has no return statement."
    kind = arr.dtype.kind if arr is not None else None
    if isinstance(value, (str, bytes)) or kind in ("U", "S"):
        return " If the text holds a number, convert it first, for example with float(...)."
    if isinstance(value, (complex, np.complexfloating)) or kind == "c":
        return (
            " This function is defined for real numbers; pass the real part (z.real) "
            "if that is what you mean."
        )
    if kind in ("m", "M"):
        return " Convert dates and durations to numbers first."
    return ""


def as_float_array(x, *, func: str, name: str | None = None, finite: bool = False) -> np.ndarray:
    """Convert ``x`` to a floating-point NumPy array, or raise a clear error.

    Parameters
    ----------
    x : array_like
        A Python number, a (nested) list or tuple of numbers, or a NumPy array.
    func : str
        Name of the public function doing the check; it starts every error message.
    name : str, optional
        Name of the argument, used in messages when a function takes several arrays
        (``"X"``, ``"y"``). Leave it out for a function of a single ``x``.
    finite : bool, default False
        If True, NaN and infinite values raise a ``ValueError`` that says where they are.

    Returns
    -------
    numpy.ndarray
        float16, float32 and float64 arrays are returned as they are (no copy); booleans,
        integers and other real types become float64. A scalar gives a 0-d array: pass the
        result of the computation through :func:`scalar_or_array` to hand a NumPy scalar back.

    Raises
    ------
    TypeError
        For strings, ``None``, complex numbers, dates and other non-numbers, naming ``func``
        and what it received.
    ValueError
        For ragged nested lists, integers too large for a float, and (with ``finite=True``)
        NaN or infinity.

    Examples
    --------
    >>> as_float_array([1, 2], func="sigmoid")
    array([1., 2.])
    >>> as_float_array("abc", func="sigmoid")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: sigmoid() expects numbers (a float, ...), got str 'abc'. If the text ...
    """
    if x is None:
        raise _type_error(func, name, x, _hint_for(x, None))
    try:
        arr = np.asarray(x)
    except ValueError as exc:
        if "inhomogeneous" in str(exc) or "sequence" in str(exc):
            what = "x" if name is None else name
            raise ValueError(
                f"{func}() expects {what} to be rectangular: every row of a nested list "
                f"must have the same length ({exc})."
            ) from None
        raise

    dtype = arr.dtype
    if dtype in KEPT_FLOAT_DTYPES:
        pass
    elif dtype.kind in "biuf":
        arr = arr.astype(np.float64)
    elif dtype.kind == "O":
        arr = _from_objects(x, arr, func=func, name=name)
    else:
        raise _type_error(func, name, x, _hint_for(x, arr))

    if finite and arr.size and not np.isfinite(arr).all():
        raise _nonfinite_error(arr, func=func, name=name)
    return arr


def _from_objects(x, arr: np.ndarray, *, func: str, name: str | None) -> np.ndarray:
    """Accept an object array only when every element is a real number."""
    for item in arr.flat:
        if not _is_real_number(item):
            raise _type_error(func, name, x, _hint_for(item, None))
    try:
        return arr.astype(np.float64)
    except OverflowError:
        what = "x" if name is None else name
        raise ValueError(
            f"{func}() got an integer in {what} too large to be represented as a float "
            f"(the largest float is about 1.8e308)."
        ) from None


def _nonfinite_error(arr: np.ndarray, *, func: str, name: str | None) -> ValueError:
    bad = np.argwhere(~np.isfinite(arr))
    what = "x" if name is None else name
    first = tuple(int(i) for i in bad[0])
    where = f" at index {first[0] if len(first) == 1 else first}" if arr.ndim else ""
    value = arr[first] if arr.ndim else arr[()]
    more = f" ({len(bad) - 1} more non-finite values)" if len(bad) > 1 else ""
    return ValueError(
        f"{func}() needs finite numbers in {what}, found {value}{where}{more}. "
        f"Remove or replace NaN and infinite values first (numpy.isfinite finds them)."
    )


def scalar_or_array(result: np.ndarray):
    """Return a 0-d result as a NumPy scalar of the same dtype, anything else unchanged.

    This mirrors NumPy's ufuncs: ``np.exp(0.0)`` is ``np.float64(1.0)``, not a 0-d array.
    """
    return result[()] if result.ndim == 0 else result


def as_real_scalar(value, *, func: str, name: str) -> float:
    """Check that ``value`` is one real, finite number and return it as a Python float.

    Parameters
    ----------
    value : object
        The argument to check (a Python or NumPy number; booleans are refused because
        ``True`` as a number is almost always a mistake).
    func, name : str
        The calling function and the argument, for the error messages.

    Raises
    ------
    TypeError
        If ``value`` is not a single real number.
    ValueError
        If it is NaN or infinite.

    Examples
    --------
    >>> as_real_scalar(0.1, func="leaky_relu", name="slope")
    0.1
    """
    is_number = isinstance(value, numbers.Real) or (
        isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf"
    )
    if not is_number or isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"{func}() expects {name} to be a single real number, got {_describe(value)}."
        )
    result = float(value)
    if not np.isfinite(result):
        raise ValueError(f"{func}() expects {name} to be a finite number, got {result}.")
    return result
