"""Inputs students pass that NumPy's own functions handle: masked arrays, pandas objects, text.

Each test covers a kind of input across every public function where it can arrive, and where
a message suggests code, the test runs that code on the value that was passed: a hint that
does not work for the type passed (``.ravel()`` on a DataFrame) fails here.
"""

from __future__ import annotations

import decimal
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.special

import sigmoid_lab as sl
from sigmoid_lab._validation import flatten_hint
from sigmoid_lab.plots.curves import plot_sigmoid
from sigmoid_lab.plots.training import plot_probability_surface

ELEMENTWISE = [
    sl.sigmoid,
    sl.sigmoid_grad,
    sl.naive_sigmoid,
    sl.naive_sigmoid_grad,
    sl.tanh,
    sl.tanh_grad,
    sl.relu,
    sl.relu_grad,
    sl.leaky_relu,
    sl.leaky_relu_grad,
    sl.silu,
    sl.silu_grad,
    sl.gelu,
    sl.gelu_grad,
    sl.logit,
]


def _ids(funcs):
    return [f.__name__ for f in funcs]


def _inputs_for(func) -> np.ndarray:
    """Valid inputs for ``func``: probabilities for the logit, scores for the rest."""
    return np.array([0.2, 0.5, 0.9]) if func is sl.logit else np.array([-3.0, 0.0, 2.5])


@pytest.fixture
def data():
    return sl.make_seed_data(60, seed=3)


# ----------------------------------------------------------------------------- masked arrays


@pytest.mark.parametrize("func", ELEMENTWISE, ids=_ids(ELEMENTWISE))
def test_elementwise_functions_keep_the_mask_and_ignore_hidden_values(func):
    values = _inputs_for(func)
    # The hidden value would overflow the textbook sigmoid and lies outside the logit's domain.
    hidden = values.copy()
    hidden[1] = -1000.0 if func is not sl.logit else 7.0
    x = np.ma.masked_array(hidden, mask=[False, True, False])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = func(x)
    assert isinstance(result, np.ma.MaskedArray)
    np.testing.assert_array_equal(np.ma.getmaskarray(result), [False, True, False])
    expected = func(values)
    np.testing.assert_array_equal(result.compressed(), expected[[0, 2]])


def test_masked_sigmoid_matches_scipy_expit():
    x = np.ma.masked_array([0.0, 1.0, 1000.0], mask=[0, 1, 0])
    ours, theirs = sl.sigmoid(x), scipy.special.expit(x)
    np.testing.assert_array_equal(np.ma.getmaskarray(ours), np.ma.getmaskarray(theirs))
    np.testing.assert_array_equal(ours.compressed(), theirs.compressed())
    assert ours.compressed().tolist() == [0.5, 1.0]


def test_a_masked_scalar_array_and_an_all_visible_mask():
    x = np.ma.masked_array([[0.0, 1.0]], mask=False)
    result = sl.sigmoid(x)
    assert isinstance(result, np.ma.MaskedArray)
    np.testing.assert_array_equal(result.data, sl.sigmoid([[0.0, 1.0]]))


def _masked_callers(X, y):
    Xm = np.ma.masked_array(X, mask=np.zeros_like(X, dtype=bool))
    Xm[4, 1] = np.ma.masked
    ym = np.ma.masked_array(y, mask=np.zeros_like(y, dtype=bool))
    ym[2] = np.ma.masked
    logits = np.ma.masked_array(X[:, 0], mask=ym.mask)
    model = sl.train(X, y, iterations=5)
    mlp = sl.MLP([2, 3, 1])
    return {
        "binary_cross_entropy(logits)": lambda: sl.binary_cross_entropy(logits, y),
        "binary_cross_entropy(y)": lambda: sl.binary_cross_entropy(X[:, 0], ym),
        "naive_binary_cross_entropy(y)": lambda: sl.naive_binary_cross_entropy(
            sl.sigmoid(X[:, 0]), ym
        ),
        "train(X)": lambda: sl.train(Xm, y, iterations=5),
        "train(y)": lambda: sl.train(X, ym, iterations=5),
        "safe_learning_rate(X)": lambda: sl.safe_learning_rate(Xm),
        "TrainResult.predict_proba(X)": lambda: model.predict_proba(Xm),
        "MLP.forward(X)": lambda: mlp.forward(Xm),
        "MLP.loss_and_gradients(y)": lambda: mlp.loss_and_gradients(X, ym),
        "train_mlp(X)": lambda: sl.train_mlp(Xm, y, epochs=2),
        "train_mlp(y)": lambda: sl.train_mlp(X, ym, epochs=2),
        "split_train_test(X)": lambda: sl.split_train_test(Xm, y),
        "split_train_test(y)": lambda: sl.split_train_test(X, ym),
        "plot_probability_surface(X)": lambda: plot_probability_surface(model, Xm, y),
        "plot_sigmoid(x)": lambda: plot_sigmoid(x=np.ma.masked_array([0.0, 1.0], mask=[0, 1])),
    }


