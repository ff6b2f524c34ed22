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
