"""Input checks shared by the numerical modules.

Every public function of the package turns its inputs into NumPy arrays here, so that a
student who passes a string, ``None``, a complex number, a masked array or a pandas object
gets the same kind of message everywhere: which function complained, what it found, and a fix
written for the type that was passed (a DataFrame has no ``.ravel()``).

Two conventions, both NumPy's own:

- Element-wise functions (the activations) hand the input's container back: a masked array
  keeps its mask, and a pandas Series or DataFrame keeps its index, as ``np.exp`` does. They
  use :func:`elementwise_input`.
- Everything else (losses, training, networks) needs every value: a masked array with masked
  entries is refused with a message that says how to drop or fill them, so that a hidden value
  is never used by accident. They use :func:`as_float_array`.
"""

from __future__ import annotations

import decimal
import numbers
import reprlib
from collections.abc import Callable

import numpy as np

from sigmoid_lab.i18n import gettext as _

__all__ = [
    "as_float_array",
    "as_real_scalar",
    "elementwise_input",
    "finite_rows_hint",
    "flatten_hint",
    "scalar_or_array",
]

#: Floating dtypes that are kept as they are; every other real input becomes float64.
KEPT_FLOAT_DTYPES = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))

_short_repr = reprlib.Repr()
_short_repr.maxstring = 40
_short_repr.maxother = 40
_short_repr.maxlist = 4


# ----------------------------------------------------------------------------- what was passed


def _pandas_kind(value) -> str | None:
    """``"DataFrame"``, ``"Series"`` or ``"Index"`` for a pandas object, else None.

    pandas is not a dependency: an object is recognised by its module, so nothing is imported.
    """
    if not type(value).__module__.startswith("pandas"):
        return None
    if hasattr(value, "columns") and hasattr(value, "iloc"):
        return "DataFrame"
    if hasattr(value, "dtype") and hasattr(value, "to_numpy"):
        return "Series" if hasattr(value, "iloc") else "Index"
    return None


def _is_text(item) -> bool:
    return isinstance(item, (str, bytes, np.str_, np.bytes_))


def _is_missing(item) -> bool:
    """pandas' missing-value marker ``pd.NA`` (or ``pd.NaT``), recognised without pandas."""
    return type(item).__name__ in ("NAType", "NaTType")


def _text_values(items) -> list[str]:
    """The distinct texts among ``items``, sorted, as plain strings."""
    found = {item.decode() if isinstance(item, bytes) else str(item) for item in items}
    return sorted(found)


def _quoted(texts: list[str], limit: int = 4) -> str:
    shown = ", ".join(repr(t) for t in texts[:limit])
    if len(texts) <= limit:
        return shown
    return shown + _(" and {count} more").format(count=len(texts) - limit)


def _all_numeric_text(texts: list[str]) -> bool:
    try:
        for text in texts:
            float(text)
    except ValueError:
        return False
    return True


def _describe(value) -> str:
    """Say in a few words what ``value`` is, for an error message (never a long repr)."""
    if value is None:
        return "None"
    kind = _pandas_kind(value)
    if kind == "DataFrame":
        return _("a pandas DataFrame of shape {shape}").format(shape=value.shape)
    if kind is not None:
        return _("a pandas {kind} of dtype {dtype}").format(kind=kind, dtype=value.dtype)
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "O":
            for index, item in np.ndenumerate(value):
                if not _is_real_number(item):
                    where = "".join(f"[{i}]" for i in index)
                    return _("a NumPy array of dtype object containing {item} at {where}").format(
                        item=_describe(item), where=where
                    )
        return _("a NumPy array of dtype {dtype}").format(dtype=value.dtype)
    if isinstance(value, (list, tuple)):
        for index, item in _walk(value):
            if not _is_real_number(item):
                where = "".join(f"[{i}]" for i in index)
                found = (
                    _("a list containing {item} at {where}")
                    if isinstance(value, list)
                    else _("a tuple containing {item} at {where}")
                )
                return found.format(item=_describe(item), where=where)
        return _container(value)
    return f"{type(value).__name__} {_short_repr.repr(value)}"


def _container(value) -> str:
    """What holds the values, without describing its contents: "a list", "a NumPy array"."""
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, tuple):
        return _("a tuple")
    return _describe(value)


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


def _what(name: str | None) -> str:
    return "x" if name is None else name


# ----------------------------------------------------------------------------- hints


