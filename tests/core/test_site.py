"""The site model (parameters/<site>/site.yaml): both sites load, the facts every notebook
shares add up by hand, bad files are refused with the file and key named, and the runner
validates and fingerprints it."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
import yaml

from qsp_lib.core import site
from qsp_lib.core.params import ParameterError
from qsp_lib.runner import fingerprints

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def concorde():
    return site.load(REPO / "parameters" / "concorde")


def test_concorde_facts_add_up(concorde):
    # 7 zones of the exposure file: 420 + 560 + 650 + 600 + 900 + 600 + 770 residents.
    assert concorde.population.residents == 4500
    assert concorde.reference_option.name == "Programme NPNRU signé"
    # NPNRU: 1 500 existing - 704 demolished + 1 104 new = 1 900 dwellings (Mediacités 2024),
    # x 2.6 persons per dwelling = 4 940 residents (the GHG note's figure).
    assert concorde.dwellings("npnru") == 1900
    assert concorde.future_residents("Programme NPNRU signé") == pytest.approx(4940)
    demolished = concorde.buildings_under("npnru", "demolish")
    assert sum(b.dwellings for b, _ in demolished) == 704
    assert sum(b.living_area_m2 for b, _ in demolished) == 45760  # 704 x 65 m²
    assert (
        sum(b.living_area_m2 for b, _ in concorde.buildings_under("demolition-totale", "demolish"))
        == 97500
    )
    assert not concorde.buildings_under("rehabilitation-maximale", "demolish")


def test_concorde_berm_section(concorde):
    berm = concorde.berm
    # 48 000 m² over 800 m: 60 m base; 10 m high; 10 m crest: trapezoid (10 + 60) / 2 x 10.
    assert berm.base_width_m * berm.length_m == 48000
    assert berm.fill_volume_m3 == pytest.approx(800 * 10 * (10 + 60) / 2)  # 280 000 m³
    assert berm.slope_deg == pytest.approx(math.degrees(math.atan(10 / 25)))  # 21.8°
    south = next(f for f in berm.faces if f.id == "talus-sud")
    assert south.azimuth_range_deg == (180, 225)
    assert concorde.block_status("population") == "estimated"
    assert concorde.block_status("berm") == "estimated"


def test_wazemmes_moulins_has_no_berm_and_its_programme_adds_up():
    w = site.load(REPO / "parameters" / "wazemmes-moulins")
    assert not w.has_berm
    assert w.population.residents == 2130
    # 520 acquired dwellings (MEL) x 2.0 persons.
    assert w.future_residents("programme-mel") == pytest.approx(1040)
    assert sum(b.dwellings for b, _ in w.buildings_under("programme-mel", "demolish")) == 59


def _broken(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "s"
    folder.mkdir()
    data = yaml.safe_load((REPO / "parameters" / "concorde" / "site.yaml").read_text("utf-8"))
    edit(data)
    (folder / "site.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder


@pytest.mark.parametrize(
    "edit, where, expected",
    [
        (lambda d: d["buildings"]["items"][0]["fate"].pop("npnru"), "buildings", "npnru"),
        (lambda d: d["options"]["items"][1].update(reference=True), "options", "exactement une"),
        (lambda d: d["berm"].update(crest_width_m=70), "berm", "base_width_m > crest_width_m"),
        (lambda d: d["berm"]["faces"][0].update(slope_deg=26.6), "berm", "21.8"),
        (lambda d: d["population"].update(status="mesuré"), "population.status", "illustrative"),
        (lambda d: d.update(latitud_deg=50.6), "latitud_deg", "latitude_deg"),
        (
            lambda d: d["buildings"]["items"][0]["fate"]["npnru"].pop("end_year"),
            "buildings",
            "end_year",
        ),
    ],
)
def test_bad_site_files_are_refused_with_file_and_key(tmp_path, edit, where, expected):
    folder = _broken(tmp_path, edit)
    with pytest.raises(ParameterError) as info:
        site.load(folder)
    text = str(info.value)
    assert "site.yaml" in text and where in text and expected in text


def test_a_missing_site_model_is_named(tmp_path):
    with pytest.raises(ParameterError, match="site.yaml"):
        site.load(tmp_path)


def test_the_runner_validates_the_site_model_before_any_notebook(tmp_path):
    from qsp_lib.runner import discover, prepare

    root = tmp_path / "proj"
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    folder = root / "parameters" / "concorde"
    shutil.copytree(REPO / "parameters" / "concorde", folder)
    specs = discover(root / "notebooks")
    assert prepare(root, "concorde", specs, ["pia_followup"])  # site.yaml is not a notebook's
    data = yaml.safe_load((folder / "site.yaml").read_text("utf-8"))
    data["population"]["persons_per_dwelling"] = -1
    (folder / "site.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ParameterError, match="persons_per_dwelling"):
        prepare(root, "concorde", specs, ["pia_followup"])


def test_editing_the_site_model_changes_every_fingerprint(tmp_path):
    folder = tmp_path / "s"
    shutil.copytree(REPO / "parameters" / "concorde", folder)
    before = fingerprints.site_model_hash(folder)
    text = (folder / "site.yaml").read_text("utf-8").replace("residents: 420", "residents: 421")
    (folder / "site.yaml").write_text(text, "utf-8")
    assert fingerprints.site_model_hash(folder) != before
    assert fingerprints.site_model_hash(tmp_path) == {}


def test_key_figures_may_rest_on_site_model_blocks():
    from qsp_lib.core import brief, params

    P = params.validate_file("pia_followup", REPO / "parameters" / "concorde" / "pia_followup.yaml")
    assert site.for_parameters(P).name == "Concorde"
    assert brief.card_status({"inputs": ("site.population",)}, P) == "estimated"
    assert brief.card_status({"inputs": ("site.options",)}, P) == "sourced"
    assert brief.card_status({"inputs": ("site.berm", "site.options")}, P) == "estimated"
