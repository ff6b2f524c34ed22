"""A small hand-made site model (``site.yaml``) for the evaluation tests."""

import shutil
from pathlib import Path

import yaml

#: Concorde's parameter folder.
CONCORDE = Path(__file__).resolve().parents[2] / "parameters" / "concorde"

#: A zone of the hand-made site model: 100 residents, 120 m from the road, receiver at 4 m.
ZONE_A = {"id": "a", "name": "Zone A", "residents": 100, "distance_to_road_m": 120}
#: A berm 10 m high, crest 10 m, base 60 m, road axis 20 m from its foot: far foot at 80 m.
BERM = {
    "status": "estimated",
    "length_m": 800,
    "height_m": 10,
    "crest_width_m": 10,
    "base_width_m": 60,
    "distance_to_road_m": 20,
}


def write_site(folder, zones=(ZONE_A,), berm=None, status="estimated"):
    """Write a minimal ``site.yaml`` in ``folder``: ``zones``, and ``berm`` when given."""
    site = {
        "name": "Essai",
        "commune": "Lille",
        "latitude_deg": 50.6,
        "longitude_deg": 3.0,
        "population": {"status": status, "persons_per_dwelling": 2.0, "zones": list(zones)},
        "options": {"items": [{"id": "ref", "name": "Référence", "reference": True}]},
        "buildings": {
            "items": [
                {
                    "id": "b",
                    "name": "Barre",
                    "typology": "collectif",
                    "living_area_m2": 1000,
                    "dwellings": 10,
                    "heating_carrier": "gas",
                    "fate": {"ref": {"fate": "keep"}},
                }
            ]
        },
        "berm": berm,
    }
    path = folder / "site.yaml"
    path.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def copy_site(tmp_path, edit, source=CONCORDE):
    """A copy of a site's folder whose ``site.yaml`` is changed by ``edit(dict)``; returns
    the copy's folder."""
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    path = folder / "site.yaml"
    site = yaml.safe_load(path.read_text("utf-8"))
    edit(site)
    path.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), "utf-8")
    return folder