_MASKED_CASES = list(_masked_callers(*sl.make_seed_data(60, seed=3)))


@pytest.mark.parametrize("case", _MASKED_CASES)
def test_functions_that_need_every_value_refuse_masked_entries(case, data):
    call = _masked_callers(*data)[case]
    with pytest.raises(ValueError, match="masked") as info:
        call()
    message = str(info.value)
    assert "filled(" in message
    assert "compressed()" in message or "getmaskarray" in message


def test_the_suggested_fix_for_masked_rows_runs(data):
    X, y = data
    Xm = np.ma.masked_array(X, mask=np.zeros_like(X, dtype=bool))
    Xm[4, 1] = np.ma.masked
    with pytest.raises(ValueError) as info:
        sl.train(Xm, y, iterations=5)
    code = re.search(r"with (keep = .*?), then", str(info.value)).group(1)
    namespace = {"np": np, "X": Xm}
    exec(code, namespace)
    keep = namespace["keep"]
    result = sl.train(Xm[keep], y[keep], iterations=5)
    assert result.weights.shape == (2,)
    assert keep.sum() == len(y) - 1


def test_masked_arrays_without_masked_entries_are_used_as_they_are(data):
    X, y = data
    plain = sl.train(X, y, iterations=20)
    masked = sl.train(np.ma.masked_array(X), np.ma.masked_array(y), iterations=20)
    np.testing.assert_array_equal(plain.weights, masked.weights)


# ----------------------------------------------------------------------------- pandas


@pytest.mark.parametrize("func", ELEMENTWISE, ids=_ids(ELEMENTWISE))
def test_a_series_gives_a_series_with_its_index_and_name(func):
    values = _inputs_for(func)
    series = pd.Series(values, index=["a", "b", "c"], name="score")
    result = func(series)
    assert isinstance(result, pd.Series)
    assert list(result.index) == ["a", "b", "c"]
    assert result.name == "score"
    np.testing.assert_array_equal(result.to_numpy(), func(values))


@pytest.mark.parametrize(
    "func", [sl.sigmoid, sl.logit, sl.relu], ids=_ids([sl.sigmoid, sl.logit, sl.relu])
)
def test_a_dataframe_gives_a_dataframe(func):
    frame = pd.DataFrame({"u": [0.2, 0.4], "v": [0.6, 0.8]}, index=[10, 20])
    result = func(frame)
    assert isinstance(result, pd.DataFrame)
    assert list(result.columns) == ["u", "v"] and list(result.index) == [10, 20]
    np.testing.assert_array_equal(result.to_numpy(), func(frame.to_numpy()))


def test_float32_series_keeps_its_dtype():
    result = sl.sigmoid(pd.Series([0.0, 1.0], dtype=np.float32))
    assert result.dtype == np.float32


def test_pandas_data_trains_like_numpy_data(data):
    X, y = data
    frame = pd.DataFrame(X, columns=["x1", "x2"])
    labels = pd.Series(y.astype(int), name="label")
    np.testing.assert_array_equal(
        sl.train(frame, labels, iterations=30).weights, sl.train(X, y, iterations=30).weights
    )


def _label_functions(X):
    mlp = sl.MLP([2, 3, 1])
    return {
        "train": lambda y: sl.train(X, y, iterations=5),
        "train_mlp": lambda y: sl.train_mlp(X, y, epochs=2),
        "MLP.loss_and_gradients": lambda y: mlp.loss_and_gradients(X, y),
        "binary_cross_entropy": lambda y: sl.binary_cross_entropy(X[:, 0], y),
    }


_LABEL_CASES = list(_label_functions(np.zeros((2, 2))))