def flatten_hint(value, name: str) -> str:
    """Code that turns ``value``, a single column of shape (m, 1), into shape (m,).

    The hint is written for the type that was passed: ``y.ravel()`` for a NumPy array,
    ``y["label"]`` for a one-column DataFrame, ``np.ravel(y)`` for a list (which has no
    ``.ravel()``) and for a ``numpy.matrix`` (whose ``.ravel()`` stays 2-D).

    Examples
    --------
    >>> flatten_hint([[1], [0]], "y")
    'np.ravel(y)'
    """
    if _pandas_kind(value) == "DataFrame":
        columns = list(value.columns)
        if len(columns) == 1 and isinstance(columns[0], str):
            return f"{name}[{columns[0]!r}]"
        return f"{name}.iloc[:, 0]"
    if type(value) is np.ndarray:
        return f"{name}.ravel()"
    return f"np.ravel({name})"


def finite_rows_hint(value) -> str:
    """Code that drops the rows of ``X`` holding NaN or infinity, and the same labels of ``y``.

    Written for the type of ``value`` (the ``X`` that was passed): a list is made an array
    first, and a DataFrame's ``pd.NA`` is found with ``notna`` (``np.isfinite`` alone lets it
    through).

    Examples
    --------
    >>> print(finite_rows_hint(np.zeros((2, 2))))
    keep = np.isfinite(X).all(axis=1); X, y = X[keep], np.asarray(y)[keep]
    """
    if _pandas_kind(value) == "DataFrame":
        return (
            "keep = X.notna().all(axis=1) & ~X.isin([np.inf, -np.inf]).any(axis=1); "
            "X, y = X[keep], np.asarray(y)[keep.to_numpy()]"
        )
    start = "" if type(value) is np.ndarray else "X = np.asarray(X, dtype=float); "
    return start + "keep = np.isfinite(X).all(axis=1); X, y = X[keep], np.asarray(y)[keep]"


def _labels_hint(texts: list[str], name: str, value) -> str:
    """How to turn text labels into 0/1, written for the type that was passed."""
    if len(texts) == 2:
        positive = texts[1]
        if _pandas_kind(value) == "Series":
            code = f"{name} = ({name} == {positive!r}).astype(int)"
        else:
            code = f"{name} = (np.asarray({name}) == {positive!r}).astype(int)"
        return _(
            " Map the two classes to 0 and 1 first, for example {code} "
            "(which makes {positive} the class 1)."
        ).format(code=code, positive=repr(positive))
    return _(
        " A binary classifier needs exactly two classes, labelled 0 and 1; this has "
        "{count} different texts. Choose the class to call 1 and compare with it, for "
        "example {code}."
    ).format(count=len(texts), code=f"(np.asarray({name}) == {texts[-1]!r}).astype(int)")


def _numeric_text_hint(value, name: str) -> str:
    """How to convert text that holds numbers, for the type that was passed."""
    if isinstance(value, (str, bytes, np.str_, np.bytes_)):
        return _(" The text holds a number: convert it first with {code}.").format(
            code=f"float({name})"
        )
    if _pandas_kind(value) == "DataFrame":
        code = f"{name}.apply(pd.to_numeric)"
    elif _pandas_kind(value) is not None:
        code = f"pd.to_numeric({name})"
    else:
        code = f"np.asarray({name}, dtype=float)"
    return _(" The text holds numbers: convert it first with {code}.").format(code=code)


def _text_hint(value, texts: list[str], name: str | None) -> str:
    """What to do about text that was passed where numbers were expected."""
    what = _what(name)
    if texts and _all_numeric_text(texts):
        return _numeric_text_hint(value, what)
    if name == "y":
        return _labels_hint(texts, what, value)
    return _(" Pass numbers, not text.")


def _hint_for(value, arr: np.ndarray | None, name: str | None = None) -> str:
    """A suggestion that fits the most common wrong inputs."""
    what = _what(name)
    if value is None:
        return _(" None often comes from a function that has no return statement.")
    kind = arr.dtype.kind if arr is not None else None
    if _is_text(value) or kind in ("U", "S"):
        items = [value] if _is_text(value) else arr.ravel().tolist()
        return _text_hint(value, _text_values(items), name)
    if isinstance(value, decimal.Decimal):
        return _(" Convert a Decimal to a float first with {code}.").format(code=f"float({what})")
    if isinstance(value, (complex, np.complexfloating)) or kind == "c":
        return _(
            " This function is defined for real numbers; pass the real part ({code}) "
            "if that is what you mean."
        ).format(code=f"{what}.real")
    if kind in ("m", "M"):
        return _(" Convert dates and durations to numbers first.")
    return ""


