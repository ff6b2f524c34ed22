"""``qsp new-site``: ``LISEZMOI.md`` starts with the inputs the copied files declare
``illustrative`` (file, key, path, source), before the « hypothèse » checklist."""

from __future__ import annotations

from qsp_lib.runner import sites

BUDGET = """site: concorde
convention_amount_eur: 4600000   # convention PIA signée (ANRU 2019)
actions_csv:
  path: pia_actions.csv
  status: illustrative
  source: "programme type : la répartition par action n'est pas publiée"
payments_csv: {path: pia_payments.csv, status: sourced, source: "grand livre MEL 2025"}
schedule_csv: pia_schedule.csv   # hypothèse : calendrier de la convention
"""
HEALTH = """site: concorde
files:
  exposure_csv: {path: exposure.csv, status: illustrative}
  zones: [{path: zone_a.csv, status: illustrative, source: niveaux inventés}]
berm_height_m: 6
"""


def _source(tmp_path):
    src = tmp_path / "parameters" / "concorde"
    src.mkdir(parents=True)
    (src / "pia_followup.yaml").write_text(BUDGET, encoding="utf-8")
    (src / "evaluation_indicators.yaml").write_text(HEALTH, encoding="utf-8")
    (src / "odd.yaml").write_text("x: {path: a.csv, status: douteux}\n", encoding="utf-8")
    return src


def test_illustrative_inputs_of_a_parameter_file(tmp_path):
    src = _source(tmp_path)
    found = sites.illustrative_inputs(src / "pia_followup.yaml")
    assert found == [
        sites.IllustrativeInput(
            "pia_followup.yaml",
            "actions_csv",
            "pia_actions.csv",
            "programme type : la répartition par action n'est pas publiée",
        )
    ]  # the sourced ledger and the bare path (estimated) are not listed
    nested = sites.illustrative_inputs(src / "evaluation_indicators.yaml")
    assert [(i.key_path, i.path, i.source) for i in nested] == [
        ("files.exposure_csv", "exposure.csv", None),
        ("files.zones[0]", "zone_a.csv", "niveaux inventés"),
    ]
    # unreadable or invalid files: nothing here, « qsp validate » reports them
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [1,\n", encoding="utf-8")
    assert sites.illustrative_inputs(broken) == []
    assert sites.illustrative_inputs(src / "odd.yaml") == []


def test_lisezmoi_starts_with_the_illustrative_inputs(tmp_path):
    _source(tmp_path)
    folder = sites.new_site(tmp_path, "mon-quartier", "concorde")
    text = (folder / sites.CHECKLIST).read_text(encoding="utf-8")
    first = text.index("## D'abord : 3 donnée(s) illustrative(s)")
    rows = [
        "- [ ] `evaluation_indicators.yaml` · `files.exposure_csv` : `exposure.csv` — source "
        "non indiquée",
        "- [ ] `evaluation_indicators.yaml` · `files.zones[0]` : `zone_a.csv` — source : "
        "niveaux inventés",
        "- [ ] `pia_followup.yaml` · `actions_csv` : `pia_actions.csv` — source : programme "
        "type : la répartition par action n'est pas publiée",
    ]
    positions = [text.index(r) for r in rows]
    hypotheses = text.index("## Hypothèses")
    assert first < positions[0] < positions[1] < positions[2] < hypotheses
    assert text.index("`schedule_csv` = `pia_schedule.csv`") > hypotheses
    assert "pia_payments.csv`" not in text.split("## Hypothèses")[0]


def test_no_illustrative_input_no_section(tmp_path):
    src = tmp_path / "parameters" / "demo"
    src.mkdir(parents=True)
    (src / "a.yaml").write_text("site: demo\nx: 1   # hypothèse : à vérifier\n", encoding="utf-8")
    text = (sites.new_site(tmp_path, "autre", "demo") / sites.CHECKLIST).read_text("utf-8")
    assert "illustrative" not in text and "## Hypothèses" not in text
    assert "`x` = `1`" in text


def test_the_site_model_s_illustrative_blocks_are_listed_too(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text(
        "name: X\npopulation:\n  status: illustrative\n  source: répartition inventée\n"
        "berm:\n  status: estimated\n",
        encoding="utf-8",
    )
    found = sites.illustrative_inputs(site)
    assert [(i.key_path, i.source) for i in found] == [("population", "répartition inventée")]
