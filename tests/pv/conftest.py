"""Fixtures of the pv tests: validated parameters of both sites and Concorde's typical year
(generated once per session: the climatology generator and the simulation take seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qsp_lib.core import params

REPO = Path(__file__).resolve().parents[2]


def _site_parameters(site: str, **changes):
    data = params.load_yaml(REPO / "parameters" / site / "pv_yield.yaml")
    data.update(changes)
    return params.validate("pv_yield", data, site_dir=REPO / "parameters" / site)


@pytest.fixture(scope="session")
def site_parameters():
    """``site_parameters(site, **changes)``: a site's pv_yield parameters, changed, validated."""
    return _site_parameters


@pytest.fixture(scope="session")
def concorde():
    return _site_parameters("concorde")


@pytest.fixture(scope="session")
def concorde_year(concorde):
    from qsp_lib.pv import study

    return study.weather_year(concorde)


@pytest.fixture(scope="session")
def concorde_sim(concorde, concorde_year):
    from qsp_lib.pv import study

    return study.simulate(concorde, concorde_year)


@pytest.fixture(scope="session")
def concorde_fao(concorde):
    """Concorde with the FAO-56 default pair (Allen et al. 1998, eq. 35), the fallback."""
    weather = dict(concorde.weather.model_dump(), angstrom_a=0.25, angstrom_b=0.50)
    return _site_parameters("concorde", weather=weather)


@pytest.fixture(scope="session")
def concorde_fao_year(concorde_fao):
    from qsp_lib.pv import study

    return study.weather_year(concorde_fao)
