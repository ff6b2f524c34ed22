"""The Concorde pv_yield parameters and their simulated year, built once per test session
and shared by the PV study tests (each module exposes the ones it needs as fixtures)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from qsp_lib.core import params
from qsp_lib.pv import study

REPO = Path(__file__).resolve().parents[2]


def site_parameters(site: str, **changes):
    """A site's pv_yield parameters, changed by ``changes``, validated."""
    data = params.load_yaml(REPO / "parameters" / site / "pv_yield.yaml")
    data.update(changes)
    return params.validate("pv_yield", data, site_dir=REPO / "parameters" / site)


def site_folder(folder: Path, site: str = "concorde", change=None, **identity) -> Path:
    """``folder`` made a site folder: a copy of ``site``'s site.yaml (its identity keys
    replaced by ``identity``, then ``change(data)`` applied) and of its pv_yield.yaml."""
    import yaml

    data = params.load_yaml(REPO / "parameters" / site / "site.yaml")
    data.update(identity)
    if change is not None:
        change(data)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    pv_yield = (REPO / "parameters" / site / "pv_yield.yaml").read_text(encoding="utf-8")
    (folder / "pv_yield.yaml").write_text(pv_yield, encoding="utf-8")
    return folder


@cache
def concorde():
    return site_parameters("concorde")


@cache
def concorde_year():
    return study.weather_year(concorde())


@cache
def concorde_sim():
    return study.simulate(concorde(), concorde_year())


@cache
def concorde_fao():
    """Concorde with the FAO-56 default pair (Allen et al. 1998, eq. 35), the fallback."""
    weather = dict(concorde().weather.model_dump(), angstrom_a=0.25, angstrom_b=0.50)
    return site_parameters("concorde", weather=weather)


@cache
def concorde_fao_year():
    return study.weather_year(concorde_fao())