@pytest.mark.parametrize("case", _LABEL_CASES)
@pytest.mark.parametrize(
    "make_labels",
    [
        lambda y: pd.Series(np.where(y == 1, "yes", "no")),
        lambda y: pd.Series(np.where(y == 1, "yes", "no"), dtype=object),
        lambda y: np.where(y == 1, "yes", "no"),
        lambda y: ["yes" if v == 1 else "no" for v in y],
    ],
    ids=["Series-str", "Series-object", "ndarray", "list"],
)
def test_text_labels_are_named_and_the_suggested_mapping_runs(case, make_labels, data):
    X, y = data
    call = _label_functions(X)[case]
    labels = make_labels(y)
    with pytest.raises(TypeError) as info:
        call(labels)
    message = str(info.value)
    assert "text labels 'no', 'yes'" in message
    assert "dtype: " not in message and "Length:" not in message  # no pandas repr
    code = re.search(r"for example (y = .*?) \(which", message).group(1)
    namespace = {"np": np, "y": labels}
    exec(code, namespace)
    np.testing.assert_array_equal(np.asarray(namespace["y"]), y)
    call(namespace["y"])


def test_a_dataframe_text_column_is_named_with_its_dtype(data):
    X, y = data
    frame = pd.DataFrame({"x1": X[:, 0], "city": np.where(y == 1, "Paris", "Rome")})
    for call in (lambda F: sl.train(F, y, iterations=5), lambda F: sl.train_mlp(F, y, epochs=2)):
        with pytest.raises(TypeError) as info:
            call(frame)
        message = str(info.value)
        assert "column 'city'" in message
        assert f"dtype {frame['city'].dtype}" in message
        code = re.search(r"drop it with (X\.drop\(columns=\['city'\]\))", message).group(1)
        dropped = eval(code, {"X": frame})
        assert list(dropped.columns) == ["x1"]


def test_a_dataframe_column_of_numbers_as_text_gets_a_conversion_that_runs():
    frame = pd.DataFrame({"a": [1.0, 2.0], "n": ["3", "4.5"]})
    with pytest.raises(TypeError) as info:
        sl.train(frame, [0, 1])
    code = re.search(r"convert it with (X\['n'\] = pd\.to_numeric\(X\['n'\]\))", str(info.value))
    namespace = {"pd": pd, "X": frame.copy()}
    exec(code.group(1), namespace)
    assert namespace["X"]["n"].tolist() == [3.0, 4.5]


def test_pd_na_gets_the_same_message_as_nan(data):
    X, y = data
    with_nan = pd.DataFrame(X, columns=["a", "b"]).astype("Float64")
    with_na = with_nan.copy()
    with_nan.iloc[7, 1] = np.nan
    with_na.iloc[7, 1] = pd.NA
    messages = []
    for frame in (with_nan, with_na, with_nan.to_numpy(dtype=float)):
        with pytest.raises(ValueError) as info:
            sl.train(frame, y, iterations=5)
        messages.append(str(info.value))
    assert messages[0] == messages[1]
    # The array's message differs only in its fix, which is written for an array.
    assert messages[0].split("Drop")[0] == messages[2].split("Drop")[0]
    assert "row 7" in messages[0]


@pytest.mark.parametrize(
    "make_X",
    [
        lambda X: X,
        lambda X: X.tolist(),
        lambda X: pd.DataFrame(X, columns=["a", "b"]),
        lambda X: pd.DataFrame(X, columns=["a", "b"]).astype("Float64"),
    ],
    ids=["ndarray", "list", "DataFrame", "DataFrame-Float64"],
)
@pytest.mark.parametrize(
    "make_y", [lambda y: y, lambda y: y.tolist(), pd.Series], ids=["ndarray", "list", "Series"]
)
@pytest.mark.parametrize("bad", [np.nan, np.inf, pd.NA], ids=["nan", "inf", "NA"])
def test_the_suggested_fix_for_non_finite_rows_runs(make_X, make_y, bad, data):
    X, y = data
    values = make_X(X)
    if isinstance(values, pd.DataFrame):
        if bad is pd.NA and values.dtypes.iloc[0] == np.float64:
            return  # a float64 column stores pd.NA as NaN: the nan case
        values.iloc[5, 0] = bad
    elif bad is pd.NA:
        return  # an array or list has no pd.NA of its own; the object case is tested above
    else:
        values[5][0] = bad
    labels = make_y(y)
    for call in (
        lambda a, b: sl.train(a, b, iterations=5),
        lambda a, b: sl.train_mlp(a, b, epochs=2),
    ):
        with pytest.raises(ValueError) as info:
            call(values, labels)
        code = re.search(r"for example (.*)\.$", str(info.value)).group(1)
        namespace = {"np": np, "X": values, "y": labels}
        exec(code, namespace)
        assert len(namespace["X"]) == len(namespace["y"]) == len(y) - 1
        call(namespace["X"], namespace["y"])


