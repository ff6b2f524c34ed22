"""Rows of the pv_yield brief's "Hypothèses et sources" (qsp_lib.pv.study.sources).

References asserted here: the Concorde parameter file (tariff 88.3 €/MWh, discount rate 4 %,
Rietveld 1978 pair 0.192/0.589, 4,000 m² x 0.7 x 0.21 kWc/m² on the south slope) and the
FAO-56 pair (Allen et al. 1998: 0.25/0.50).
"""

from __future__ import annotations

import pv_fixture as fx
import pytest

from qsp_lib.pv import study

concorde = pytest.fixture(fx.concorde)
concorde_year = pytest.fixture(fx.concorde_year)
concorde_sim = pytest.fixture(fx.concorde_sim)
concorde_fao = pytest.fixture(fx.concorde_fao)
concorde_fao_year = pytest.fixture(fx.concorde_fao_year)


def test_sources_rows(concorde, concorde_year, concorde_sim):
    unc = study.uncertainty(concorde, concorde_sim, concorde_year)
    rows = study.sources_rows(concorde, concorde_year, unc)
    assert list(rows.columns) == study.SOURCE_COLUMNS
    assert rows["source"].str.strip().ne("").all()
    by_item = rows.set_index("item")
    assert by_item.at["Tarif de référence", "value"] == 88.3
    assert by_item.at["Taux d'actualisation", "value"] == pytest.approx(4.0)
    # Rietveld 1978 pair of the Concorde file, with its source.
    assert by_item.at["Coefficient d'Angström-Prescott a", "value"] == 0.192
    assert by_item.at["Coefficient d'Angström-Prescott b", "value"] == 0.589
    assert "Rietveld 1978" in by_item.at["Coefficient d'Angström-Prescott a", "source"]
    assert by_item.at["Coefficient d'Angström-Prescott a", "note"] == "publié"
    assert by_item.at["Direct et diffus", "value"] == "modèle DISC"
    assert "Appel d'offres CRE sol, 2024" in by_item.index  # from pv_tariffs.csv
    assert "Centrale au sol Enercoop, Lille (2024)" in by_item.index  # from pv_references.csv
    talus = rows[rows["item"].str.startswith("Champ « Talus sud")].iloc[0]
    assert talus["value"] == pytest.approx(5400 * 0.7 * 0.21)
    # French numbers in the array's description (narrow no-break space for thousands).
    # Azimuth and slope of the berm's south face (site.yaml), the tilt of the array.
    assert "face « talus-sud » de la butte (site.yaml)" in talus["item"]
    assert "inclinaison 35,0°, azimut 200°, pente 21,8°" in talus["item"]
    assert "5\u202f400 m² × taux d'occupation 0,70 × 0,21 kWc/m²" in talus["item"]
    assert set(rows["note"]) <= {"paramètre", "méthode", "hypothèse", "publié", "donnée d'entrée"}


def test_sources_rows_with_the_fao_pair(concorde_fao, concorde_fao_year):
    sim = study.simulate(concorde_fao, concorde_fao_year)
    unc = study.uncertainty(concorde_fao, sim, concorde_fao_year)
    by_item = study.sources_rows(concorde_fao, concorde_fao_year, unc).set_index("item")
    assert by_item.at["Coefficient d'Angström-Prescott a", "value"] == 0.25
    assert "FAO-56" in by_item.at["Coefficient d'Angström-Prescott a", "source"]
    assert "Allen" in by_item.at["Coefficient d'Angström-Prescott b", "source"]
