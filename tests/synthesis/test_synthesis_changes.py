"""qsp_lib.synthesis.changes and .model.changes: what changed since the previous run, by
hand; a brief missing from a run is not a change to zero."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from qsp_lib.core.analysis import analyses
from qsp_lib.synthesis import changes, tables
from qsp_lib.synthesis.model.changes import flatten, scrap_changes

PREVIOUS = {
    "pv_yield": {"pv_annual_energy_kwh": 700_000.0, "pv_peak_power_kwp": 745.5},
    "ghg_planning_options": {"ghg_total_static_t_co2e": {"A": 100.0, "B": 50.0}},
    "pia_followup": {"pia_late_actions": ["A2"]},
    "circular_materials": {"materials_total_t": 61_234.0},
}
CURRENT = {
    "pv_yield": {"pv_annual_energy_kwh": 741_000.0, "pv_peak_power_kwp": 745.5},
    "ghg_planning_options": {"ghg_total_static_t_co2e": {"A": 100.0, "B": 40.0, "C": 7.0}},
    "pia_followup": {"pia_late_actions": ["A2", "A4"]},
}


def test_flatten_a_number_a_mapping_and_a_list():
    assert flatten(3) == {"": 3.0}
    assert flatten({"before": 2, "after": None}) == {"before": 2.0, "after": None}
    assert flatten(["A2", "A4"]) == {"": 2.0}


def test_scrap_changes_in_stored_units_by_hand():
    followed = [
        ("pv_yield", "pv_annual_energy_kwh"),
        ("ghg_planning_options", "ghg_total_static_t_co2e"),
    ]
    diff = scrap_changes(CURRENT, PREVIOUS, followed)
    energy = diff[diff["scrap"] == "pv_annual_energy_kwh"].iloc[0]
    assert energy["difference"] == pytest.approx(41_000.0)
    assert energy["rel_change"] == pytest.approx(41 / 700)
    # C appeared: infinite relative change, listed first
    assert diff.iloc[0]["key"] == "C" and math.isinf(diff.iloc[0]["rel_change"])
    assert list(diff["key"]) == ["C", "B", ""]  # 7 new; -10/50 = -20 %; +41/700 = 5.9 %


def test_changes_between_runs_in_the_declared_units_by_hand():
    diff = changes.changes(CURRENT, PREVIOUS).set_index("label")
    energy = diff.loc["Production annuelle"]
    assert energy["previous"] == pytest.approx(700.0) and energy["current"] == pytest.approx(741.0)
    assert energy["difference"] == pytest.approx(41.0) and energy["unit"] == "MWh/an"
    assert energy["theme"] == "Énergie"
    assert diff.loc["Émissions totales — B", "difference"] == pytest.approx(-10.0)
    assert pd.isna(diff.loc["Émissions totales — C", "previous"])
    assert diff.loc["Actions en retard", "difference"] == 1
    assert "Puissance crête" not in diff.index  # unchanged
    assert "Émissions totales — A" not in diff.index
    assert "Matériaux de démolition" not in diff.index  # missing now: not a change to zero


def test_before_after_keys_read_in_french():
    previous = {"evaluation_indicators": {"health_highly_annoyed": {"before": 850, "after": 600}}}
    current = {"evaluation_indicators": {"health_highly_annoyed": {"before": 850, "after": 609}}}
    diff = changes.changes(current, previous)
    assert list(diff["label"]) == ["Personnes fortement gênées par le bruit — après projet"]


def test_changes_table_and_summary():
    diff = changes.changes(CURRENT, PREVIOUS)
    table, left = tables.changes_table(diff, max_rows=2)
    assert len(table) == 2 and left == 2
    full, _ = tables.changes_table(diff)
    row = full[full["Chiffre"] == "Production annuelle"].iloc[0]
    assert (row["Précédent"], row["Actuel"], row["Écart"]) == ("700", "741", "+41")
    summary = changes.change_summary(CURRENT, PREVIOUS, diff, 0)
    assert summary.n_changed == 4 and summary.phrase == "4 chiffres suivis ont changé"
    assert changes.change_summary(CURRENT, PREVIOUS, diff[:1], 0).phrase == (
        "1 chiffre suivi a changé"
    )
    none = changes.change_summary(CURRENT, {}, diff[:0], 0)
    assert not none.has_previous and none.phrase == "pas d'exécution précédente à comparer"
    same = changes.change_summary(CURRENT, CURRENT, diff[:0], 0)
    assert same.phrase == "aucun des chiffres suivis n'a changé"


def test_the_followed_scraps_are_those_declared_compared():
    declared = {(a.notebook, s.name) for a in analyses().values() for s in a.scraps if s.compared}
    assert {(a.notebook, s.name) for a, s in changes.followed()} == declared
    assert ("pv_yield", "pv_annual_energy_kwh") in declared