def _text_error(func: str, name: str | None, value, texts: list) -> TypeError:
    """The error for text where numbers were expected: what was found and what to do."""
    found = _text_values(texts)
    # Labels are named by their values; elsewhere the first text's position helps more.
    got = _container(value) if name == "y" else _describe(value)
    if name == "y":
        message = _(
            "{func}() expects {name} to be numbers, got {got} holding text labels {texts}."
        )
    elif name is None:
        message = _("{func}() expects numbers, got {got} holding text {texts}.")
    else:
        message = _("{func}() expects {name} to be numbers, got {got} holding text {texts}.")
    return TypeError(
        message.format(func=func, name=name, got=got, texts=_quoted(found))
        + _text_hint(value, found, name)
    )


def _type_error(func: str, name: str | None, value, extra: str = "") -> TypeError:
    if name is None:
        message = _(
            "{func}() expects numbers (a float, a list of floats or a NumPy array), got {got}."
        )
    else:
        message = _(
            "{func}() expects {name} to be numbers (a float, a list of floats or a NumPy array), "
            "got {got}."
        )
    return TypeError(message.format(func=func, name=name, got=_describe(value)) + extra)


# ----------------------------------------------------------------------------- conversion


def as_float_array(x, *, func: str, name: str | None = None, finite: bool = False) -> np.ndarray:
    """Convert ``x`` to a floating-point NumPy array, or raise a clear error.

    Parameters
    ----------
    x : array_like
        A Python number, a (nested) list or tuple of numbers, a NumPy array, or a pandas
        Series or DataFrame of numbers (``pd.NA`` becomes NaN).
    func : str
        Name of the public function doing the check; it starts every error message.
    name : str, optional
        Name of the argument, used in messages when a function takes several arrays
        (``"X"``, ``"y"``). Leave it out for a function of a single ``x``. For ``"y"`` text
        is taken to be class labels, and the message says how to map them to 0 and 1.
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
        For strings, ``None``, complex numbers, dates, Decimals and other non-numbers, naming
        ``func`` and what it received (for a DataFrame, the column and its dtype).
    ValueError
        For ragged nested lists, integers too large for a float, a masked array with masked
        entries (the message says how to drop or fill them), and (with ``finite=True``) NaN
        or infinity.

    Examples
    --------
    >>> as_float_array([1, 2], func="sigmoid")
    array([1., 2.])
    >>> as_float_array("abc", func="sigmoid")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: sigmoid() expects numbers (a float, ...), got str 'abc'. Pass numbers, not text.
    """
    if np.ma.isMaskedArray(x):
        if np.ma.count_masked(x):
            raise _masked_error(x, func=func, name=name)
        x = np.ma.getdata(x)
    arr = _to_array(x, func=func, name=name)

    dtype = arr.dtype
    if dtype in KEPT_FLOAT_DTYPES:
        pass
    elif dtype.kind in "biuf":
        arr = arr.astype(np.float64)
    elif dtype.kind == "O":
        arr = _from_objects(x, arr, func=func, name=name)
    elif dtype.kind in "US" and not _is_text(x):
        # A list such as [1, "a"] becomes an array of text: name only what was text.
        items = [v for _, v in _walk(x)] if isinstance(x, (list, tuple)) else arr.ravel()
        raise _text_error(func, name, x, [v for v in items if _is_text(v)])
    else:
        raise _type_error(func, name, x, _hint_for(x, arr, name))

    if finite and arr.size and not np.isfinite(arr).all():
        raise _nonfinite_error(arr, func=func, name=name)
    return arr


def _to_array(x, *, func: str, name: str | None) -> np.ndarray:
    """``np.asarray(x)``, with pandas objects and ragged lists handled first."""
    if x is None:
        raise _type_error(func, name, x, _hint_for(x, None, name))
    kind = _pandas_kind(x)
    if kind == "DataFrame":
        return _from_dataframe(x, func=func, name=name)
    if kind is not None:
        return _from_pandas_column(x, func=func, name=name)
    try:
        return np.asarray(x)
    except ValueError as exc:
        if "inhomogeneous" in str(exc) or "sequence" in str(exc):
            raise ValueError(
                _(
                    "{func}() expects {name} to be rectangular: every row of a nested "
                    "list must have the same length ({error})."
                ).format(func=func, name=_what(name), error=exc)
            ) from None
        raise


