"""Narrow filters for known deprecation warnings raised inside third-party libraries.

A brief shows no warnings; instead of silencing everything in a notebook, the one known
warning is filtered where qsp_lib calls the library, by message and module.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

F = TypeVar("F", bound=Callable)

#: pvlib 0.16 reads ``DatetimeIndex.dayofyear`` (in ``pvlib.tools._pandas_to_doy`` and
#: ``pvlib.clearsky.lookup_linke_turbidity``), deprecated by pandas 3 (``Pandas4Warning``).
PVLIB_DAYOFYEAR_MESSAGE = r"DatetimeIndex\.dayofyear is deprecated"


@contextmanager
def pvlib_deprecations_filtered() -> Iterator[None]:
    """Ignore :data:`PVLIB_DAYOFYEAR_MESSAGE` when raised from pvlib, nothing else."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=PVLIB_DAYOFYEAR_MESSAGE, category=DeprecationWarning, module="pvlib"
        )
        yield


def quiet_pvlib(func: F) -> F:
    """Decorator form of :func:`pvlib_deprecations_filtered`."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with pvlib_deprecations_filtered():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
