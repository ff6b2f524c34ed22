"""A small demolition inventory (a hazardous line, natural soil) and its routes, with the
reference tables, shared by the materials tests."""

import pandas as pd

from qsp_lib.materials import reference

CATALOGUE = reference.materials_catalogue()
FACTORS = reference.materials_factors()
COSTS = reference.materials_costs()
DISTANCES = {
    "reuse_on_site": 0,
    "reuse_off_site": 20,
    "recycling": 15,
    "backfilling": 25,
    "energy_recovery": 20,
    "disposal": 30,
}


def _inventory(rows):
    cols = ["building", "element", "material", "low_code", "hazardous", "quantity_t"]
    return pd.DataFrame(rows, columns=cols)


#: Fixture with a hazardous line and natural soil, both outside the WFD rate.
FIXTURE = _inventory(
    [
        ("A", "structure", "concrete", "17 01 01", False, 100.0),
        ("A", "portes", "wood", "17 02 01", False, 20.0),
        ("A", "dalles amiantées", "asbestos", "17 06 05*", True, 10.0),
        ("A", "terres", "soil_stones", "17 05 04", False, 50.0),
        ("A", "cloisons", "gypsum", "17 08 02", False, 10.0),
    ]
)
ROUTES = {
    "concrete": {"reuse_on_site": 0.5, "recycling": 0.3, "disposal": 0.2},
    "wood": {"recycling": 0.5, "energy_recovery": 0.5},
    "asbestos": {"disposal": 1.0},
    "soil_stones": {"backfilling": 1.0},
    "gypsum": {"recycling": 0.4, "disposal": 0.6},
}


def write_site(folder, *, fate_other="keep", berm=True):
    """A hand-made ``site.yaml`` in ``folder``: one building « Barre X » (100 m² of a 1960s
    concrete slab block) demolished in 2024 under option ``ref`` (the reference) and
    ``fate_other`` under option ``autre``; with ``berm``, a 25 m berm 2 m high, crest 1 m and
    base 9 m: 25 x 2 x (1 + 9) / 2 = 250 m³ of fill."""
    from pathlib import Path

    import yaml

    other = {"fate": fate_other}
    if fate_other in ("demolish", "rehabilitate"):
        other.update(start_year=2025, end_year=2025)
    data = {
        "name": "Site test",
        "commune": "Lille",
        "latitude_deg": 50.6,
        "longitude_deg": 3.0,
        "population": {
            "persons_per_dwelling": 2.0,
            "zones": [{"id": "z", "name": "Zone", "residents": 100}],
        },
        "options": {
            "items": [
                {"id": "ref", "name": "Référence", "reference": True},
                {"id": "autre", "name": "Autre"},
            ]
        },
        "buildings": {
            "items": [
                {
                    "id": "barre-x",
                    "name": "Barre X",
                    "typology": "slab_block_concrete_1960s",
                    "living_area_m2": 100,
                    "dwellings": 2,
                    "heating_carrier": "gas",
                    "fate": {
                        "ref": {"fate": "demolish", "start_year": 2024, "end_year": 2024},
                        "autre": other,
                    },
                }
            ]
        },
        "berm": {
            "length_m": 25,
            "height_m": 2,
            "crest_width_m": 1,
            "base_width_m": 9,
            "distance_to_road_m": 20,
        }
        if berm
        else None,
    }
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder
