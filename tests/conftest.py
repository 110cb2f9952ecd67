"""Shared test setup: a non-interactive Matplotlib backend, chosen before anything draws."""

import matplotlib

matplotlib.use("Agg")

# Notebooks under tests/ are fixtures for the browser tests (some fail on purpose); they are
# opened by those tests, not compared by nbval.
collect_ignore_glob = ["browser/fixtures/*"]
