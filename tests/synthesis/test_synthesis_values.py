"""qsp_lib.synthesis.model.values: values read back tolerantly, status words classified."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from qsp_lib.synthesis.model import values


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(3, 3.0), ("2.5", 2.5), (None, None), (True, None), ("n.d.", None), (math.nan, None)],
)
def test_number_is_finite_or_none(raw, expected):
    assert values.number(raw) == expected


def test_records_reads_a_list_of_records_and_nothing_else():
    df = values.records([{"a": 1}, {"a": 2}])
    assert list(df["a"]) == [1, 2]
    assert values.records("text").empty and values.records([1, 2]).empty


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("atteint", "favourable"),
        ("en bonne voie", "favourable"),
        ("Atteint", "favourable"),
        ("met", "favourable"),
        ("non atteint", "unfavourable"),
        ("en retard", "unfavourable"),
        ("not met", "unfavourable"),
        ("sans donnée", "pending"),
        ("non mesuré", "pending"),
        ("not yet measured", "pending"),
        (None, "pending"),
    ],
)
def test_status_class(status, expected):
    assert values.status_class(status) == expected


def test_status_counts_by_hand():
    table = pd.DataFrame({"status": ["atteint", "en retard", "non atteint", "sans donnée"]})
    assert values.status_counts(table) == values.StatusCounts(4, 1, 2, 1)
    assert values.status_counts(pd.DataFrame()) == values.StatusCounts(0, 0, 0, 0)
