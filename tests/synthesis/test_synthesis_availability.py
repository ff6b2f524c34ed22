"""qsp_lib.synthesis.availability: which upstream briefs a run holds; a failed, skipped or
absent notebook is missing with its reason, never counted as zero."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from qsp_lib.core import style
from qsp_lib.core.analysis import analysis
from qsp_lib.synthesis import availability

sys.path.insert(0, str(Path(__file__).parent))
import synthesis_fixture as fx  # noqa: E402


def test_failed_skipped_and_absent_notebooks_are_missing_with_their_reason():
    run = {
        "pv_yield": {"status": "ok"},
        "ghg_planning_options": {"status": "reused", "executed_at": "2026-11-29T10:00:00"},
        "circular_materials": {"status": "failed", "error": "KeyError: 'quantity_t'"},
        "pia_followup": {"status": "skipped", "error": "pas de fichier pia_followup.yaml"},
    }
    st = availability.upstream_status(run, {}, briefs=["pv_yield"]).set_index("notebook")
    assert st.loc["pv_yield", "available"] and st.loc["pv_yield", "link"] == "pv_yield.html"
    # available but its brief file is absent: no dead link
    assert st.loc["ghg_planning_options", "available"]
    assert not isinstance(st.loc["ghg_planning_options", "link"], str)
    assert not st.loc["circular_materials", "available"]
    assert "KeyError: 'quantity_t'" in st.loc["circular_materials", "reason"]
    assert not isinstance(st.loc["circular_materials", "link"], str)
    assert "non configurée" in st.loc["pia_followup", "reason"]
    assert "non exécutée" in st.loc["evaluation_indicators", "reason"]
    empty = availability.upstream_status({}, {})
    assert not empty["available"].any()
    assert all("aucun résultat" in r for r in empty["reason"])


def test_upstream_briefs_are_the_declared_ones_with_their_theme_and_title():
    st = availability.upstream_status({}, {}).set_index("notebook")
    assert list(st.index) == list(analysis("committee_synthesis").depends_on)
    assert st.loc["pv_yield", "theme"] == "Énergie"
    assert st.loc["pia_followup", "title"] == "Suivi financier de la convention PIA"


def test_key_figures_keep_the_brief_formatting_and_leave_out_failed_notebooks():
    status = availability.upstream_status(fx.run_json(), fx.key_figures())
    figures = availability.key_figures_frame(fx.key_figures(), status)
    assert fx.FAILED not in set(figures["source_notebook"])
    expected = sum(len(c) for n, c in fx.key_figures().items() if n != fx.FAILED)
    assert len(figures) == expected
    row = figures[figures["label"] == "Production annuelle"].iloc[0]
    assert row["text"] == "741" and row["unit"] == "MWh/an" and row["theme"] == "Énergie"
    row = figures[figures["label"] == "Décès attribuables évités"].iloc[0]
    assert row["text"] == "0,38"
    row = figures[figures["label"] == "Versé"].iloc[0]
    assert row["text"] == style.fr(1_840_000, 0) == "1\u202f840\u202f000"
    text_card = figures[figures["label"] == "Option la moins émettrice"].iloc[0]
    assert text_card["text"] == "Réhabilitation maximale" and pd.isna(text_card["value"])
    contract = availability.contract_key_figures(figures)
    assert list(contract.columns[:5]) == ["theme", "label", "value", "unit", "source_notebook"]
    # a card without decimals is shown with none, as brief.key_figures does
    assert availability.card_text({"label": "x", "value": 12.6}) == "13"


def test_cards_as_qsp_run_stores_them_text_shown_and_number():
    """``brief.key_figures`` metadata (what qsp run copies to key_figures.json): the text
    shown in ``value``, the number in ``number``."""
    cards = {
        "pia_followup": [
            {
                "label": "Versé",
                "value": "1\u202f840\u202f000",
                "decimals": 0,
                "unit": "€",
                "note": "",
                "number": 1840000.0,
            },
            {
                "label": "Option",
                "value": "Réhabilitation",
                "decimals": None,
                "unit": "",
                "note": "",
                "number": None,
            },
        ]
    }
    status = availability.upstream_status({"pia_followup": {"status": "ok"}}, cards)
    figures = availability.key_figures_frame(cards, status).set_index("label")
    assert figures.loc["Versé", "text"] == "1\u202f840\u202f000"
    assert figures.loc["Versé", "value"] == 1840000.0
    assert figures.loc["Option", "text"] == "Réhabilitation"
    assert pd.isna(figures.loc["Option", "value"])


def test_theme_groups_show_missing_rather_than_zero():
    status = availability.upstream_status(fx.run_json(), fx.key_figures())
    figures = availability.key_figures_frame(fx.key_figures(), status)
    groups = {g["theme"]: g for g in availability.theme_groups(status, figures)}
    assert not groups["Matériaux"]["available"] and groups["Matériaux"]["cards"] == []
    assert "quantity_t" in groups["Matériaux"]["reason"]
    assert groups["Matériaux"]["link"] is None
    assert groups["Énergie"]["link"] == "pv_yield.html"
    assert len(groups["Budget"]["cards"]) == 5


def test_counts_for_the_summary():
    status = availability.upstream_status(fx.run_json(), fx.key_figures())
    figures = availability.key_figures_frame(fx.key_figures(), status)
    n = availability.counts(status, figures)
    assert (n.available, n.expected, n.missing) == (4, 5, 1)
    assert n.missing_text == "Matériaux" and not n.empty
    assert n.figures == sum(len(c) for k, c in fx.key_figures().items() if k != fx.FAILED)
    none = availability.upstream_status({}, {})
    empty = availability.counts(none, availability.key_figures_frame({}, none))
    assert empty.empty and empty.available == 0 and empty.figures == 0


def test_available_results_drop_the_stale_scraps_of_a_failed_notebook():
    status = availability.upstream_status(fx.run_json(), fx.key_figures())
    kept = availability.available_results(fx.results(), status)
    assert fx.FAILED not in kept and "pv_yield" in kept


def test_a_stale_upstream_says_so_instead_of_up_to_date():
    run = {"pv_yield": {"status": "reused", "stale": True}, "pia_followup": {"status": "ok"}}
    st = availability.upstream_status(run, {}).set_index("notebook")
    assert st.at["pv_yield", "status_fr"].startswith("périmée")
    assert "à jour" not in st.at["pv_yield", "status_fr"]
    assert not st.at["pia_followup", "status_fr"].startswith("périmée")


def test_link_rows_link_only_available_briefs():
    status = availability.upstream_status(fx.run_json(), fx.key_figures())
    rows = {r["title"].split(" — ")[0]: r for r in availability.link_rows(status)}
    assert rows["Énergie"]["link"] == "pv_yield.html"
    assert rows["Matériaux"]["link"] is None
    assert rows["Matériaux"]["detail"].startswith("non disponible : ")
