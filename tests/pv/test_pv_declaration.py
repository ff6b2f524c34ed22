"""The declaration of the pv_yield analysis (qsp_lib.pv.declaration): what the runner, the
synthesis and the index pages know of it agrees with its parameter schema and its brief."""

from __future__ import annotations

from qsp_lib.core import analysis
from qsp_lib.core.site import SiteModel
from qsp_lib.pv.declaration import ANALYSIS
from qsp_lib.pv.schema import PvYieldParameters


def test_found_among_the_analyses():
    assert analysis.analysis("pv_yield") is ANALYSIS
    assert ANALYSIS.schema == f"{PvYieldParameters.__module__}:{PvYieldParameters.__name__}"


def test_key_figures_rest_on_top_level_parameters_or_site_blocks():
    # A top-level parameter, the site's identity (location) or a block of the site model.
    blocks = {f"site.{name}" for name in SiteModel.model_fields}
    fields = set(PvYieldParameters.model_fields) | {"site"} | blocks
    for k in ANALYSIS.key_figures:
        assert k.inputs and set(k.inputs) <= fields, (k.id, set(k.inputs) - fields)
    # The LCOE rests on the costs and the avoided emissions on the carbon factors.
    lcoe, avoided = ANALYSIS.key_figure("lcoe"), ANALYSIS.key_figure("avoided")
    assert {"capex_eur_per_kwp", "opex_eur_per_kwp_year", "discount_rate"} <= set(lcoe.inputs)
    assert {"grid_kg_co2e_per_kwh", "pv_lifecycle_kg_co2e_per_kwp"} <= set(avoided.inputs)
    # The energy rests on the simulated year: place (the site), weather, arrays, model chain.
    energy = set(ANALYSIS.key_figure("annual_energy").inputs)
    assert {"weather", "arrays", "site", "albedo", "system_losses_percent"} <= energy
    assert energy <= set(lcoe.inputs) and energy <= set(avoided.inputs)
    # Every figure rests on the arrays, laid on the berm's faces (site.berm).
    assert all({"arrays", "site.berm"} <= set(k.inputs) for k in ANALYSIS.key_figures)
    # The energy rests on the location (the site's identity).
    assert "site" in ANALYSIS.key_figure("annual_energy").inputs


def test_cards_are_those_the_brief_shows():
    # Labels, units and decimals of the "En bref" cards of the pv_yield brief.
    shown = [
        ("peak_power", "Puissance crête", "kWc", 0),
        ("annual_energy", "Production annuelle", "MWh/an", 0),
        ("specific_yield", "Productible", "kWh/kWc", 0),
        ("lcoe", "Coût actualisé", "€/MWh", 0),
        ("avoided", "Émissions évitées", "tCO2e/an", 1),
    ]
    assert [(k.id, k.label, k.unit, k.decimals) for k in ANALYSIS.key_figures] == shown
    card = ANALYSIS.card("avoided", 24.1, note="nettes du cycle de vie des panneaux")
    assert (card["label"], card["unit"], card["decimals"]) == ("Émissions évitées", "tCO2e/an", 1)
