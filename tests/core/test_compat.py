"""qsp_lib.core.compat: the one known pvlib deprecation is filtered, nothing else."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from qsp_lib.core.compat import pvlib_deprecations_filtered, quiet_pvlib

TIMES = pd.date_range("2023-01-01", periods=24, freq="h", tz="UTC")


def test_known_pvlib_deprecation_is_filtered():
    import pvlib

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pvlib_deprecations_filtered():
            pvlib.irradiance.get_extra_radiation(TIMES)
            pvlib.clearsky.lookup_linke_turbidity(TIMES, 50.6, 3.0)
        quiet_pvlib(pvlib.irradiance.get_extra_radiation)(TIMES)


def test_other_warnings_still_show():
    with pytest.warns(DeprecationWarning, match="something else"):
        with pvlib_deprecations_filtered():
            warnings.warn("something else is deprecated", DeprecationWarning, stacklevel=1)
    with pytest.warns(UserWarning, match="DatetimeIndex.dayofyear is deprecated"):
        with pvlib_deprecations_filtered():  # same text, not a deprecation from pvlib
            warnings.warn("DatetimeIndex.dayofyear is deprecated", UserWarning, stacklevel=1)
