"""Fast unit tests of the engine (no kernel): ordering, fingerprints, error classification,
scheduling, parameters cell, variants metadata, new-site checklist."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import make_notebook

from qsp_lib.core import params
from qsp_lib.runner import fingerprints, notebooks, plan, scheduler, sites, worker


def _spec(name: str, depends_on=(), variants=None, gathers=None) -> notebooks.NotebookSpec:
    return notebooks.NotebookSpec(
        name=name,
        path=Path(f"/nowhere/{name}.ipynb"),
        title=name,
        depends_on=tuple(depends_on),
        gathers=bool(depends_on) if gathers is None else gathers,
        variants=variants,
    )


# --------------------------------------------------------------------------- ordering
def test_order_puts_dependencies_first_then_names():
    specs = {
        "synthesis": _spec("synthesis", ["b_energy", "a_carbon"]),
        "b_energy": _spec("b_energy"),
        "a_carbon": _spec("a_carbon", ["b_energy"]),
        "c_other": _spec("c_other"),
    }
    assert notebooks.order(specs, list(specs)) == ["b_energy", "a_carbon", "c_other", "synthesis"]


def test_order_with_only_keeps_the_selection_and_ignores_unselected_dependencies():
    specs = {"synthesis": _spec("synthesis", ["energy"]), "energy": _spec("energy")}
    assert notebooks.order(specs, ["synthesis"]) == ["synthesis"]


def test_order_refuses_cycles_and_unknown_dependencies():
    cyclic = {"a": _spec("a", ["b"]), "b": _spec("b", ["a"])}
    with pytest.raises(params.ParameterError, match="sans cycle"):
        notebooks.order(cyclic, ["a", "b"])
    unknown = {"a": _spec("a", ["enrgy"]), "energy": _spec("energy")}
    with pytest.raises(params.ParameterError, match="vouliez-vous dire energy"):
        notebooks.order(unknown, ["a"])


# ----------------------------------------------------------------- parameters cell
def test_parameters_cell_defaults_read_by_papermill(tmp_path):
    path = make_notebook(
        tmp_path / "nb.ipynb",
        'site = "demo"\narea_m2: float = 12.5\nmonthly = [\n    1,\n    2,\n]\nseed = 1 + 1\n',
        ["x = 1"],
    )
    defaults = notebooks.parameters_cell_defaults(path)
    assert defaults == {"site": "demo", "area_m2": 12.5, "monthly": [1, 2], "seed": None}
    # the same from a loaded notebook (tests/test_notebooks.py passes one)
    assert notebooks.parameters_cell_defaults(json.loads(path.read_text())) == defaults


def test_variants_metadata_is_read_and_checked(tmp_path):
    make_notebook(
        tmp_path / "synth.ipynb",
        'site = "demo"\naudience = "a"\n',
        ["x = 1"],
        {"variants": {"audience": ["a", "b_c"]}, "variant_labels": {"a": "comité A"}},
    )
    spec = notebooks.discover(tmp_path)["synth"]
    assert spec.stems() == [("a", "synth.a"), ("b_c", "synth.b_c")]
    assert spec.variant_label("a") == "comité A" and spec.variant_label("b_c") == "b_c"
    assert [p["audience"] for p in plan.variant_parameters(spec, {"site": "x"})] == ["a", "b_c"]
    make_notebook(tmp_path / "bad.ipynb", "x = 1\n", ["x = 1"], {"variants": {"audience": ["a/b"]}})
    with pytest.raises(params.ParameterError, match="variants"):
        notebooks.discover(tmp_path)


# ----------------------------------------------------------------------- fingerprints
@pytest.fixture
def site(tmp_path):
    site_dir = tmp_path / "parameters" / "demo"
    site_dir.mkdir(parents=True)
    (site_dir / "a.yaml").write_text("data: inputs.csv\n")
    (site_dir / "inputs.csv").write_text("x\n1\n")
    (site_dir / "b.yaml").write_text("label: b\n")
    nb_dir = tmp_path / "notebooks"
    make_notebook(nb_dir / "a.ipynb", 'site = "demo"\ndata = ""\n', ["x = 1"])
    make_notebook(
        nb_dir / "b.ipynb", 'site = "demo"\nlabel = ""\n', ["x = 1"], {"depends_on": ["a"]}
    )
    return tmp_path


def _prints(root: Path, **inject) -> dict[str, str]:
    specs = notebooks.discover(root / "notebooks")
    prepared = plan.prepare(root, "demo", specs, list(specs), **inject)
    return fingerprints.fingerprints(
        prepared, root / "parameters" / "demo", "lib", {"pandas": "2.2"}
    )


def test_fingerprint_changes_with_inputs_and_propagates_downstream(site):
    before = _prints(site)
    assert before == _prints(site)  # stable
    (site / "parameters" / "demo" / "inputs.csv").write_text("x\n2\n")  # a data file named
    after = _prints(site)
    assert after["a"] != before["a"] and after["b"] != before["b"]  # b depends on a
    (site / "parameters" / "demo" / "b.yaml").write_text("label: autre\n")
    again = _prints(site)
    assert again["a"] == after["a"] and again["b"] != after["b"]


def test_fingerprint_ignores_output_folders_and_unrelated_files(site, tmp_path):
    before = _prints(site)
    assert _prints(site, outputs_dir=tmp_path / "elsewhere") == before
    (site / "parameters" / "demo" / "notes.txt").write_text("not named by any parameter")
    assert _prints(site) == before
    specs = notebooks.discover(site / "notebooks")
    prepared = plan.prepare(site, "demo", specs, list(specs))
    other_versions = fingerprints.fingerprints(
        prepared, site / "parameters" / "demo", "lib", {"pandas": "3.0"}
    )
    assert other_versions["a"] != before["a"]  # a new pandas version re-runs everything
    other_lib = fingerprints.fingerprints(
        prepared, site / "parameters" / "demo", "lib2", {"pandas": "2.2"}
    )
    assert other_lib["a"] != before["a"]


# ---------------------------------------------------------------- error classification
def test_errors_are_classified_by_type():
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    def kernel_error(ename: str) -> PapermillExecutionError:
        return PapermillExecutionError(3, 3, "x", ename, "message du noyau", [])

    assert worker.error_kind(kernel_error("ParameterError")) == "parameters"
    assert worker.error_kind(kernel_error("ValueError")) == "error"
    assert worker.error_kind(kernel_error("TimeoutError")) == "error"  # raised by the notebook
    assert worker.error_kind(CellTimeoutError("cellule trop longue")) == "timeout"
    assert worker.error_kind(DeadKernelError("noyau mort")) == "crash"
    assert worker.error_kind(params.ParameterError([])) == "parameters"
    assert worker.error_kind(RuntimeError("x")) == "error"
    assert worker.error_summary(kernel_error("ValueError")) == "ValueError: message du noyau"


def test_papermill_unknown_parameter_warning_is_dropped_for_engine_names_only():
    import logging

    keep = worker._EngineNamesFilter().filter

    def record(msg):
        return logging.LogRecord("papermill", logging.WARNING, "", 0, msg, None, None)

    assert not keep(record("Passed unknown parameter: exports_dir"))
    assert not keep(record("Passed unknown parameter: outputs_dir"))
    assert keep(record("Passed unknown parameter: tilt_deg"))


# --------------------------------------------------------------------------- scheduling
class _Job:
    def __init__(self, key):
        self.key = key


def test_schedule_starts_a_job_after_its_upstream_whatever_its_outcome():
    events = []

    def run(job):
        events.append(("start", job.key))
        if job.key == "up":
            raise RuntimeError("perdu")
        return {"status": "ok"}

    def on_done(job, result):
        events.append(("done", job.key, result["status"]))

    jobs = [_Job("up"), _Job("down"), _Job("free")]
    with ThreadPoolExecutor(max_workers=1) as pool:
        scheduler.schedule(jobs, {"down": {"up"}}, pool, run, on_done)
    assert events.index(("done", "up", "failed")) < events.index(("start", "down"))
    assert ("done", "down", "ok") in events and ("done", "free", "ok") in events


# ---------------------------------------------------------------------------- new-site
def test_new_site_copies_sets_the_site_and_lists_the_assumptions(tmp_path):
    src = tmp_path / "parameters" / "concorde"
    src.mkdir(parents=True)
    (src / "pv_yield.yaml").write_text(
        "# En-tête : la géométrie est une hypothèse de travail.\n"
        "site: concorde\n"
        "\n"
        "latitude_deg: 50.6   # hypothèse : milieu de la butte\n"
        "albedo: 0.2          # Iqbal 1983\n"
        "arrays:\n"
        "  - name: Talus\n"
        "    area_m2: 4000    # Hypothèse : quart du talus\n"
        "# parts modales : hypothèse (EMP 2019)\n"
        "modal: {car: 0.6, walk: 0.4}\n"
        "label: 'a # not a comment'\n",
        encoding="utf-8",
    )
    (src / "inventory.csv").write_text("x\n1\n")
    folder = sites.new_site(tmp_path, "mon-quartier", "concorde")
    text = (folder / "pv_yield.yaml").read_text(encoding="utf-8")
    assert "site: mon-quartier\n" in text and "concorde" not in text.replace("# En", "")
    found = {(a.key_path, a.value) for a in sites.assumptions(folder / "pv_yield.yaml")}
    assert found == {
        ("", ""),
        ("latitude_deg", "50.6"),
        ("arrays[0].area_m2", "4000"),
        ("modal", "{car: 0.6, walk: 0.4}"),
    }
    checklist = (folder / sites.CHECKLIST).read_text(encoding="utf-8")
    assert "`latitude_deg` = `50.6` (ligne 4) — hypothèse : milieu de la butte" in checklist
    assert "inventory.csv" in checklist and "qsp validate --site mon-quartier" in checklist
    for bad in ("mon-quartier", "Mon Quartier", "../x"):
        with pytest.raises(params.ParameterError):
            sites.new_site(tmp_path, bad, "concorde")
    with pytest.raises(params.ParameterError, match="vouliez-vous dire concorde"):
        sites.new_site(tmp_path, "autre", "concorde2")


def test_set_site_adds_the_key_after_the_header_when_absent():
    assert sites.set_site("# titre\nx: 1\n", "b") == "# titre\nsite: b\nx: 1\n"
    assert sites.set_site("site: a   # dossier\n", "b") == "site: b   # dossier\n"


# ------------------------------------------------------------- a site's state, no kernel
def test_site_run_writes_results_after_each_notebook_and_aggregates_variants(tmp_path):
    from qsp_lib.runner import plan as plan_module
    from qsp_lib.runner.context import RunContext
    from qsp_lib.runner.session import SiteRun

    nb_dir = tmp_path / "notebooks"
    make_notebook(nb_dir / "up.ipynb", 'site = "demo"\nx = 1\n', ["y = 1"])
    make_notebook(
        nb_dir / "synth.ipynb",
        'site = "demo"\naudience = "a"\n',
        ["y = 1"],
        {"depends_on": ["up"], "parameters_optional": True, "variants": {"audience": ["a", "b"]}},
    )
    (tmp_path / "parameters" / "demo").mkdir(parents=True)
    (tmp_path / "parameters" / "demo" / "up.yaml").write_text("x: 2\n")
    specs = notebooks.discover(nb_dir)
    out_root = tmp_path / "out"
    prepared = plan_module.prepare(tmp_path, "demo", specs, list(specs), out_root / "demo")
    ctx = RunContext(root=tmp_path, out_root=out_root, echo=lambda *a, **k: None)
    site_run = SiteRun(ctx, "demo", specs, notebooks.order(specs, list(specs)), prepared)
    jobs = {job.stem: job for job in site_run.plan()}
    assert set(jobs) == {"up", "synth.a", "synth.b"}
    assert jobs["synth.b"].parameters["audience"] == "b"
    assert jobs["synth.a"].parameters["outputs_dir"] == str(out_root / "demo")
    assert site_run.waits_for(jobs["synth.a"]) == {("demo", "up")}

    Path(jobs["up"].exports_dir).mkdir(parents=True)
    (Path(jobs["up"].exports_dir) / "up.csv").write_text("a\n1\n")
    card = {"label": "X", "value": "2", "decimals": 0, "unit": "u", "note": "", "number": 2}
    ok = {"status": "ok", "scraps": {"x": 2}, "key_figures": [card]}
    site_run.record(jobs["up"], dict(ok, start="2026-01-01T00:00:00", duration_s=1.0))
    out = out_root / "demo"
    assert json.loads((out / "results.json").read_text()) == {"up": {"x": 2}}
    assert json.loads((out / "key_figures.json").read_text()) == {"up": [card]}
    assert json.loads((out / "run.json").read_text())["up"]["exports"] == ["up.csv"]
    assert (out / "up.csv").is_file()

    site_run.record(jobs["synth.a"], {"status": "ok", "scraps": {"s": "a"}, "duration_s": 2.0})
    assert "synth" not in json.loads((out / "run.json").read_text())  # b still running
    site_run.record(jobs["synth.b"], {"status": "failed", "kind": "crash", "error": "perdu"})
    run = json.loads((out / "run.json").read_text())
    assert run["synth"]["status"] == "failed" and run["synth"]["error_kind"] == "crash"
    assert {v: e["status"] for v, e in run["synth"]["variants"].items()} == {
        "a": "ok",
        "b": "failed",
    }
    assert "synth" not in json.loads((out / "results.json").read_text())
    assert site_run.failed() == ["synth"]
    site_run.cleanup()


# ------------------------------------------------------------------ cross-site page
def test_reading_order_puts_gatherers_first_then_their_upstream_as_listed():
    from qsp_lib.runner.site_index import reading_order

    specs = {
        "a_budget": _spec("a_budget"),
        "b_energy": _spec("b_energy"),
        "c_carbon": _spec("c_carbon"),
        "d_other": _spec("d_other"),
        "synthesis": _spec("synthesis", ["b_energy", "c_carbon", "a_budget"], ("audience", ("x",))),
    }
    assert reading_order(specs) == ["synthesis", "b_energy", "c_carbon", "a_budget", "d_other"]
    # without a gathering notebook: by name, as in the site index
    assert reading_order({n: _spec(n) for n in ("b", "a")}) == ["a", "b"]
    # an unknown dependency (refused by the run) does not break the page
    odd = {"s": _spec("s", ["absent", "e"]), "e": _spec("e")}
    assert reading_order(odd) == ["s", "e"]


def test_reading_order_a_reader_of_another_is_not_a_gatherer():
    from qsp_lib.runner.site_index import reading_order

    specs = {
        "a_budget": _spec("a_budget"),
        "c_carbon": _spec("c_carbon", ["b_energy"], gathers=False),
        "b_energy": _spec("b_energy"),
        "synthesis": _spec("synthesis", ["c_carbon", "b_energy"], gathers=True),
    }
    # c_carbon reads b_energy's results but stays in the synthesis's reading order
    assert reading_order(specs) == ["synthesis", "c_carbon", "b_energy", "a_budget"]


def test_discover_gathers_from_declaration_or_metadata(tmp_path):
    for name, meta in (("reader", {"depends_on": ["plain"]}), ("plain", {})):
        nb = {"cells": [], "metadata": {"qsp": meta}, "nbformat": 4, "nbformat_minor": 5}
        (tmp_path / f"{name}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    specs = notebooks.discover(tmp_path)
    assert specs["reader"].gathers is True  # metadata only: having a depends_on, as before
    assert specs["plain"].gathers is False
    library = notebooks.discover(Path(__file__).resolve().parents[2] / "notebooks")
    assert library["committee_synthesis"].gathers is True
    assert library["ghg_planning_options"].gathers is False
    assert library["ghg_planning_options"].depends_on == ("circular_materials",)


def _card(label, value, unit="", note=""):
    return {"label": label, "value": value, "unit": unit, "note": note}


def test_comparison_rows_align_figures_on_their_labels_with_gaps_where_a_site_has_none():
    from qsp_lib.runner.site_index import comparison_rows

    rows = comparison_rows(
        {
            "concorde": [
                _card("Matériaux issus des démolitions", "73\u202f490", "t"),
                _card(
                    "Bâtiments et travaux : Programme NPNRU signé", "83\u202f400", "tCO2e", "50 ans"
                ),
                _card("Remblai de la butte couvert par le site", "6\u00a0%"),
            ],
            "wazemmes-moulins": [
                _card("Mis en stockage (élimination)", "134", "t"),
                _card("Bâtiments et travaux : Programme MEL", "32\u202f400", "tCO2e"),
                _card("Matériaux issus des démolitions", "5\u202f241", "t"),
            ],
            "failed-site": [],
        }
    )
    by_label = {r["label"]: r["cells"] for r in rows}
    assert [r["label"] for r in rows] == [
        "Matériaux issus des démolitions",
        "Bâtiments et travaux",  # the option names differ by site: they move into the note
        "Remblai de la butte couvert par le site",
        "Mis en stockage (élimination)",
    ]
    same = by_label["Matériaux issus des démolitions"]
    assert same["concorde"]["value"] == "73\u202f490" and same["wazemmes-moulins"]["unit"] == "t"
    assert same["failed-site"] is None
    carbon = by_label["Bâtiments et travaux"]
    assert carbon["concorde"]["note"] == "Programme NPNRU signé · 50 ans"
    assert carbon["wazemmes-moulins"]["note"] == "Programme MEL"
    assert by_label["Remblai de la butte couvert par le site"]["wazemmes-moulins"] is None
    assert by_label["Mis en stockage (élimination)"]["concorde"] is None
    # a qualified label that no other site shares keeps its full name
    alone = comparison_rows({"a": [_card("Écart X : Y", "1")], "b": [_card("Autre", "2")]})
    assert [r["label"] for r in alone] == ["Écart X : Y", "Autre"]


def test_cross_site_page_is_one_table_per_notebook_from_the_saved_outputs(tmp_path):
    """The page is rebuilt from each site's run.json and key_figures.json, no kernel."""
    import html
    import re

    from qsp_lib.runner.site_index import write_cross_site_index

    nb_dir = tmp_path / "notebooks"
    make_notebook(nb_dir / "energy.ipynb", "x = 1\n", ["y = 1"], {"title": "Énergie"})
    make_notebook(nb_dir / "materials.ipynb", "x = 1\n", ["y = 1"], {"title": "Matériaux"})
    make_notebook(
        nb_dir / "synth.ipynb",
        'audience = "a"\n',
        ["y = 1"],
        {
            "title": "Synthèse",
            "depends_on": ["materials", "energy"],
            "variants": {"audience": ["a", "b"]},
            "variant_labels": {"a": "Comité A", "b": "Comité B"},
        },
    )
    specs = notebooks.discover(nb_dir)
    ok = {"status": "ok", "executed_at": "2026-11-30T01:00:00"}
    outputs = {
        "north": (
            {
                "energy": ok,
                "materials": ok,
                "synth": dict(ok, variants={"a": {"status": "ok"}, "b": {"status": "ok"}}),
            },
            {
                "energy": [_card("Puissance crête", "746", "kWc", "2 champs")],
                "materials": [_card("Remblai de la butte", "6\u00a0%")],
                "synth": [_card("Énergie : Puissance crête", "746", "kWc")],
            },
        ),
        "south": (
            {"energy": ok, "materials": {"status": "failed", "error_kind": "error"}},
            {"energy": [_card("Puissance crête", "567", "kWc")]},
        ),
    }
    for site, (run, cards) in outputs.items():
        (tmp_path / "out" / site).mkdir(parents=True)
        (tmp_path / "out" / site / "run.json").write_text(json.dumps(run))
        (tmp_path / "out" / site / "key_figures.json").write_text(json.dumps(cards))
    for stem in ("synth.a", "synth.b"):
        (tmp_path / "out" / "north" / f"{stem}.html").write_text("<html></html>")

    page = write_cross_site_index(tmp_path / "out", ["north", "south"], specs, {}, None)
    text = page.read_text(encoding="utf-8")
    articles = re.findall(r'<article class="qsp-entry qsp-compare" id="(\w+)">', text)
    assert articles == ["synth", "materials", "energy"]  # the gatherer, then as it lists them
    energy = text.split('id="energy"')[1]
    assert energy.count("<table>") == 1
    heads = re.findall(r'<th scope="col" class="num">(.*?)</th>', energy)
    assert len(heads) == 2 and all("qsp-status ok" in h for h in heads)
    assert 'href="north/energy.html">North' in heads[0]
    row = re.search(r'<tr><th scope="row">Puissance crête</th>(.*?)</tr>', energy).group(1)
    assert re.findall(r'qsp-cmp-value">([^<]*)<', row) == ["746", "567"]
    assert row.count("kWc") == 2 and "2 champs" in row

    materials = text.split('id="materials"')[1].split("</article>")[0]
    assert "qsp-status failed" in materials
    row = re.search(r'<tr><th scope="row">Remblai de la butte</th>(.*?)</tr>', materials).group(1)
    assert "6\u00a0%" in html.unescape(row) and 'qsp-cmp-none">—' in row
    assert 'note en échec, voir la <a href="south/index.html">page du site' in materials

    synth = text.split('id="synth"')[1].split("</article>")[0]
    assert 'href="north/synth.a.html">Comité A' in synth
    assert 'href="north/synth.b.html">Comité B' in synth
    assert 'href="north/index.html"' in text and 'href="south/index.html"' in text


def test_a_declared_upstream_the_project_does_not_ship_is_dropped(tmp_path):
    """GHG reads the materials results; a project with the GHG notebook alone still runs it
    (the note then says the materials balance is missing)."""
    import shutil

    from qsp_lib.runner.notebooks import discover

    repo = Path(__file__).resolve().parents[2]
    shutil.copy(repo / "notebooks" / "ghg_planning_options.ipynb", tmp_path)
    assert discover(tmp_path)["ghg_planning_options"].depends_on == ()
    shutil.copy(repo / "notebooks" / "circular_materials.ipynb", tmp_path)
    assert discover(tmp_path)["ghg_planning_options"].depends_on == ("circular_materials",)
