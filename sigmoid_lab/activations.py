"""Activation functions and their derivatives, computed so that no input breaks them.

The sigmoid σ(x) = 1 / (1 + e^(-x)) is the subject of the course. Written as in a textbook it
overflows for x < -709 (float64), and its derivative written as ``s * (1 - s)`` loses digits
as x grows (about a 1e-3 relative error at x = 30) until it returns 0 from x = 36.7 on,
where the true value is about e^(-x). The versions here give results within a few units in
the last place (ULP) of the exact value for every float input, raise no warning, and keep
float16/float32/float64. Like NumPy's own ufuncs they hand the input's container back: a
masked array keeps its mask (masked entries are not computed), and a pandas Series or
DataFrame keeps its index.
The textbook forms are kept as :func:`naive_sigmoid` and :func:`naive_sigmoid_grad` so that
the chapters can show what goes wrong.

The other activations (tanh, ReLU, leaky ReLU, SiLU, GELU) serve the chapter on what came
after the sigmoid, and are reachable by name through :data:`ACTIVATIONS` and
:func:`get_activation`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sigmoid_lab._validation import as_real_scalar, elementwise_input
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "gelu",
    "gelu_grad",
    "get_activation",
    "leaky_relu",
    "leaky_relu_grad",
    "logit",
    "naive_sigmoid",
    "naive_sigmoid_grad",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "silu",
    "silu_grad",
    "tanh",
    "tanh_grad",
]

# Large arrays are processed in blocks of this many elements. Each block goes through
# four or five in-place ufuncs; a block of 2**16 elements (512 KiB in float64) stays in the
# L2 cache between those passes, so main memory is read once and written once, while the
# Python loop costs only a few calls per block. On the reference machine this runs the
# sigmoid in about a third of the time of scipy.special.expit (see benchmarks/activations.py).
# Arrays no larger than one block take a single pass with no loop at all.
_BLOCK = 1 << 16

# Below these inputs e^(-x) is close to overflowing, so σ(x) is taken as e^x instead. The two
# agree to rounding there: σ(x) = e^x / (1 + e^x) and e^x < 1e-300 (float64), < 1e-34 (float32).
_TAIL = {np.dtype(np.float32): -80.0, np.dtype(np.float64): -700.0}


def _sigmoid_into(x: np.ndarray, out: np.ndarray) -> None:
    """Write σ(x) into ``out`` (same shape, float32 or float64) using no other memory.

    1 / (1 + e^(-x)) is accurate to about 1 ULP wherever e^(-x) is finite: for x >= 0 it adds
    a small number to 1, and for x < 0 the reciprocal of a large number keeps its relative
    accuracy. Its only flaw is the overflow of e^(-x) for very negative x (the caller has
    silenced the warning); those few elements are redone as e^x, which is σ(x) to rounding.
    """
    np.negative(x, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=out)
    np.divide(1.0, out, out=out)
    tail = _TAIL[x.dtype]
    # `not >=` is also true when the block holds a NaN, whose min is NaN; that only costs
    # the masked pass below, and NaN stays NaN.
    if x.size and not x.min() >= tail:
        low = x < tail
        out[low] = np.exp(x[low])


def _sigmoid_grad_into(x: np.ndarray, out: np.ndarray, buffer: np.ndarray) -> None:
    """Write σ'(x) = e / (1 + e)^2, with e = e^(-|x|), into ``out``.

    The formula is symmetric in x and never overflows (e <= 1), and it keeps its relative
    accuracy in both tails, where σ'(x) is about e^(-|x|). ``buffer`` is scratch space of
    the same size. The final clip removes a possible last-bit excess near x = 0, so that
    the result never exceeds the true maximum 1/4.
    """
    np.copysign(x, -1.0, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=buffer)
    np.multiply(buffer, buffer, out=buffer)
    np.divide(out, buffer, out=out)
    np.minimum(out, 0.25, out=out)


def _blockwise(kernel, x: np.ndarray, *, scratch: bool = False) -> np.ndarray:
    """Apply ``kernel(x_block, out_block[, scratch_block])`` over x in cache-sized blocks."""
    out = np.empty_like(x)
    with np.errstate(over="ignore", under="ignore"):
        if x.size <= _BLOCK or not x.flags.c_contiguous:
            args = (np.empty_like(x),) if scratch else ()
            kernel(x, out, *args)
            return out
        flat_x, flat_out = x.reshape(-1), out.reshape(-1)
        args = (np.empty(_BLOCK, dtype=x.dtype),) if scratch else ()
        for start in range(0, x.size, _BLOCK):
            stop = min(start + _BLOCK, x.size)
            kernel(flat_x[start:stop], flat_out[start:stop], *(a[: stop - start] for a in args))
    return out


def _in_float32_if_half(func, x: np.ndarray) -> np.ndarray:
    """Run ``func`` on float16 input through float32 and round once at the end."""
    if x.dtype == np.float16:
        result = func(x.astype(np.float32))
        with np.errstate(under="ignore"):  # tiny results become float16 subnormals or 0
            return result.astype(np.float16)
    return func(x)


def _sigmoid_array(x: np.ndarray) -> np.ndarray:
    return _in_float32_if_half(lambda a: _blockwise(_sigmoid_into, a), x)


def _sigmoid_grad_array(x: np.ndarray) -> np.ndarray:
    return _in_float32_if_half(lambda a: _blockwise(_sigmoid_grad_into, a, scratch=True), x)


def sigmoid(x):
    r"""The logistic sigmoid σ(x) = 1 / (1 + e^(-x)), accurate and silent for every input.

    Parameters
    ----------
    x : array_like
        Real numbers: a Python number, a list or a NumPy array. Integers and booleans are
        converted to float64; float16, float32 and float64 keep their dtype.

    Returns
    -------
    numpy.ndarray or numpy scalar
        σ(x), with the shape and floating dtype of ``x``; a NumPy scalar for scalar input.

    Raises
    ------
    TypeError
        If ``x`` is not made of real numbers (strings, None, complex numbers, ...).

    See Also
    --------
    naive_sigmoid : The textbook formula, which overflows for x below about -709.
    sigmoid_grad : The derivative σ'(x) = σ(x) σ(-x).
    logit : The inverse function.

    Notes
    -----
    Computed as 1 / (1 + e^(-x)), which is accurate wherever e^(-x) is finite, and as e^x
    (equal to σ(x) to rounding there) for x < -700, where e^(-x) approaches overflow. In
    float64 the result is within 3 ULP of the exact value over the whole float range,
    subnormal tail included (tested against mpmath; 2 ULP in a sample of 10^7 inputs). In
    float32 it is within 4 float32 ULP (checked over every float32); float16 is computed
    in float32 and rounded once. σ(0) is exactly 0.5, ±inf give 1 and 0, NaN gives NaN,
    and no input raises a RuntimeWarning.

    Examples
    --------
    >>> import numpy as np
    >>> sigmoid(0.0)
    np.float64(0.5)
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    >>> sigmoid(-720.0)  # the textbook formula returns 0.0 here, with a warning
    np.float64(2.0322308024e-313)
    """
    x, restore = elementwise_input(x, func="sigmoid")
    return restore(_sigmoid_array(x))


def sigmoid_grad(x):
    r"""The derivative σ'(x) = σ(x) (1 - σ(x)) = σ(x) σ(-x), accurate in the tails.

    Parameters
    ----------
    x : array_like
        Real numbers (see :func:`sigmoid`).

    Returns
    -------
    numpy.ndarray or numpy scalar
        σ'(x), with the shape and floating dtype of ``x``.

    See Also
    --------
    naive_sigmoid_grad : ``s * (1 - s)`` from a rounded s, which is 0 for x > 36.7.

    Notes
    -----
    Computed as e / (1 + e)^2 with e = e^(-|x|). The maximum is exactly 0.25 at x = 0 and
    the result never exceeds it: the steepest slope of the sigmoid is a modest 1/4, nothing
    "explodes" there. Within 4 ULP of the exact value wherever that value is a normal float
    (5 float32 ULP in float32): at x = 40 it gives about 4.2e-18, where ``s * (1 - s)``
    gives 0.

    Examples
    --------
    >>> sigmoid_grad(0.0)
    np.float64(0.25)
    >>> sigmoid_grad(40.0)
    np.float64(4.248354255291589e-18)
    """
    x, restore = elementwise_input(x, func="sigmoid_grad")
    return restore(_sigmoid_grad_array(x))


def logit(p):
    r"""The inverse of the sigmoid: logit(p) = log(p / (1 - p)).

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1].

    Returns
    -------
    numpy.ndarray or numpy scalar
        The log-odds, with the shape and floating dtype of ``p``. logit(0) is -inf and
        logit(1) is +inf (without a warning); NaN gives NaN.

    Raises
    ------
    ValueError
        If a value lies outside [0, 1]; the message lists the offending values.

    Notes
    -----
    Near p = 1/2 the quotient p / (1 - p) is close to 1 and its logarithm would lose relative
    accuracy, so there the function uses log1p((2p - 1) / (1 - p)) instead. Floats just
    below 1 are 2⁻⁵³ ≈ 1.1e-16 apart, so :func:`sigmoid` (like the formula 1/(1 + e⁻ˣ))
    returns exactly 1.0 from x ≈ 36.74 on (a correctly rounded σ would from x ≈ 37.43), and
    logit(sigmoid(x)) can only return x where sigmoid(x) is still below 1.

    Examples
    --------
    >>> logit(0.5)
    np.float64(0.0)
    >>> logit([0.0, 1.0])
    array([-inf,  inf])
    """
    p, restore = elementwise_input(p, func="logit")
    outside = (p < 0) | (p > 1)
    if outside.any():
        bad = p[outside]
        shown = ", ".join(repr(float(v)) for v in bad[:3])
        more = _(" and {value} more").format(value=bad.size - 3) if bad.size > 3 else ""
        raise ValueError(
            _(
                "logit() expects probabilities between 0 and 1, got {shown}{more}. "
                "If these are scores rather than probabilities, they are already "
                "on the logit scale."
            ).format(shown=shown, more=more)
        )
    with np.errstate(divide="ignore"):
        far = np.log(p / (1 - p))
        near = np.log1p((2 * p - 1) / (1 - p))
    return restore(np.where((p < 0.3) | (p > 0.65), far, near))


def naive_sigmoid(x):
    r"""The textbook formula 1 / (1 + np.exp(-x)), kept to show why it is the wrong way.

    For x below about -709 (float64; -88 in float32) ``np.exp(-x)`` overflows: NumPy emits
    ``RuntimeWarning: overflow encountered in exp`` and the result is 0 even where the true
    value is a representable number. Use :func:`sigmoid` for real work.

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar

    Examples
    --------
    >>> naive_sigmoid(0.0)
    np.float64(0.5)
    """
    x, restore = elementwise_input(x, func="naive_sigmoid")
    return restore(1 / (1 + np.exp(-x)))


def naive_sigmoid_grad(x):
    r"""The textbook derivative ``s * (1 - s)`` with s = :func:`naive_sigmoid`, kept for contrast.

    1 - s cancels: s near 1 carries an absolute rounding error of up to about 2⁻⁵³ ≈ 1.1e-16
    (the spacing of floats just below 1), which becomes a relative error of up to about
    1.1e-16 · e^x in the result, some 5e-8 at x = 20 and 1e-3 at x = 30. Once s
    rounds to 1 (x above about 36.7 in float64) the result is 0, where the true derivative
    is about e^(-x). It also inherits the overflow warning of :func:`naive_sigmoid`. Use
    :func:`sigmoid_grad` instead.

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar

    Examples
    --------
    >>> naive_sigmoid_grad(40.0)
    np.float64(0.0)
    """
    x, restore = elementwise_input(x, func="naive_sigmoid_grad")
    s = 1 / (1 + np.exp(-x))
    return restore(s * (1 - s))


def tanh(x):
    r"""The hyperbolic tangent, an S-curve from -1 to 1: tanh(x) = 2σ(2x) - 1.

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar

    Examples
    --------
    >>> tanh(0.0)
    np.float64(0.0)
    """
    x, restore = elementwise_input(x, func="tanh")
    return restore(np.tanh(x))


def tanh_grad(x):
    r"""The derivative of tanh, 1 - tanh(x)^2 = 4 σ'(2x), accurate in the tails.

    ``1 - np.tanh(x)**2`` is 0 for |x| above about 19; 4 σ'(2x) keeps the true value,
    about 4 e^(-2|x|). The maximum is exactly 1 at x = 0.

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar

    Examples
    --------
    >>> tanh_grad(0.0)
    np.float64(1.0)
    """
    x, restore = elementwise_input(x, func="tanh_grad")
    with np.errstate(over="ignore"):  # 2x may overflow to ±inf, where the derivative is 0
        doubled = 2 * x
    return restore(4 * _sigmoid_grad_array(doubled))


def _step(x: np.ndarray, low, high) -> np.ndarray:
    """``high`` where x > 0, ``low`` where x <= 0, NaN where x is NaN; dtype of x."""
    values = np.where(x > 0, x.dtype.type(high), x.dtype.type(low))
    return np.where(np.isnan(x), x, values)


def relu(x):
    r"""The rectified linear unit, max(0, x).

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar
        NaN gives NaN.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    x, restore = elementwise_input(x, func="relu")
    return restore(np.maximum(x, 0))


