"""Shared test setup: a non-interactive Matplotlib backend, chosen before anything draws, and
Hypothesis without its per-example time limit."""

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")

# A property test must pass or fail on what it computes, not on how busy the machine is: the
# default 200 ms deadline per example turned load (a first import, two cores shared by the
# browser tests) into "Flaky" failures.
settings.register_profile("sigmoid-lab", deadline=None)
settings.load_profile("sigmoid-lab")

# Notebooks under tests/ are fixtures for the browser tests (some fail on purpose); they are
# opened by those tests, not compared by nbval.
collect_ignore_glob = ["browser/fixtures/*"]