def _numeric_dtype(dtype) -> bool:
    """True for NumPy and pandas numeric or boolean dtypes (nullable ones included)."""
    return getattr(dtype, "kind", "O") in tuple("biuf")


def _from_pandas_column(x, *, func: str, name: str | None) -> np.ndarray:
    """A Series or Index of numbers as an array; ``pd.NA`` becomes NaN."""
    if isinstance(x.dtype, np.dtype) and x.dtype in KEPT_FLOAT_DTYPES:
        return x.to_numpy()
    if _numeric_dtype(x.dtype):
        return x.to_numpy(dtype=np.float64, na_value=np.nan)
    if getattr(x.dtype, "kind", "O") in tuple("mM"):
        raise _type_error(func, name, x, _hint_for(x, np.asarray([], dtype=x.dtype), name))
    return _from_objects(x, x.to_numpy(dtype=object), func=func, name=name)


def _from_dataframe(x, *, func: str, name: str | None) -> np.ndarray:
    """A DataFrame of numbers as a 2-D array; a non-numeric column is named with its dtype."""
    what = _what(name)
    for column in x.columns:
        dtype = x[column].dtype
        if _numeric_dtype(dtype):
            continue
        sample = [v for v in x[column].to_numpy(dtype=object) if _is_text(v)]
        texts = _text_values(sample)
        shown = _(" (values such as {values})").format(values=_quoted(texts, 3)) if texts else ""
        drop = f"{what}.drop(columns=[{column!r}])"
        if getattr(dtype, "kind", "O") in tuple("mM"):
            fix = _("convert the dates or durations to numbers (for example days since a start)")
        elif not texts:
            fix = _("convert it to numbers or drop it with {drop}").format(drop=drop)
        elif _all_numeric_text(texts):
            fix = _("convert it with {code}").format(
                code=f"{what}[{column!r}] = pd.to_numeric({what}[{column!r}])"
            )
        else:
            fix = _(
                "encode it as numbers (for two categories, {two}; for more, {more}) or drop it "
                "with {drop}"
            ).format(
                two=f"({what}[{column!r}] == {texts[-1]!r}).astype(int)",
                more=f"pd.get_dummies({what}, columns=[{column!r}])",
                drop=drop,
            )
        raise TypeError(
            _(
                "{func}() expects {name} to be numbers, but column {column} of the DataFrame "
                "has dtype {dtype}{shown}. Before passing it, {fix}."
            ).format(func=func, name=what, column=repr(column), dtype=dtype, shown=shown, fix=fix)
        )
    # A DataFrame's values may come out column-major; row-major gives the same sums as NumPy.
    dtypes = set(x.dtypes)
    if len(dtypes) == 1 and next(iter(dtypes)) in KEPT_FLOAT_DTYPES:
        return np.ascontiguousarray(x.to_numpy())
    return np.ascontiguousarray(x.to_numpy(dtype=np.float64, na_value=np.nan))


def _from_objects(x, arr: np.ndarray, *, func: str, name: str | None) -> np.ndarray:
    """Accept an object array only when every element is a real number or ``pd.NA``."""
    missing = np.zeros(arr.shape, dtype=bool)
    texts = []
    for index, item in np.ndenumerate(arr):
        if _is_missing(item):
            missing[index] = True
        elif _is_text(item):
            texts.append(item)
        elif isinstance(item, decimal.Decimal) and arr.ndim:
            what = _what(name)
            fix = (
                f"{what}.astype(float)" if _pandas_kind(x) else f"np.asarray({what}, dtype=float)"
            )
            raise _type_error(
                func,
                name,
                x,
                _(" Convert the Decimals to floats first with {code}.").format(code=fix),
            )
        elif not _is_real_number(item):
            raise _type_error(func, name, x, _hint_for(item, None, name))
    if texts:
        raise _text_error(func, name, x, texts)
    if missing.any():
        arr = np.where(missing, np.nan, arr)
    try:
        return arr.astype(np.float64)
    except OverflowError:
        raise ValueError(
            _(
                "{func}() got an integer in {name} too large to be represented as a float "
                "(the largest float is about 1.8e308)."
            ).format(func=func, name=_what(name))
        ) from None


