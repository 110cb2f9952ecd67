"""Plot functions, shaped ``plot_x(..., *, ax=None, **kw)``: they draw on ``ax`` or make their
own axes, and return what they drew so a test can assert on it."""
