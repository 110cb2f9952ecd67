"""The latency benchmark's sampling and verdicts, without a browser.

The benchmark itself drives Chromium and is run by hand (``python -m
benchmarks.live_figure_latency``); what decides its numbers apart from the browser is tested
here: the presses' offsets spread evenly over one frame, and a row meets the target only when
every press was measured and both its median and its worst case are within it.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks import live_figure_latency as bench


@given(presses=st.integers(1, 60), seed=st.integers(0, 2**32 - 1))
def test_one_offset_falls_in_each_equal_slice_of_a_frame(presses, seed):
    offsets = bench.press_offsets(presses, random.Random(seed))
    frame = bench.FRAME_MS / 1000
    assert len(offsets) == presses
    for k, offset in enumerate(sorted(offsets)):
        assert k * frame / presses <= offset < (k + 1) * frame / presses


def test_offsets_are_shuffled_and_repeat_with_the_seed():
    first = bench.press_offsets(40, random.Random(7))
    assert first == bench.press_offsets(40, random.Random(7))
    assert first != sorted(first), "in press order, not slice order"
    assert first != bench.press_offsets(40, random.Random(8))


def test_frame_locked_presses_have_no_offset():
    assert bench.press_offsets(5, None) == [0.0] * 5


@pytest.mark.parametrize(
    ("latencies", "missed", "meets"),
    [
        ([10.0, 12.0, 16.0], 0, True),
        ([10.0, 16.5, 17.0], 0, False),  # the median is over one frame
        ([10.0, 12.0, 50.5], 0, False),  # one press is over the worst-case bound
        ([10.0, 12.0, 14.0], 1, False),  # a press that changed no pixels is not a pass
        ([], 0, False),
    ],
)
def test_a_row_meets_the_target_only_on_every_count(latencies, missed, meets):
    row = bench.Row("01-build-a-neuron", "website, live", latencies=latencies, missed=missed)
    assert row.meets() is meets


def test_next_frame_share_counts_presses_shown_one_frame_after_the_key():
    row = bench.Row("c", "website, live", latencies=[5.0] * 4, frames=[1, 1, 2, 1])
    assert row.next_frame() == 0.75


@given(st.floats(0, 1e4, allow_nan=False))
def test_every_phase_falls_in_one_slice_of_the_frame(phase):
    index = bench.PhaseQuota.slice_of(phase)
    assert 0 <= index < bench.PHASE_SLICES
    width = bench.FRAME_MS / bench.PHASE_SLICES
    within = phase % bench.FRAME_MS
    assert index * width <= within + 1e-9
    assert within < (index + 1) * width + 1e-9


@given(st.lists(st.floats(0, bench.FRAME_MS, exclude_max=True), max_size=200))
def test_the_quota_counts_the_first_presses_of_each_slice_and_no_more(phases):
    quota = bench.PhaseQuota(per_slice=3)
    taken = [phase for phase in phases if quota.take(phase)]
    for index in range(bench.PHASE_SLICES):
        in_slice = [p for p in phases if bench.PhaseQuota.slice_of(p) == index]
        assert [p for p in taken if bench.PhaseQuota.slice_of(p) == index] == in_slice[:3]
    assert quota.full() == all(
        sum(bench.PhaseQuota.slice_of(p) == index for p in phases) >= 3
        for index in range(bench.PHASE_SLICES)
    )


def test_a_press_whose_phase_is_unknown_is_not_counted():
    quota = bench.PhaseQuota(per_slice=1)
    assert not quota.take(None)
    assert quota.counts == [0] * bench.PHASE_SLICES


def test_a_row_with_a_slice_left_short_does_not_meet_the_target():
    row = bench.Row("c", "website, live", latencies=[5.0] * 16, unfilled=1)
    assert not row.meets()


def test_presses_must_fill_every_slice_equally():
    with pytest.raises(SystemExit):
        bench.main(["--presses", "12"])
