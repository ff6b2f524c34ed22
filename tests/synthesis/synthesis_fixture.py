"""A fixture run folder for the committee synthesis: what ``qsp run`` leaves in
``outputs/<site>/`` after the five upstream notebooks, one of them failed.

PV and GHG values are those of a Concorde run (shapes as glued by the notebooks); materials,
health and budget values are plausible values in the shapes of their issues (10, 11, 12).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from qsp_lib.core import style

GHG_OPTIONS = {
    "Programme NPNRU signé": (60397.2, 19068.59, 215749.28, -533.0),
    "Réhabilitation maximale": (43700.0, 15888.6, 215749.28, -533.0),
    "Démolition-reconstruction totale": (94400.0, 10781.55, 215749.28, -533.0),
}
STAGES = ("works", "operation_energy", "mobility", "vegetation_soil")


def _ghg() -> dict:
    totals = {o: round(sum(v), 2) for o, v in GHG_OPTIONS.items()}
    buildings = {o: round(v[0] + v[1] + v[3], 2) for o, v in GHG_OPTIONS.items()}
    ref = buildings["Programme NPNRU signé"]
    return {
        "ghg_totals": [
            {"option": o, "stage": s, "static_t_co2e": x, "dynamic_t_co2e": x * 0.85}
            for o, v in GHG_OPTIONS.items()
            for s, x in zip(STAGES, v, strict=True)
        ],
        "ghg_total_static_t_co2e": totals,
        "ghg_total_dynamic_t_co2e": {o: t * 0.85 for o, t in totals.items()},
        "ghg_p05_t_co2e": {o: t * 0.91 for o, t in totals.items()},
        "ghg_p50_t_co2e": {o: t * 1.004 for o, t in totals.items()},
        "ghg_p95_t_co2e": {o: t * 1.105 for o, t in totals.items()},
        "ghg_best_option": "Réhabilitation maximale",
        "ghg_scenarios": [
            {
                "scenario": s,
                "label": s,
                "option": o,
                "difference_t_co2e_p05": lo,
                "difference_t_co2e_p50": mid,
                "difference_t_co2e_p95": hi,
                # as the GHG brief glues it (ghg.model.robustness.verdict)
                "verdict": "lower" if hi < 0 else "higher" if lo > 0 else "indistinct",
            }
            for s, o, lo, mid, hi in (
                ("base", "Réhabilitation maximale", -8000.0, 1800.0, 10800.0),
                ("base", "Démolition-reconstruction totale", 9900.0, 15900.0, 21200.0),
                ("tout-gaz", "Réhabilitation maximale", -17300.0, -7000.0, 1700.0),
                ("tout-gaz", "Démolition-reconstruction totale", -25800.0, -20400.0, -15100.0),
            )
        ],
        "ghg_robust_conclusion": (
            "Réhabilitation maximale : indiscernables de Programme NPNRU signé dans tous les "
            "scénarios (l'enveloppe de l'écart contient zéro dans chacun). "
            "Démolition-reconstruction totale : plus émettrice que Programme NPNRU signé dans "
            "la base, mais plus sobre avec « Tout au gaz » : dépend de ce scénario."
        ),
        "ghg_payback_years": {o: None for o in totals},
        "ghg_buildings_static_t_co2e": buildings,
        # residents per option as the GHG note counts them; the Concorde site model gives
        # 4 940 for each option (1 900 dwellings x 2.6 persons): one option differs by hand
        "ghg_residents_by_option": {
            "Programme NPNRU signé": 4940.0,
            "Réhabilitation maximale": 4940.0,
            "Démolition-reconstruction totale": 5200.0,
        },
        # draw by draw: the reference option against itself is 0 in every draw
        "ghg_difference_p05_p50_p95": {
            o: [b - ref - 9000, b - ref, b - ref + 9000] if b != ref else [0.0, 0.0, 0.0]
            for o, b in buildings.items()
        },
    }


def results() -> dict:
    """``results.json`` of the fixture run (notebook -> scrap -> value)."""
    return {
        "pv_yield": {
            "pv_peak_power_kwp": 745.5,
            "pv_annual_energy_kwh": 741336.73,
            "pv_specific_yield_kwh_per_kwp": 994.42,
            "pv_performance_ratio": 0.798,
            "pv_ghi_annual_kwh_m2": 1106.5,
            "pv_poa_annual_kwh_m2": 1246.6,
            "pv_p90_annual_energy_kwh": 659609.37,
            "pv_lcoe_eur_per_mwh": 76.73,
            "pv_avoided_t_co2e_per_year": 24.7,
            "pv_monthly": [{"month": m, "energy_kwh": 61778.0} for m in range(1, 13)],
        },
        "ghg_planning_options": _ghg(),
        # circular_materials failed in this run: these are the scraps of an older good run,
        # which the synthesis must not show as this run's figures
        "circular_materials": {
            "materials_total_t": 61234.0,
            "materials_by_route_t": {"remblayage": 30000.0, "recyclage": 25000.0},
            "materials_recovery_rate": 0.91,
            "materials_reuse_rate": 0.002,
            "materials_landfill_t": 2100.0,
            "materials_avoided_t_co2e": 1450.0,
            "materials_berm_fill_coverage": 0.64,
            "materials_balance": [{"material": "béton", "route": "remblayage", "t": 30000}],
            "materials_fill_balance": [
                {
                    "option": "Programme NPNRU signé",
                    "fill_m3": 280000.0,
                    "site_material_t": 30000.0,
                    "imported_fill_t": 474000.0,
                    "import_transport_t_co2e": 1185.0,
                },
                {
                    "option": "Réhabilitation maximale",
                    "fill_m3": 280000.0,
                    "site_material_t": 0.0,
                    "imported_fill_t": 504000.0,
                    "import_transport_t_co2e": 1260.0,
                },
            ],
        },
        "evaluation_indicators": {
            "health_pop_above_lden53": {"before": 2140, "after": 1320},
            "health_highly_annoyed": {"before": 412.3, "after": 286.9},
            "health_highly_sleep_disturbed": {"before": 151.2, "after": 104.8},
            "health_ihd_cases_per_year": {"before": 0.41, "after": 0.33},
            "health_pm25_deaths_per_year": {"before": 2.84, "after": 2.61},
            "health_no2_deaths_per_year": {"before": 1.37, "after": 1.22},
            "noise_berm_insertion_loss_dba": 7.4,
            "indicators_status": [
                {
                    "indicator": "Habitants exposés > 53 dB Lden",
                    "theme": "Bruit",
                    "status": "en bonne voie",
                },
                {"indicator": "Surface désimperméabilisée", "theme": "Sols", "status": "atteint"},
                {"indicator": "Part modale du vélo", "theme": "Mobilité", "status": "en retard"},
                {
                    "indicator": "Concentration NO2 en façade",
                    "theme": "Air",
                    "status": "sans donnée",
                },
            ],
            "pilots_status": [
                {"operation": "Groupe scolaire", "objective": "NO2 intérieur", "status": "atteint"},
                {"operation": "Groupe scolaire", "objective": "DnT,A,tr", "status": "non atteint"},
                {"operation": "Résidence LMH", "objective": "Filtration", "status": "non mesuré"},
            ],
        },
        "pia_followup": {
            "pia_convention_eur": 4600000.0,
            "pia_committed_eur": 3450000.0,
            "pia_paid_eur": 1840000.0,
            "pia_committed_rate": 0.75,
            "pia_paid_rate": 0.4,
            "pia_at_risk_eur": 620000.0,
            "pia_late_actions": ["A2", "A4"],
            "pia_alerts": ["Action A4 : versé supérieur à l'engagé (12 000 €)."],
            "pia_by_action": [
                {
                    "action_id": "A1",
                    "title": "Butte acoustique",
                    "subsidy_eur": 1800000.0,
                    "committed_eur": 1800000.0,
                    "paid_eur": 1260000.0,
                },
                {
                    "action_id": "A2",
                    "title": "Centrale photovoltaïque",
                    "subsidy_eur": 1200000.0,
                    "committed_eur": 700000.0,
                    "paid_eur": 120000.0,
                },
                {
                    "action_id": "A3",
                    "title": "Excellence air et bruit des opérations pilotes",
                    "subsidy_eur": 1000000.0,
                    "committed_eur": 650000.0,
                    "paid_eur": 400000.0,
                },
                {
                    "action_id": "A4",
                    "title": "Évaluation et capitalisation",
                    "subsidy_eur": 600000.0,
                    "committed_eur": 300000.0,
                    "paid_eur": 60000.0,
                },
            ],
        },
    }


#: The data status of each card, as the briefs mark them (``qsp run`` writes it into
#: ``key_figures.json``): health and budget figures rest on illustrative files, as on
#: Concorde; the GHG cards carry none, as in a run made before data statuses (unknown).
DATA_STATUS = {
    "pv_yield": ("sourced", "estimated", "estimated", "estimated", "estimated"),
    "circular_materials": ("estimated",),
    "evaluation_indicators": ("illustrative", "illustrative", "illustrative", "estimated"),
    "pia_followup": ("sourced", "illustrative", "illustrative", "illustrative", "illustrative"),
}


def key_figures() -> dict:
    """``key_figures.json`` of the fixture run: the cards each brief showed. The PV cards are
    in the shape ``brief.key_figures`` stores for ``qsp run`` (text shown in ``value``, the
    number in ``number``); the others give the number in ``value`` with its ``decimals``.
    Cards carry their ``data_status`` (:data:`DATA_STATUS`), the GHG ones none."""
    cards = _key_figures()
    cards["pv_yield"] = [
        dict(c, value=style.fr(c["value"], c["decimals"]), number=c["value"])
        for c in cards["pv_yield"]
    ]
    for name, statuses in DATA_STATUS.items():
        for card, status in zip(cards[name], statuses, strict=True):
            card["data_status"] = status
    return cards


def _key_figures() -> dict:
    return {
        "pv_yield": [
            {
                "label": "Puissance crête",
                "value": 745.5,
                "decimals": 0,
                "unit": "kWc",
                "note": "2 champ(s) photovoltaïque(s)",
            },
            {
                "label": "Production annuelle",
                "value": 741.33673,
                "decimals": 0,
                "unit": "MWh/an",
                "note": "P90 : 660 MWh/an",
            },
            {
                "label": "Productible",
                "value": 994.42,
                "decimals": 0,
                "unit": "kWh/kWc",
                "note": "énergie par kWc installé, année 1",
            },
            {
                "label": "Coût actualisé",
                "value": 76.73,
                "decimals": 0,
                "unit": "€/MWh",
                "note": "tarif de référence 88,3 €/MWh",
            },
            {
                "label": "Émissions évitées",
                "value": 24.7,
                "decimals": 1,
                "unit": "tCO2e/an",
                "note": "nettes du cycle de vie des panneaux",
            },
        ],
        "ghg_planning_options": [
            {
                "label": "Option la moins émettrice",
                "value": "Réhabilitation maximale",
                "unit": "",
                "note": "valeurs centrales",
            },
            {
                "label": "Bâtiments et travaux, NPNRU",
                "value": 78932.79,
                "decimals": 0,
                "unit": "tCO2e",
                "note": "sur 50 ans, hors mobilité",
            },
            {
                "label": "Écart NPNRU - réhabilitation",
                "value": 19344.19,
                "decimals": 0,
                "unit": "tCO2e",
                "note": "P5-P95 : 10 344 à 28 344",
            },
            {
                "label": "Mobilité des habitants",
                "value": 215.74928,
                "decimals": 1,
                "unit": "ktCO2e",
                "note": "identique dans toutes les options",
            },
        ],
        "circular_materials": [
            {
                "label": "Matériaux",
                "value": 61234.0,
                "decimals": 0,
                "unit": "t",
                "note": "inventaire PEMD",
            },
        ],
        "evaluation_indicators": [
            {
                "label": "Habitants > 53 dB Lden",
                "value": 1320,
                "decimals": 0,
                "unit": "habitants",
                "note": "contre 2 140 avant le projet",
            },
            {
                "label": "Fortement gênés évités",
                "value": 125.4,
                "decimals": 0,
                "unit": "personnes",
                "note": "par le bruit routier",
            },
            {
                "label": "Décès attribuables évités",
                "value": 0.38,
                "decimals": 2,
                "unit": "décès/an",
                "note": "PM2,5 et NO2",
            },
            {
                "label": "Indicateurs en bonne voie",
                "value": 2,
                "decimals": 0,
                "unit": "sur 4",
                "note": "atteints ou en bonne voie",
            },
        ],
        "pia_followup": [
            {
                "label": "Convention PIA",
                "value": 4.6,
                "decimals": 1,
                "unit": "M€",
                "note": "subvention validée fin 2019",
            },
            {
                "label": "Engagé",
                "value": 75.0,
                "decimals": 0,
                "unit": "%",
                "note": "3 450 000 € engagés",
            },
            {
                "label": "Versé",
                "value": 1840000.0,
                "decimals": 0,
                "unit": "€",
                "note": "40 % de la convention",
            },
            {
                "label": "Subvention à risque",
                "value": 620000.0,
                "decimals": 0,
                "unit": "€",
                "note": "au rythme actuel",
            },
            {
                "label": "Actions en retard",
                "value": 2,
                "decimals": 0,
                "unit": "actions",
                "note": "A2, A4",
            },
        ],
    }


FAILED = "circular_materials"
FAILURE = "KeyError: 'quantity_t' (cellule 4)"


def run_json() -> dict:
    """``run.json`` of the fixture run: circular_materials failed."""
    entry = {"start": "2026-11-30T01:04:33+00:00", "duration_s": 12.3, "error": None}
    run = {
        name: dict(entry, status="ok", fingerprint=f"{i:x}" * 64)
        for i, name in enumerate(results(), start=10)
    }
    run["pia_followup"]["status"] = "reused"
    run[FAILED] = dict(entry, status="failed", error=FAILURE)
    return run


def previous_results() -> dict:
    """``results.previous.json``: the same run with a different PV plant and budget."""
    prev = copy.deepcopy(results())
    prev["pv_yield"]["pv_annual_energy_kwh"] = 700000.0
    prev["pv_yield"]["pv_avoided_t_co2e_per_year"] = 23.3
    prev["pia_followup"]["pia_paid_eur"] = 1500000.0
    return prev


def write(folder: Path, previous: bool = True) -> Path:
    """Write the fixture run into ``folder`` (with briefs for the links) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(results(), ensure_ascii=False), "utf-8")
    (folder / "run.json").write_text(json.dumps(run_json(), ensure_ascii=False), "utf-8")
    (folder / "key_figures.json").write_text(json.dumps(key_figures(), ensure_ascii=False), "utf-8")
    if previous:
        (folder / "results.previous.json").write_text(
            json.dumps(previous_results(), ensure_ascii=False), "utf-8"
        )
    for name in results():
        (folder / f"{name}.html").write_text(
            '<html><body><aside class="qsp-assumption"><strong>Hypothèse</strong> — '
            f"valeur illustrative de {name}.</aside></body></html>",
            "utf-8",
        )
    return folder


def write_full(folder: Path) -> Path:
    """The densest run the pilotage page must hold: every brief available with six key
    figures (the most a brief shows), every card marked (the added ones « estimé », the most
    common status; the fixture's health and budget cards « illustratif », with a banner), and
    several changes since the previous run."""
    write(folder)
    cards = key_figures()
    for notebook_cards in cards.values():
        while len(notebook_cards) < 6:
            notebook_cards.append(
                {
                    "label": "Indicateur complémentaire",
                    "value": 12345.6,
                    "decimals": 1,
                    "unit": "tCO2e/an",
                    "note": "pour remplir la note",
                    "data_status": "estimated",
                }
            )
    run = run_json()
    run[FAILED] = dict(run["pv_yield"])
    prev = previous_results()
    for key in ("pv_peak_power_kwp", "pv_lcoe_eur_per_mwh", "pv_specific_yield_kwh_per_kwp"):
        prev["pv_yield"][key] *= 1.1
    prev[FAILED]["materials_total_t"] = 50000.0
    for name, data in (("key_figures", cards), ("run", run), ("results.previous", prev)):
        (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return folder
