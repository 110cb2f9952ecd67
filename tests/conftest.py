"""Shared test setup: a non-interactive Matplotlib backend, chosen before anything draws."""

import matplotlib

matplotlib.use("Agg")
