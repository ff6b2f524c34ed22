"""Scrap values are converted to plain JSON types before scrapbook stores them."""

import math

import numpy as np
import pandas as pd
import pytest

from qsp_lib.core import scraps


def test_numpy_values_become_plain_python():
    value = scraps.to_json_value({"a": np.float64(1.5), "b": np.int64(2), "c": np.array([1, 2])})
    assert value == {"a": 1.5, "b": 2, "c": [1, 2]}
    assert type(value["a"]) is float and type(value["b"]) is int


def test_non_finite_numbers_become_null():
    assert scraps.to_json_value([math.nan, np.inf, 1.0]) == [None, None, 1.0]


def test_dataframes_become_records():
    df = pd.DataFrame({"month": np.arange(1, 3), "energy_kwh": [1.0, np.nan]})
    assert scraps.to_json_value(df) == [
        {"month": 1, "energy_kwh": 1.0},
        {"month": 2, "energy_kwh": None},
    ]


def test_scrap_names_are_snake_case():
    with pytest.raises(ValueError):
        scraps.glue("Energie kWh", 1.0)