def relu_grad(x):
    r"""The derivative of ReLU: 1 for x > 0, 0 for x <= 0.

    ReLU has no derivative at 0; like most libraries we use 0 there.

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar

    Examples
    --------
    >>> relu_grad([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    x, restore = elementwise_input(x, func="relu_grad")
    return restore(_step(x, 0, 1))


def _check_slope(slope, func: str) -> float:
    slope = as_real_scalar(slope, func=func, name="slope")
    if not 0 <= slope <= 1:
        raise ValueError(
            _(
                "{func}() expects a slope between 0 and 1 (0.01 is usual; 0 gives "
                "ReLU), got {slope}."
            ).format(func=func, slope=slope)
        )
    return slope


def leaky_relu(x, slope=0.01):
    r"""The leaky ReLU: x for x > 0, ``slope * x`` otherwise.

    Parameters
    ----------
    x : array_like
        Real numbers.
    slope : float, default 0.01
        The slope for negative inputs, between 0 and 1 (0 gives ReLU, 1 the identity).

    Returns
    -------
    numpy.ndarray or numpy scalar

    Raises
    ------
    TypeError
        If ``slope`` is not a number.
    ValueError
        If ``slope`` is outside [0, 1] or not finite.

    Examples
    --------
    >>> leaky_relu([-2.0, 3.0], slope=0.1)
    array([-0.2,  3. ])
    """
    slope = _check_slope(slope, "leaky_relu")
    x, restore = elementwise_input(x, func="leaky_relu")
    if slope == 0:  # 0 * -inf would be NaN
        return restore(np.maximum(x, 0))
    with np.errstate(under="ignore"):  # slope * x may be subnormal
        return restore(np.where(x > 0, x, x * x.dtype.type(slope)))


def leaky_relu_grad(x, slope=0.01):
    r"""The derivative of the leaky ReLU: 1 for x > 0, ``slope`` for x <= 0.

    Parameters
    ----------
    x : array_like
        Real numbers.
    slope : float, default 0.01
        As in :func:`leaky_relu`.

    Returns
    -------
    numpy.ndarray or numpy scalar

    Examples
    --------
    >>> leaky_relu_grad([-2.0, 3.0], slope=0.1)
    array([0.1, 1. ])
    """
    slope = _check_slope(slope, "leaky_relu_grad")
    x, restore = elementwise_input(x, func="leaky_relu_grad")
    return restore(_step(x, slope, 1))


def silu(x):
    r"""The sigmoid-weighted linear unit (also called swish), x σ(x).

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar
        silu(-inf) is 0 and silu(inf) is inf.

    Examples
    --------
    >>> silu([0.0, 1.0])
    array([0.        , 0.73105858])
    """
    x, restore = elementwise_input(x, func="silu")
    with np.errstate(invalid="ignore", under="ignore"):  # -inf * 0 at x = -inf, fixed below
        result = x * _sigmoid_array(x)
    return restore(np.where(x == -np.inf, 0, result))


def silu_grad(x):
    r"""The derivative of SiLU, σ(x) + x σ'(x).

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 at +inf, 0 at -inf. The derivative is negative for x below about -1.28.

    Examples
    --------
    >>> silu_grad(0.0)
    np.float64(0.5)
    """
    x, restore = elementwise_input(x, func="silu_grad")
    s = _sigmoid_array(x)
    with np.errstate(invalid="ignore", under="ignore"):  # ±inf * 0 at x = ±inf, fixed below
        result = s + x * _sigmoid_grad_array(x)
    return restore(np.where(np.isinf(x), s, result))


# GELU needs the standard normal CDF Φ. NumPy has no erf, and SciPy is not a dependency of
# the package, so Φ is computed here from two classical expansions, each used where it
# converges fast and suffers no cancellation:
#   |x| < 2:  Φ(x) = 1/2 + φ(x) (x + x^3/3 + x^5/(3·5) + ...)        (all terms one sign)
#   |x| >= 2: Φ(-t) = φ(t) / (t + 1/(t + 2/(t + 3/(t + ...))))        (Laplace's fraction)
# Both are tested against mpmath to 1e-13 relative error.
_SERIES_LIMIT = 2.0
_SERIES_TERMS = 45
_FRACTION_TERMS = 100
_INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)


def _normal_pdf(x: np.ndarray) -> np.ndarray:
    """φ(x) for float64 x, with no rounding error from squaring large x."""
    # φ(40) underflows to 0, and clipping there keeps t * t finite for any input.
    t = np.minimum(np.abs(x), 40.0)
    # Split t = hi + lo with hi on 26 bits, so hi*hi is exact; otherwise the rounding of
    # t*t (up to 800) would shift e^(-t^2/2) by up to 1e-13 relative in the far tail.
    c = t * 134217729.0  # 2**27 + 1
    hi = c - (c - t)
    lo = t - hi
    return np.exp(-0.5 * hi * hi) * np.exp(-(hi * lo + 0.5 * lo * lo)) * _INV_SQRT_2PI


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    """Φ(x) for float64 x; NaN gives NaN."""
    out = np.full_like(x, np.nan)
    pdf = _normal_pdf(x)
    central = np.abs(x) < _SERIES_LIMIT
    if central.any():
        xc = x[central]
        x2 = xc * xc
        term = xc.copy()
        total = xc.copy()
        for n in range(1, _SERIES_TERMS):
            term *= x2 / (2 * n + 1)
            total += term
        out[central] = 0.5 + pdf[central] * total
    tails = np.abs(x) >= _SERIES_LIMIT
    if tails.any():
        t = np.minimum(np.abs(x[tails]), 40.0)
        denominator = t.copy()
        for k in range(_FRACTION_TERMS, 0, -1):
            denominator = t + k / denominator
        upper = pdf[tails] / denominator  # Φ(-|x|)
        out[tails] = np.where(x[tails] < 0, upper, 1 - upper)
    return out


def _in_float64(func, x: np.ndarray) -> np.ndarray:
    result = func(x.astype(np.float64))
    with np.errstate(under="ignore"):
        return result.astype(x.dtype, copy=False)


def _gelu64(x: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", under="ignore"):
        result = x * _normal_cdf(x)
    return np.where(x == -np.inf, 0.0, result)


def _gelu_grad64(x: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", under="ignore"):
        cdf = _normal_cdf(x)
        result = cdf + x * _normal_pdf(x)
    return np.where(np.isinf(x), cdf, result)


def gelu(x):
    r"""The Gaussian error linear unit, x Φ(x), in its exact (erf-based) form.

    Φ is the standard normal cumulative distribution function, Φ(x) = (1 + erf(x/√2)) / 2.
    This is the exact definition (PyTorch's default), not the tanh approximation
    0.5 x (1 + tanh(√(2/π)(x + 0.044715 x^3))), which differs from it by up to about 5e-4.

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar
        float16 and float32 inputs are computed in float64 and rounded once.

    Notes
    -----
    Φ is computed with NumPy alone (a power series near 0, a continued fraction in the
    tails); its relative error is below 1e-13 everywhere, tails included.

    Examples
    --------
    >>> gelu([-1.0, 0.0, 1.0])
    array([-0.15865525,  0.        ,  0.84134475])
    """
    x, restore = elementwise_input(x, func="gelu")
    return restore(_in_float64(_gelu64, x))


def gelu_grad(x):
    r"""The derivative of GELU, Φ(x) + x φ(x), with φ the standard normal density.

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar
        1 at +inf, 0 at -inf. The derivative is negative for x below about -0.75.

    Examples
    --------
    >>> gelu_grad(0.0)
    np.float64(0.5)
    """
    x, restore = elementwise_input(x, func="gelu_grad")
    return restore(_in_float64(_gelu_grad64, x))


@dataclass(frozen=True)
class Activation:
    """An activation function with its derivative, as listed in :data:`ACTIVATIONS`.

    Attributes
    ----------
    name : str
        The key in :data:`ACTIVATIONS`, e.g. ``"leaky_relu"``.
    label : str
        A short human-readable name for a dropdown or a legend.
    function, gradient : callable
        Array in, array out: the activation and its derivative.
    formula : str
        The definition in LaTeX without dollar signs; Matplotlib renders ``f"${formula}$"``.
    """

    name: str
    label: str
    function: Callable
    gradient: Callable
    formula: str


#: Every activation by name, in the order a dropdown should list them.
ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            "sigmoid", "Sigmoid", sigmoid, sigmoid_grad, r"\sigma(x) = \frac{1}{1 + e^{-x}}"
        ),
        Activation(
            "tanh", "tanh", tanh, tanh_grad, r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}"
        ),
        Activation("relu", "ReLU", relu, relu_grad, r"\mathrm{ReLU}(x) = \max(0,\, x)"),
        Activation(
            "leaky_relu",
            N_("Leaky ReLU (slope 0.01)"),
            leaky_relu,
            leaky_relu_grad,
            r"\mathrm{LeakyReLU}(x) = \max(0.01\,x,\, x)",
        ),
        Activation(
            "silu", N_("SiLU (swish)"), silu, silu_grad, r"\mathrm{SiLU}(x) = x\,\sigma(x)"
        ),
        Activation("gelu", "GELU", gelu, gelu_grad, r"\mathrm{GELU}(x) = x\,\Phi(x)"),
    )
}


#: Other names in use for the same functions: SiLU was introduced as "swish" (Ramachandran,
#: Zoph and Le, 2017), and the sigmoid is the "logistic" function.
_ALIASES = {"swish": "silu", "logistic": "sigmoid"}


def get_activation(name: str | Activation) -> Activation:
    """Look up an activation by name (case and ``-``/``_``/space do not matter).

    Parameters
    ----------
    name : str or Activation
        One of the keys of :data:`ACTIVATIONS`, or the other common name ``"swish"`` (SiLU)
        or ``"logistic"`` (sigmoid); an :class:`Activation` is returned as is.

    Returns
    -------
    Activation

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If there is no activation of that name; the message lists the valid names.

    Examples
    --------
    >>> get_activation("ReLU").name
    'relu'
    >>> get_activation("swish").name
    'silu'
    """
    if isinstance(name, Activation):
        return name
    valid = ", ".join(repr(key) for key in ACTIVATIONS)
    if not isinstance(name, str):
        raise TypeError(
            _(
                "get_activation() expects the name of an activation (a str), got "
                "{type} {name!r}. Valid names: {valid}."
            ).format(type=type(name).__name__, name=name, valid=valid)
        )
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = _ALIASES.get(key, key)
    if key not in ACTIVATIONS:
        raise ValueError(
            _("get_activation() knows no activation {name!r}. Valid names: {valid}.").format(
                name=name, valid=valid
            )
        )
    return ACTIVATIONS[key]