def _masked_error(x: np.ma.MaskedArray, *, func: str, name: str | None) -> ValueError:
    what = _what(name)
    count = int(np.ma.count_masked(x))
    values = _("1 masked value") if count == 1 else _("{count} masked values").format(count=count)
    if x.ndim >= 2:
        drop = _("{keep}, then {rows} (and the same rows of the other arrays)").format(
            keep=f"keep = ~np.ma.getmaskarray({what}).any(axis=1)", rows=f"{what}[keep]"
        )
    else:
        drop = _("{code} (and drop the same entries of the other arrays)").format(
            code=f"{what}.compressed()"
        )
    return ValueError(
        _(
            "{func}() got a masked array {name} with {values} of {size}. It needs every value "
            "and will not use the hidden ones. Drop them first with {drop}, or fill them with "
            "{fill}."
        ).format(
            func=func,
            name=what,
            values=values,
            size=x.size,
            drop=drop,
            fill=f"{what}.filled(value)",
        )
    )


def _nonfinite_error(arr: np.ndarray, *, func: str, name: str | None) -> ValueError:
    bad = np.argwhere(~np.isfinite(arr))
    first = tuple(int(i) for i in bad[0])
    where = (
        _(" at index {index}").format(index=first[0] if len(first) == 1 else first)
        if arr.ndim
        else ""
    )
    value = arr[first] if arr.ndim else arr[()]
    more = (
        _(" ({count} more non-finite values)").format(count=len(bad) - 1) if len(bad) > 1 else ""
    )
    return ValueError(
        _(
            "{func}() needs finite numbers in {name}, found {value}{where}{more}. "
            "Remove or replace NaN and infinite values first (numpy.isfinite finds them)."
        ).format(func=func, name=_what(name), value=value, where=where, more=more)
    )


def scalar_or_array(result: np.ndarray):
    """Return a 0-d result as a NumPy scalar of the same dtype, anything else unchanged.

    This mirrors NumPy's ufuncs: ``np.exp(0.0)`` is ``np.float64(1.0)``, not a 0-d array.
    """
    return result[()] if result.ndim == 0 else result


# ----------------------------------------------------------------------------- element-wise


#: The value put in place of masked entries before an element-wise computation. It lies in
#: the domain of every activation (the logit included), so a hidden value can neither raise
#: nor warn; its result is masked again afterwards.
_MASKED_FILL = 0.5


def elementwise_input(x, *, func: str) -> tuple[np.ndarray, Callable[[np.ndarray], object]]:
    """Check the input of an element-wise function and prepare to hand its container back.

    Parameters
    ----------
    x : array_like
        As for :func:`as_float_array`, plus masked arrays with masked entries.
    func : str
        Name of the public function, for the error messages.

    Returns
    -------
    values : numpy.ndarray
        The values to compute with (masked entries replaced by a harmless 0.5).
    restore : callable
        ``restore(result)`` gives the result in the input's container: a masked array with
        the same mask, a pandas Series or DataFrame with the same index (and name or
        columns), a NumPy scalar for a scalar, and otherwise the array.

    Raises
    ------
    TypeError, ValueError
        As :func:`as_float_array`.

    Examples
    --------
    >>> values, restore = elementwise_input(np.ma.masked_array([0.0, 9.0], mask=[0, 1]), func="f")
    >>> restore(values * 2)
    masked_array(data=[0.0, --],
                 mask=[False,  True],
           fill_value=1e+20)
    """
    if np.ma.isMaskedArray(x):
        mask = np.ma.getmaskarray(x)
        values = as_float_array(np.ma.getdata(x), func=func)
        if mask.any():
            values = np.where(mask, values.dtype.type(_MASKED_FILL), values)
        return values, lambda result: np.ma.masked_array(result, mask=mask.copy())
    values = as_float_array(x, func=func)
    kind = _pandas_kind(x)
    if kind == "Series":
        return values, lambda result: type(x)(result, index=x.index, name=x.name)
    if kind == "DataFrame":
        return values, lambda result: type(x)(result, index=x.index, columns=x.columns)
    return values, scalar_or_array


# ----------------------------------------------------------------------------- scalars


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
        hint = _hint_for(value, None, name) if isinstance(value, (str, decimal.Decimal)) else ""
        raise TypeError(
            _("{func}() expects {name} to be a single real number, got {got}.").format(
                func=func, name=name, got=_describe(value)
            )
            + hint
        )
    result = float(value)
    if not np.isfinite(result):
        raise ValueError(
            _("{func}() expects {name} to be a finite number, got {value}.").format(
                func=func, name=name, value=result
            )
        )
    return result