def test_pd_na_in_a_list_is_a_missing_value():
    with pytest.raises(ValueError, match=r"NaN or infinite values in X, in 1 row of 2 \(row 0\)"):
        sl.train_mlp([[1.0, pd.NA], [0.0, 1.0]], [0, 1], epochs=1)
    assert np.isnan(sl.sigmoid(pd.Series([1.0, pd.NA], dtype="Float64"))[1])


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (decimal.Decimal("1.5"), "float(x)"),
        ([decimal.Decimal("1.5"), decimal.Decimal("-2")], "np.asarray(x, dtype=float)"),
        (pd.Series([decimal.Decimal("1.5")], dtype=object), "x.astype(float)"),
    ],
    ids=["scalar", "list", "Series"],
)
def test_decimals_get_a_conversion_that_runs(value, code):
    with pytest.raises(TypeError) as info:
        sl.sigmoid(value)
    assert code in str(info.value)
    converted = eval(code, {"np": np, "x": value})
    assert np.shape(converted) == np.shape(value)
    expected = sl.sigmoid(np.array([float(v) for v in np.ravel(value)]))
    np.testing.assert_array_equal(np.ravel(sl.sigmoid(converted)), expected)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2.5", "float(x)"),
        (["1", "2"], "np.asarray(x, dtype=float)"),
        (pd.Series(["1"]), "pd.to_numeric(x)"),
    ],
    ids=["str", "list", "Series"],
)
def test_numbers_written_as_text_get_a_conversion_that_runs(value, code):
    with pytest.raises(TypeError) as info:
        sl.sigmoid(value)
    assert code in str(info.value)
    sl.sigmoid(eval(code, {"np": np, "pd": pd, "x": value}))


# ----------------------------------------------------------------------------- (n, 1) labels


def _column_callers(X):
    mlp = sl.MLP([2, 3, 1])
    return {
        "train": lambda y: sl.train(X, y, iterations=5),
        "train_mlp": lambda y: sl.train_mlp(X, y, epochs=2),
        "MLP.loss_and_gradients": lambda y: mlp.loss_and_gradients(X, y),
        "binary_cross_entropy": lambda y: sl.binary_cross_entropy(X[:, 0], y),
        "naive_binary_cross_entropy": lambda y: sl.naive_binary_cross_entropy(
            sl.sigmoid(X[:, 0]), y
        ),
    }


_COLUMN_CASES = list(_column_callers(np.zeros((2, 2))))


@pytest.mark.parametrize("case", _COLUMN_CASES)
@pytest.mark.parametrize(
    "make_column",
    [
        lambda y: y.reshape(-1, 1),
        lambda y: pd.DataFrame({"label": y}),
        lambda y: pd.DataFrame(y.reshape(-1, 1)),
        lambda y: y.reshape(-1, 1).tolist(),
    ],
    ids=["ndarray", "DataFrame", "DataFrame-int-column", "list"],
)
def test_the_hint_for_a_label_column_works_for_the_type_passed(case, make_column, data):
    X, y = data
    call = _column_callers(X)[case]
    column = make_column(y)
    with pytest.raises(ValueError) as info:
        call(column)
    code = flatten_hint(column, "y")
    assert code in str(info.value)
    flat = eval(code, {"np": np, "y": column})
    assert np.shape(flat) == y.shape
    call(flat)


def test_flatten_hint_never_suggests_a_method_the_type_lacks():
    for value in (pd.DataFrame({"label": [1, 0]}), [[1], [0]], ((1,), (0,))):
        assert ".ravel()" not in flatten_hint(value, "y")
    assert flatten_hint(np.zeros((2, 1)), "y") == "y.ravel()"


@pytest.mark.parametrize(
    ("value", "fix"),
    [("1.5", "float(x0)"), (decimal.Decimal("2"), "float(x0)")],
    ids=["str", "Decimal"],
)
def test_plot_arguments_get_the_same_conversion_hint(value, fix):
    from sigmoid_lab.plots.gradients import plot_tangent

    with pytest.raises(TypeError) as info:
        plot_tangent(x0=value)
    assert fix in str(info.value)
    artists = plot_tangent(x0=eval(fix, {"x0": value}))
    assert artists
